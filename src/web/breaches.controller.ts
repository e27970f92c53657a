import { bodyOf } from './context';
import { Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.guard';
import { NotificationDto, CreateBreachDto } from '../breaches/breach.dto';
import { BreachEntity } from '../breaches/breach.entity';
import { breachStore } from '../breaches/breach.store';
import { DomainError, FieldProblem, NotFoundError } from '../common/errors';
import { RecordsService } from '../common/records/records.service';
import { validateAs } from '../common/validate';
import { isIsoDate, isIsoInstant } from '../common/validators';
import { BREACH_CONTENT } from '../compliance/rules/breach-content-incomplete.rule';
import { endOfParisDay, Timeline } from '../deadlines/breach-timeline';
import { DeadlinesService } from '../deadlines/deadlines.service';
import type { ComplianceSnapshot } from '../snapshot/snapshot';
import type { WebRequest } from './context';
import { CrudPages, RecordKind } from './crud-pages';
import { findingView } from './findings.controller';
import { FormModel, FormSpec, parseForm, renderForm } from './forms/form';
import { breachForm, choicesFor } from './forms/specs';
import { OrgData } from './org-data';
import { WebRenderer } from './render.service';
import { formatDuration } from './views';
import { WebGuard } from './web.guard';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

const BREACH: RecordKind<BreachEntity, CreateBreachDto> = {
  store: breachStore,
  dto: CreateBreachDto,
  spec: breachForm,
  what: 'what.breach',
  nav: 'breaches',
  path: '/breaches',
  titles: { new: 'breach.newTitle', edit: 'breach.editTitle', create: 'breach.create', intro: 'breach.newIntro' },
  flash: { created: 'flash.breachCreated', saved: 'flash.saved', deleted: 'flash.deleted' },
  keyFrom: { prefix: 'v-', text: (v) => str(v.title) },
  taken: (s) => s.breaches.map((b) => b.key),
  showHref: (base, key) => `${base}/breaches/${encodeURIComponent(key)}`,
  name: (r) => str(r.title),
};

/** One notification, as the "record a notification" form of a breach's page sends it. */
const NOTIFY_FORM: FormSpec = {
  sections: [
    {
      legend: 'breach.notifyLegend',
      items: [
        {
          kind: 'select',
          name: 'from',
          label: 'field.row.from',
          required: true,
          choices: 'parties',
          empty: 'form.choose',
        },
        { kind: 'select', name: 'to', label: 'field.row.to', required: true, choices: 'parties', empty: 'form.choose' },
        { kind: 'instant', name: 'at', label: 'breach.notifiedAt', required: true, hint: 'hint.instant' },
        { kind: 'text', name: 'reference', label: 'field.row.reference' },
        {
          kind: 'select',
          name: 'phase',
          label: 'field.row.phase',
          options: [
            { value: 'initial', label: 'phase.initial' },
            { value: 'complement', label: 'phase.complement' },
          ],
        },
      ],
    },
  ],
};

/**
 * Breaches: record one, follow its notification chain live (each party's due instant, time left,
 * late flags), the Art. 33(3) checklist, the breach report.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@Controller('o/:slug/breaches')
export class BreachesController {
  constructor(
    private readonly data: OrgData,
    private readonly deadlines: DeadlinesService,
    private readonly records: RecordsService,
    private readonly crud: CrudPages,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  async list(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const { snapshot } = await this.data.check(req, this.data.today(req));
    const now = req.web.now.toISOString();
    const rows = snapshot.breaches.map((b) => {
      const timeline = this.deadlines.timelineOf(snapshot, b, now);
      const next = timeline.steps
        .filter((s) => s.status === 'pending' && s.due)
        .sort((x, y) => Date.parse(x.due!) - Date.parse(y.due!))[0];
      return {
        key: b.key,
        title: b.title,
        riskLevel: b.riskLevel,
        awareAt: b.organisationAwareAt ?? null,
        summary: timeline.summary,
        next: next
          ? {
              to: partyName(next.to),
              due: next.due,
              left: formatDuration(Date.parse(next.due!) - req.web.now.getTime(), req.web.lang),
            }
          : null,
      };
    });
    this.renderer.page(req, res, 'breaches', { rows }, { title: 'nav.breaches', nav: 'breaches' });
  }

  @Get('new')
  newForm(@Req() req: WebRequest, @Res() res: Response) {
    return this.crud.newForm(req, res, BREACH, {});
  }

  @Post('new')
  create(@Req() req: WebRequest, @Res() res: Response) {
    return this.crud.create(req, res, BREACH);
  }

  @Get(':key')
  async detail(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string, @Query('at') at?: string) {
    await this.show(req, res, key, str(at), null, 200);
  }

  @Post(':key/notify')
  async notify(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string): Promise<void> {
    const slug = req.web.org!.slug;
    const stored = await this.records.get(slug, breachStore, key);
    const parsed = parseForm(NOTIFY_FORM, bodyOf(req));
    const { value, problems } = validateAs(NotificationDto, parsed.value);
    let failures: FieldProblem[] = problems;
    if (!failures.length) {
      const notifications = [...(stored.notifications ?? []), value];
      try {
        await this.records.update(slug, breachStore, key, { notifications });
        return this.renderer.redirect(req, res, `/o/${slug}/breaches/${encodeURIComponent(key)}#timeline`, {
          key: 'flash.notified',
        });
      } catch (error) {
        if (!(error instanceof DomainError) || Number(error.status) >= 500) throw error;
        const index = notifications.length - 1;
        failures = error.details.map((d) => ({ ...d, field: d.field.replace(`notifications[${index}].`, '') }));
      }
    }
    const { snapshot } = await this.data.check(req, this.data.today(req));
    const form = renderForm(
      NOTIFY_FORM,
      { kind: 'body', body: bodyOf(req) },
      {
        lang: req.web.lang,
        t: (k, p) => this.renderer.t(req.web, k, p),
        choices: choicesFor(req.web.lang, snapshot),
        problems: failures,
      },
    );
    await this.show(req, res, key, '', form, 400);
  }

  @Get(':key/edit')
  edit(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.editForm(req, res, BREACH, key);
  }

  @Post(':key/edit')
  update(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.update(req, res, BREACH, key);
  }

  @Get(':key/delete')
  confirm(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.confirmDelete(req, res, BREACH, key);
  }

  @Post(':key/delete')
  remove(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.remove(req, res, BREACH, key);
  }

  private async show(
    req: WebRequest,
    res: Response,
    key: string,
    at: string,
    notifyForm: FormModel | null,
    status: number,
  ) {
    const lang = req.web.lang;
    const base = `/o/${req.web.org!.slug}`;
    // "at" is a day (its end) or an instant; by default the timeline is judged now.
    const judgedAt = isIsoInstant(at) ? at : isIsoDate(at) ? endOfParisDay(at) : req.web.now.toISOString();
    const { snapshot, report } = await this.data.check(req, this.data.today(req));
    const breach = snapshot.breaches.find((b) => b.key === key);
    if (!breach) throw new NotFoundError('Breach', key);
    const timeline = this.deadlines.timelineOf(snapshot, breach, judgedAt);
    const nowMs = Date.parse(judgedAt);
    const t = (k: string, p?: Record<string, string | number>) => this.renderer.t(req.web, k, p);
    const steps = timeline.steps.map((s) => {
      const due = s.due ? Date.parse(s.due) : null;
      const notified = s.notifiedAt ? Date.parse(s.notifiedAt) : null;
      let left: string | null = null;
      if (due !== null && s.status === 'pending') left = t('breach.left', { d: formatDuration(due - nowMs, lang) });
      if (due !== null && s.status === 'overdue')
        left = t('breach.overdueBy', { d: formatDuration(nowMs - due, lang) });
      if (due !== null && notified !== null && s.status === 'done-late')
        left = t('breach.lateBy', { d: formatDuration(notified - due, lang) });
      return {
        order: s.order,
        from: partyLabel(s.from, t),
        to: partyLabel(s.to, t),
        clockStartsAt: s.clockStartsAt,
        clockSource: `breach.clock.${s.clockSource}`,
        period: s.period,
        basis: s.basis[lang],
        due: s.due,
        notifiedAt: s.notifiedAt,
        status: s.status,
        statusLabel: `stepStatus.${s.status}`,
        cls:
          s.status === 'overdue' || s.status === 'done-late'
            ? 'late'
            : s.status.startsWith('done')
              ? 'done'
              : s.status === 'pending'
                ? 'soon'
                : '',
        badge:
          s.status === 'overdue' || s.status === 'done-late'
            ? 'error'
            : s.status.startsWith('done')
              ? 'ok'
              : s.status === 'pending'
                ? 'warning'
                : 'neutral',
        left,
      };
    });
    const checklist = BREACH_CONTENT.map((c) => ({
      label: lang === 'fr' ? c.fr : c.en,
      present: c.present(breach, snapshot.organisation),
    }));
    const choices = choicesFor(lang, snapshot);
    this.renderer.page(
      req,
      res,
      'breach',
      {
        b: {
          key: breach.key,
          title: breach.title,
          nature: breach.nature ?? null,
          riskLevel: breach.riskLevel,
          occurredAt: breach.occurredAt ?? null,
          organisationAwareAt: breach.organisationAwareAt ?? null,
          discoveredBy: breach.discoveredBy
            ? {
                key: breach.discoveredBy,
                name: snapshot.subcontractors.find((s) => s.key === breach.discoveredBy)?.name ?? breach.discoveredBy,
              }
            : null,
          approxSubjects: breach.approxSubjects ?? null,
          approxRecords: breach.approxRecords ?? null,
          treatments: (breach.treatments ?? []).map((k) => ({
            key: k,
            name: snapshot.treatments.find((x) => x.key === k)?.name ?? k,
          })),
          notifications: (breach.notifications ?? []).map((n) => ({
            ...n,
            from: partyKeyLabel(n.from, snapshot, t),
            to: partyKeyLabel(n.to, snapshot, t),
          })),
        },
        timeline: { at: timeline.at, summary: timeline.summary, steps, judgedNow: !at },
        live: !at,
        atInput: at,
        checklist,
        complete: checklist.every((c) => c.present),
        findings: report.findings
          .filter((f) => f.subject.type === 'breach' && f.subject.id === key)
          .map((f) => findingView(f, base, snapshot)),
        notifyForm:
          notifyForm ??
          renderForm(NOTIFY_FORM, { kind: 'record', record: { from: 'organisation' } }, { lang, t, choices }),
        notifyOpen: notifyForm !== null,
      },
      {
        title: 'breach.title',
        titleParams: { name: breach.title },
        nav: 'breaches',
        status,
        crumbs: [{ label: t('nav.breaches'), href: `${base}/breaches` }],
      },
    );
  }
}

function partyName(p: Timeline['steps'][number]['to']): string {
  return p.name;
}

function partyLabel(p: Timeline['steps'][number]['to'], t: (k: string) => string): string {
  return p.type === 'subcontractor' || p.type === 'organisation' ? p.name : t(`party.${p.type}`);
}

function partyKeyLabel(key: string, snapshot: ComplianceSnapshot, t: (k: string) => string): string {
  if (key === 'organisation') return snapshot.organisation.name;
  const s = snapshot.subcontractors.find((x) => x.key === key);
  return s ? s.name : t(`party.${key}`);
}
