import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors';
import { ComplianceService } from '../compliance/compliance.service';
import { parisDate, parisToday } from '../deadlines/calendar-date';
import { breachTimeline, endOfParisDay, Timeline } from './timeline';

@Injectable()
export class BreachesService {
  constructor(private readonly compliance: ComplianceService) {}

  /**
   * The notification chain of one breach judged at an instant: `at` is an ISO instant, or a day
   * (YYYY-MM-DD, meaning its end, 24:00 Europe/Paris); default now.
   */
  async timeline(slug: string, key: string, at?: string): Promise<Timeline> {
    const instant = !at ? new Date().toISOString() : at.length === 10 ? endOfParisDay(at) : at;
    const snapshot = await this.compliance.snapshot(slug, at ? parisDate(instant) : parisToday());
    const breach = snapshot.breaches.find((b) => b.key === key);
    if (!breach) throw new NotFoundError('Breach', key);
    return breachTimeline(snapshot, breach, instant);
  }
}
