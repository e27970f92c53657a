import { Injectable } from '@nestjs/common';
import { addDays, parisDate } from '../common/calendar-date';
import { isIsoDate } from '../common/validators';
import { ComplianceService, FindingsReport } from '../compliance/compliance.service';
import type { ComplianceSnapshot } from '../snapshot/snapshot';
import type { WebRequest } from './context';
import { formatInput, parseDateInput } from './forms/form';

export interface AsOf {
  /** The day the page speaks of (YYYY-MM-DD, Paris). */
  date: string;
  /** What to show in the "as of" input. */
  input: string;
  /** The typed value could not be read: today is shown instead. */
  invalid: boolean;
  /** Not today: pages say so. */
  other: boolean;
  today: string;
}

/** What most organisation pages need: the day asked, the snapshot and its findings, built once per request. */
@Injectable()
export class OrgData {
  constructor(private readonly compliance: ComplianceService) {}

  today(req: WebRequest): string {
    return parisDate(req.web.now);
  }

  /** `?asOf=` in the person's format (31/12/2026) or ISO; an unreadable one falls back to today, flagged. */
  asOf(req: WebRequest, value: unknown): AsOf {
    const today = this.today(req);
    const typed = typeof value === 'string' ? value.trim() : '';
    const parsed = typed ? parseDateInput(typed) : undefined;
    const ok = parsed !== undefined && isIsoDate(parsed);
    const date = ok ? parsed : today;
    return {
      date,
      input: ok || !typed ? formatInput('date', date, req.web.lang) : typed,
      invalid: !!typed && !ok,
      other: date !== today,
      today,
    };
  }

  check(req: WebRequest, asOf: string): Promise<{ snapshot: ComplianceSnapshot; report: FindingsReport }> {
    return this.compliance.check(req.web.org!.slug, { asOf, lang: req.web.lang });
  }

  horizon(asOf: string, days: number): string {
    return addDays(asOf, days);
  }
}
