import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { addDays, daysBetween } from '../common/calendar-date';
import type { Lang } from '../common/i18n';
import type { Finding } from '../compliance/finding';
import { parisDate } from '../common/calendar-date';
import type { CalendarEvent } from '../deadlines/calendar-feed';
import { hdsActivity, sortHdsActivities } from '../reference/hds-activities';
import { certificateKind } from '../reference/reference-data';
import type { Certificate, ComplianceSnapshot } from '../snapshot/snapshot';
import { SnapshotIndex } from '../snapshot/snapshot-index';

/*
 * Figures drawn on the server as SVG: geometry only (positions, sizes, classes); the templates write
 * the elements and every text is escaped there. Colours come from the stylesheet's classes, never
 * from inline styles, so the pages keep `default-src 'self'`.
 */

export type CertificateState = 'valid' | 'expiring' | 'expired' | 'future' | 'unknown';

const locale = (lang: Lang) => (lang === 'fr' ? 'fr-FR' : 'en-GB');
const shortDate = (date: string, lang: Lang) =>
  new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
const monthYear = (date: string, lang: Lang) =>
  new Intl.DateTimeFormat(locale(lang), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

/**
 * A certificate's state on a day. The rules' findings decide where they speak (expired, expiring,
 * withdrawn edition); otherwise the validity dates computed by the snapshot index do.
 */
export function certificateState(ctx: SnapshotIndex, c: Certificate, findings: readonly Finding[]): CertificateState {
  const about = findings.filter((f) => f.subject.type === 'certificate' && f.subject.id === c.key);
  if (about.some((f) => f.ruleId === 'certificate.expired')) return 'expired';
  if (about.some((f) => f.ruleId === 'certificate.expiring' || f.ruleId === 'certificate.edition-withdrawn')) {
    return 'expiring';
  }
  const end = ctx.certificateEnd(c).date;
  if (c.validFrom && c.validFrom > ctx.asOf) return 'future';
  if (!end) return 'unknown';
  return ctx.isValidOn(c) ? 'valid' : 'expired';
}

export interface Tick {
  x: number;
  label: string;
}

/** Certificates as bars on a time axis, with a line on the day asked. */
export function validityBars(
  ctx: SnapshotIndex,
  certificates: readonly Certificate[],
  findings: readonly Finding[],
  lang: Lang,
) {
  const asOf = ctx.asOf;
  const rows = certificates.map((c) => ({ c, end: ctx.certificateEnd(c), state: certificateState(ctx, c, findings) }));
  const dates = [
    addDays(asOf, -365),
    addDays(asOf, 365),
    ...rows.flatMap((r) => [r.c.validFrom, r.end.date].filter((d): d is string => !!d)),
  ].sort();
  const start = dates[0].slice(0, 8) + '01';
  const finish = addDays(dates[dates.length - 1], 31);
  const left = 8;
  const width = 720;
  const span = Math.max(1, daysBetween(start, finish));
  const x = (date: string) => left + (daysBetween(start, date) / span) * (width - 2 * left);
  const rowHeight = 46;
  const top = 24;
  const ticks: Tick[] = [];
  for (let d = start; d <= finish; d = addDays(d.slice(0, 8) + '01', 40).slice(0, 8) + '01') {
    const month = Number(d.slice(5, 7));
    if (month === 1 || month === 7 || span < 800) ticks.push({ x: x(d), label: monthYear(d, lang) });
  }
  return {
    width,
    height: top + rows.length * rowHeight + 10,
    axisY: top - 6,
    ticks: ticks.map((t) => ({ ...t, y: top - 10 })),
    asOfX: x(asOf),
    asOfLabel: shortDate(asOf, lang),
    lineBottom: top + rows.length * rowHeight,
    bars: rows.map((r, i) => {
      const from = r.c.validFrom ?? start;
      const to = r.end.date ?? finish;
      const x0 = x(from);
      return {
        key: r.c.key,
        x: x0,
        y: top + i * rowHeight + 18,
        width: Math.max(3, x(to) - x0),
        height: 16,
        labelY: top + i * rowHeight + 13,
        labelX: left,
        state: r.state,
        openStart: !r.c.validFrom,
        openEnd: !r.end.date,
        derived: r.end.derived,
        label: [certificateKind(r.c.kind).short, r.c.edition, r.c.number ? `n° ${r.c.number}` : undefined]
          .filter(Boolean)
          .join(' · '),
      };
    }),
  };
}

/** The next days' deadlines as dots on a strip (the list under it says the same in words). */
export function deadlineStrip(
  events: readonly (CalendarEvent & { day: string })[],
  from: string,
  days: number,
  lang: Lang,
) {
  const width = 760;
  const left = 30;
  const scale = (width - 2 * left) / days;
  const x = (date: string) => left + daysBetween(from, date) * scale;
  const stack = new Map<number, number>();
  const dots = events.map((e) => {
    const cx = Math.round(x(e.day));
    const bucket = Math.round(cx / 10);
    const level = stack.get(bucket) ?? 0;
    stack.set(bucket, level + 1);
    return { cx, cy: 54 - level * 12, category: e.category, title: `${shortDate(e.day, lang)} — ${e.title[lang]}` };
  });
  const ticks: Tick[] = [];
  for (let d = 0; d <= days; d += 15) ticks.push({ x: x(addDays(from, d)), label: shortDate(addDays(from, d), lang) });
  const top = Math.min(0, ...dots.map((d) => d.cy - 8));
  return { width, height: 90 - top, viewY: top, ticks, dots, axisY: 64, todayX: x(from) };
}

export function eventDay(e: CalendarEvent): string {
  return e.date ?? parisDate(e.instant ?? '');
}

// ——— The chain ———

export interface ChainNode {
  id: string;
  href: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
  cls: string;
  title: string;
  lines: { text: string; y: number; cls: string }[];
  tooltip: string;
}

export interface ChainDiagram {
  width: number;
  height: number;
  nodes: ChainNode[];
  edges: { d: string }[];
  /** The same chain as nested lists, for screen readers and narrow screens. */
  outline: OutlineItem[];
}

export interface OutlineItem {
  name: string;
  href: string;
  country: string | null;
  hds: string | null;
  status: string;
  statusCls: string;
  children: OutlineItem[];
}

const NODE_WIDTH = 250;
const LINE = 15;

const clip = (text: string, max = 32) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

interface ChainTexts {
  noCertificate: string;
  certificate: (kind: string, state: CertificateState, end: string | null) => string;
  hds: string;
  organisation: string;
}

/**
 * Organisation → processors → sub-processors, laid out by ELK's layered algorithm (left to right),
 * with each actor's HDS activities and the state of its certificates on the day asked.
 */
export async function chainDiagram(
  snapshot: ComplianceSnapshot,
  findings: readonly Finding[],
  base: string,
  lang: Lang,
  texts: ChainTexts,
): Promise<ChainDiagram> {
  const ctx = new SnapshotIndex(snapshot);
  const info = new Map<
    string,
    { lines: { text: string; cls: string }[]; cls: string; status: string; statusCls: string; hds: string | null }
  >();
  for (const s of snapshot.subcontractors) {
    const activities = sortHdsActivities(ctx.engagementsOf(s.key).flatMap((e) => e.hdsActivities ?? []));
    const hds = activities.length ? `${texts.hds} ${activities.map((a) => hdsActivity(a).number).join(', ')}` : null;
    const certs = ctx.certificatesOf(s.key).map((c) => ({ c, state: certificateState(ctx, c, findings) }));
    const rank: Record<CertificateState, number> = { expired: 0, expiring: 1, unknown: 2, future: 3, valid: 4 };
    certs.sort((a, b) => rank[a.state] - rank[b.state]);
    const statusLines = certs.length
      ? certs.slice(0, 2).map(({ c, state }) => ({
          text: clip(texts.certificate(c.kind, state, ctx.certificateEnd(c).date ?? null), 38),
          cls:
            state === 'expired'
              ? 'node-status-bad'
              : state === 'expiring'
                ? 'node-status-warn'
                : state === 'valid'
                  ? 'node-status-good'
                  : 'node-line',
        }))
      : [{ text: texts.noCertificate, cls: 'node-line' }];
    const worst = certs[0]?.state;
    const cls = worst === 'expired' ? 'bad' : worst === 'expiring' ? 'warn' : worst === 'valid' ? 'good' : '';
    const where = [s.country, s.parentCountry && s.parentCountry !== s.country ? `(${s.parentCountry})` : null]
      .filter(Boolean)
      .join(' ');
    info.set(s.key, {
      lines: [
        ...(where || hds ? [{ text: [where, hds].filter(Boolean).join(' · '), cls: 'node-line' }] : []),
        ...statusLines,
      ],
      cls,
      status: statusLines.map((l) => l.text).join(' ; '),
      statusCls: cls,
      hds,
    });
  }
  const orgId = '__organisation';
  const height = (key: string) => 26 + (info.get(key)?.lines.length ?? 1) * LINE + 8;
  const used = new Set(snapshot.engagements.flatMap((e) => [e.provider, ...(e.client ? [e.client] : [])]));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '18',
      'elk.layered.spacing.nodeNodeBetweenLayers': '60',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: [
      { id: orgId, width: 200, height: 56 },
      ...snapshot.subcontractors
        .filter((s) => used.has(s.key))
        .map((s) => ({ id: s.key, width: NODE_WIDTH, height: height(s.key) })),
    ],
    edges: snapshot.engagements
      .filter((e) => used.has(e.provider))
      .map((e) => ({ id: `e:${e.key}`, sources: [e.client ?? orgId], targets: [e.provider] })),
  };
  const laid = await new ELK().layout(graph);
  const nodes: ChainNode[] = (laid.children ?? []).map((n) => {
    const isOrg = n.id === orgId;
    const s = isOrg ? undefined : ctx.subcontractor(n.id);
    const details = info.get(n.id);
    const title = isOrg ? snapshot.organisation.name : (s?.name ?? n.id);
    return {
      id: n.id,
      href: isOrg ? `${base}/settings` : `${base}/subcontractors/${encodeURIComponent(n.id)}`,
      x: n.x ?? 0,
      y: n.y ?? 0,
      width: n.width ?? NODE_WIDTH,
      height: n.height ?? 50,
      cls: isOrg ? 'org' : (details?.cls ?? ''),
      title: clip(title, isOrg ? 26 : 32),
      lines: (isOrg ? [{ text: texts.organisation, cls: 'node-line' }] : (details?.lines ?? [])).map((l, i) => ({
        ...l,
        y: 38 + i * LINE,
      })),
      tooltip: [title, ...(details?.lines.map((l) => l.text) ?? [])].join(' — '),
    };
  });
  const edges = (laid.edges ?? []).flatMap((e) =>
    (e.sections ?? []).map((sec) => ({
      d: [sec.startPoint, ...(sec.bendPoints ?? []), sec.endPoint]
        .map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`)
        .join(' '),
    })),
  );
  const outline = (client: string | undefined, seen: Set<string>): OutlineItem[] =>
    ctx.engagementsMadeBy(client ?? '').flatMap((e) => {
      if (seen.has(e.provider)) return [];
      const s = ctx.subcontractor(e.provider);
      const d = info.get(e.provider);
      return [
        {
          name: s?.name ?? e.provider,
          href: `${base}/subcontractors/${encodeURIComponent(e.provider)}`,
          country: s?.country ?? null,
          hds: d?.hds ?? null,
          status: d?.status ?? texts.noCertificate,
          statusCls: d?.statusCls ?? '',
          children: outline(e.provider, new Set([...seen, e.provider])),
        },
      ];
    });
  return {
    width: Math.ceil((laid.width ?? 400) + 4),
    height: Math.ceil((laid.height ?? 200) + 4),
    nodes,
    edges,
    outline: outline(undefined, new Set()),
  };
}
