import { Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AlertsService } from '../alerts/alerts.service';
import { Public } from '../auth/auth.guard';
import { daysBetween } from '../common/calendar-date';
import { SEVERITIES } from '../compliance/finding';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { endOfParisDay } from '../deadlines/breach-timeline';
import { field, WebRequest, bodyOf } from './context';
import { deadlineStrip, eventDay } from './figures';
import { subjectHref } from './links';
import { OrgData } from './org-data';
import { WebRenderer } from './render.service';
import { WebGuard } from './web.guard';

const HORIZON_DAYS = 90;

/** Rule families, from the rule ids' first part, in the catalog's order. */
export const FAMILIES = ['register', 'transfer', 'certificate', 'hds', 'dpa', 'subprocessor', 'breach'] as const;

/** The organisation at a glance: what is wrong, what is due in the next 90 days, what has not been seen. */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@Controller('o/:slug')
export class DashboardController {
  constructor(
    private readonly data: OrgData,
    private readonly deadlines: DeadlinesService,
    private readonly alerts: AlertsService,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  async dashboard(@Req() req: WebRequest, @Res() res: Response, @Query('asOf') asOfQuery?: string): Promise<void> {
    const lang = req.web.lang;
    const base = `/o/${req.web.org!.slug}`;
    const asOf = this.data.asOf(req, asOfQuery);
    const { snapshot, report } = await this.data.check(req, asOf.date);
    const open = report.findings.filter((f) => f.status === 'open');
    const families = FAMILIES.map((family) => {
      const of = open.filter((f) => f.ruleId.split('.')[0] === family);
      return {
        family,
        label: `family.${family}`,
        total: of.length,
        counts: SEVERITIES.map((severity) => ({ severity, n: of.filter((f) => f.severity === severity).length })),
      };
    }).filter((f) => f.total > 0);
    // Judged at the end of the day asked, or now when it is today.
    const at = asOf.other ? endOfParisDay(asOf.date) : req.web.now.toISOString();
    const end = this.data.horizon(asOf.date, HORIZON_DAYS);
    const events = this.deadlines
      .events(snapshot, at)
      .map((e) => ({ ...e, day: eventDay(e) }))
      .filter((e) => e.day >= asOf.date && e.day <= end);
    const months: { label: string; events: object[] }[] = [];
    for (const e of events) {
      const label = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(`${e.day}T00:00:00Z`));
      if (months[months.length - 1]?.label !== label) months.push({ label, events: [] });
      const daysLeft = daysBetween(asOf.date, e.day);
      months[months.length - 1].events.push({
        day: e.day,
        instant: e.instant ?? null,
        title: e.title[lang],
        category: e.category,
        categoryLabel: `category.${e.category}`,
        href: subjectHref(base, { type: e.subject.type, id: e.subject.key }, snapshot),
        daysLeft,
        soon: daysLeft <= 14,
      });
    }
    const alerts = (await this.alerts.list(req.web.org!.slug, 'open')).slice(0, 20).map((a) => ({
      id: a.id,
      message: a.message[lang],
      kind: a.kind,
      due: a.due,
      createdAt: a.createdAt,
      href: subjectHref(base, { type: a.subject.type as 'certificate', id: a.subject.key }, snapshot),
    }));
    this.renderer.page(
      req,
      res,
      'dashboard',
      {
        asOf,
        summary: report.summary,
        severities: SEVERITIES.map((s) => ({ severity: s, n: report.summary[s], label: `severity.${s}` })),
        families,
        treatments: snapshot.treatments.length,
        subcontractors: snapshot.subcontractors.length,
        breaches: snapshot.breaches.length,
        months,
        eventCount: events.length,
        strip: deadlineStrip(events, asOf.date, HORIZON_DAYS, lang),
        alerts,
        horizon: HORIZON_DAYS,
        end,
      },
      { title: 'nav.dashboard', nav: 'dashboard' },
    );
  }

  @Post('alerts/:id/acknowledge')
  async acknowledge(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    await this.alerts.acknowledge(req.web.org!.slug, id, field(bodyOf(req), 'note') || undefined);
    const back = field(bodyOf(req), 'back') === 'alerts' ? '/alerts' : '';
    this.renderer.redirect(req, res, `/o/${req.web.org!.slug}${back}`, { key: 'flash.alertAcknowledged' });
  }
}
