import data from './data/hds-activities.json';

export type HdsActivityCode =
  | 'physical-sites'
  | 'hardware'
  | 'virtual-infrastructure'
  | 'application-platform'
  | 'administration-operation'
  | 'backup';

export interface HdsActivity {
  code: HdsActivityCode;
  /** Official number in CSP art. R.1111-9 (1–6). Contracts may number differently. */
  number: number;
  certificateType: 'physical-infrastructure' | 'managed-hosting';
  label: { fr: string; en: string };
  short: { fr: string; en: string };
}

export const HDS_ACTIVITIES: readonly HdsActivity[] = data.activities as HdsActivity[];
export const HDS_ACTIVITY_CODES: readonly HdsActivityCode[] = HDS_ACTIVITIES.map((a) => a.code);

const byCode = new Map(HDS_ACTIVITIES.map((a) => [a.code, a]));

export function isHdsActivityCode(value: unknown): value is HdsActivityCode {
  return typeof value === 'string' && byCode.has(value as HdsActivityCode);
}

export function hdsActivity(code: HdsActivityCode): HdsActivity {
  const activity = byCode.get(code);
  if (!activity) throw new Error(`Unknown HDS activity ${code}`);
  return activity;
}

/** Sorts activity codes by their official R.1111-9 number. */
export function sortHdsActivities(codes: Iterable<HdsActivityCode>): HdsActivityCode[] {
  return [...new Set(codes)].sort((a, b) => hdsActivity(a).number - hdsActivity(b).number);
}
