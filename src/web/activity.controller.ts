import { bodyOf, field } from './context';
import { Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CreateAlertChannelDto } from '../alerts/alert-channel.dto';
import { alertChannelStore } from '../alerts/alert-channel.store';
import { AlertChannelEntity } from '../alerts/alert.entity';
import { AlertsService } from '../alerts/alerts.service';
import { AuditService } from '../audit/audit.service';
import { Public, RequireRole } from '../auth/auth.guard';
import { addDays } from '../common/calendar-date';
import { RecordsService } from '../common/records/records.service';
import { isIsoDate } from '../common/validators';
import { parisInstant } from '../deadlines/deadline';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { CreateSubprocessorChangeDto } from '../subcontractors/subprocessor-change.dto';
import { SubprocessorChangeEntity } from '../subcontractors/subcontractor.entity';
import { subprocessorChangeStore } from '../subcontractors/subcontractor.stores';
import type { WebRequest } from './context';
import { CrudPages, RecordKind } from './crud-pages';
import { parseDateInput } from './forms/form';
import { changeForm, channelForm } from './forms/specs';
import { subjectHref } from './links';
import { OrgData } from './org-data';
import { WebRenderer } from './render.service';
import { WebGuard } from './web.guard';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

const CHANGE: RecordKind<SubprocessorChangeEntity, CreateSubprocessorChangeDto> = {
  store: subprocessorChangeStore,
  dto: CreateSubprocessorChangeDto,
  spec: changeForm,
  what: 'what.change',
  nav: 'changes',
  path: '/changes',
  titles: { new: 'change.newTitle', edit: 'change.editTitle', create: 'change.create', intro: 'change.newIntro' },
  flash: { created: 'flash.created', saved: 'flash.saved', deleted: 'flash.deleted' },
  keyFrom: { prefix: 'chg-', text: (v) => str(v.subprocessor) },
  taken: (s) => s.subprocessorChanges.map((c) => c.key),
  showHref: (base, key) => `${base}/changes#change-${encodeURIComponent(key)}`,
  name: (r) => str(r.key),
};

const CHANNEL: RecordKind<AlertChannelEntity, CreateAlertChannelDto> = {
  store: alertChannelStore,
  dto: CreateAlertChannelDto,
  spec: channelForm,
  what: 'what.channel',
  nav: 'alerts',
  path: '/alert-channels',
  titles: { new: 'channel.newTitle', edit: 'channel.editTitle', create: 'channel.create' },
  flash: { created: 'flash.created', saved: 'flash.saved', deleted: 'flash.deleted' },
  keyFrom: { prefix: '', text: (v) => str(v.kind) },
  taken: () => [],
  listHref: (base) => `${base}/alerts#channels`,
  name: (r) => str(r.key),
  // The secret is write-only: an edit that leaves it empty keeps the stored one (the store does so).
  adjust: (patch) => (patch.secret === null ? { ...patch, secret: undefined } : patch),
};

const AUDIT_ACTIONS = ['create', 'update', 'delete', 'acknowledge', 'publish'];

/** Sub-processor changes and their objection windows; alerts and their channels; the audit trail. */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@Controller('o/:slug')
export class ActivityController {
  constructor(
    private readonly data: OrgData,
    private readonly deadlines: DeadlinesService,
    private readonly alerts: AlertsService,
    private readonly audit: AuditService,
    private readonly records: RecordsService,
    private readonly crud: CrudPages,
    private readonly renderer: WebRenderer,
  ) {}

  @Get('changes')
  async changes(@Req() req: WebRequest, @Res() res: Response, @Query('asOf') asOfQuery?: string): Promise<void> {
    const asOf = this.data.asOf(req, asOfQuery);
    const { snapshot } = await this.data.check(req, asOf.date);
    const name = (k?: string) => (k ? (snapshot.subcontractors.find((s) => s.key === k)?.name ?? k) : null);
    const rows = [...snapshot.subprocessorChanges]
      .sort((a, b) => Date.parse(b.noticeReceivedAt) - Date.parse(a.noticeReceivedAt))
      .map((c) => {
        const w = this.deadlines.windowOf(snapshot, c);
        const provider = snapshot.engagements.find((e) => e.key === c.engagement)?.provider;
        return {
          key: c.key,
          kind: `changeKind.${c.kind}`,
          subprocessor: name(c.subprocessor),
          subprocessorKey: c.subprocessor,
          replaces: name(c.replaces),
          provider: name(provider),
          noticeReceivedAt: c.noticeReceivedAt,
          plannedEffectiveOn: c.plannedEffectiveOn ?? null,
          objection: c.objection ? { at: c.objection.at, reason: c.objection.reason ?? null } : null,
          window: { ...w, statusLabel: `window.${w.status}` },
          badge:
            w.status === 'open'
              ? 'warning'
              : w.status === 'objected'
                ? 'info'
                : w.status === 'no-window'
                  ? 'error'
                  : 'neutral',
        };
      });
    this.renderer.page(req, res, 'changes', { asOf, rows }, { title: 'nav.changes', nav: 'changes' });
  }

  @Get('changes/new')
  newChange(@Req() req: WebRequest, @Res() res: Response) {
    return this.crud.newForm(req, res, CHANGE, { kind: 'addition' });
  }

  @Post('changes/new')
  createChange(@Req() req: WebRequest, @Res() res: Response) {
    return this.crud.create(req, res, CHANGE);
  }

  @Get('changes/:key/edit')
  editChange(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.editForm(req, res, CHANGE, key);
  }

  @Post('changes/:key/edit')
  updateChange(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.update(req, res, CHANGE, key);
  }

  @Get('changes/:key/delete')
  confirmChange(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.confirmDelete(req, res, CHANGE, key);
  }

  @Post('changes/:key/delete')
  removeChange(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.remove(req, res, CHANGE, key);
  }

  @Get('alerts')
  async alertsPage(@Req() req: WebRequest, @Res() res: Response, @Query('status') statusQuery?: string): Promise<void> {
    const slug = req.web.org!.slug;
    const lang = req.web.lang;
    const status = statusQuery === 'acknowledged' ? 'acknowledged' : statusQuery === 'all' ? undefined : 'open';
    const { snapshot } = await this.data.check(req, this.data.today(req));
    const base = `/o/${slug}`;
    const alerts = (await this.alerts.list(slug, status)).map((a) => ({
      ...a,
      message: a.message[lang],
      href: subjectHref(base, { type: a.subject.type as 'certificate', id: a.subject.key }, snapshot),
      open: a.status === 'open',
    }));
    const admin = req.web.actor!.role === 'admin';
    const channels = admin ? await this.records.list(slug, alertChannelStore) : [];
    this.renderer.page(
      req,
      res,
      'alerts',
      {
        alerts,
        status: status ?? 'all',
        tabs: ['open', 'acknowledged', 'all'].map((s) => ({
          value: s,
          label: `alerts.tab.${s}`,
          current: (status ?? 'all') === s,
        })),
        channels: channels.map((c) => ({
          ...c,
          target: c.kind === 'webhook' ? c.url : (c.recipients ?? []).join(', '),
        })),
        today: this.data.asOf(req, undefined).input,
      },
      { title: 'nav.alerts', nav: 'alerts' },
    );
  }

  @Post('alerts/scan')
  async scan(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const slug = req.web.org!.slug;
    const asOf = this.data.asOf(req, field(bodyOf(req), 'asOf'));
    const result = await this.alerts.scan({ slug, asOf: asOf.date });
    const o = result.organisations[0];
    this.renderer.redirect(req, res, `/o/${slug}/alerts`, {
      key: 'flash.scanned',
      params: { created: String(o?.created ?? 0), sent: String(o?.sent ?? 0), failed: String(o?.failed ?? 0) },
    });
  }

  @Get('alert-channels/new')
  @RequireRole('admin')
  newChannel(@Req() req: WebRequest, @Res() res: Response) {
    return this.crud.newForm(req, res, CHANNEL, { kind: 'email' });
  }

  @Post('alert-channels/new')
  @RequireRole('admin')
  createChannel(@Req() req: WebRequest, @Res() res: Response) {
    return this.crud.create(req, res, CHANNEL);
  }

  @Get('alert-channels/:key/edit')
  @RequireRole('admin')
  editChannel(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.editForm(req, res, CHANNEL, key);
  }

  @Post('alert-channels/:key/edit')
  @RequireRole('admin')
  updateChannel(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.update(req, res, CHANNEL, key);
  }

  @Get('alert-channels/:key/delete')
  @RequireRole('admin')
  confirmChannel(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.confirmDelete(req, res, CHANNEL, key);
  }

  @Post('alert-channels/:key/delete')
  @RequireRole('admin')
  removeChannel(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.remove(req, res, CHANNEL, key);
  }

  @Get('audit')
  async auditPage(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const slug = req.web.org!.slug;
    const q = (name: string, max = 120) => str(query[name]).trim().slice(0, max);
    const day = (name: string) => {
      const parsed = parseDateInput(q(name, 20));
      return parsed && isIsoDate(parsed) ? parsed : undefined;
    };
    const from = day('from');
    const to = day('to');
    const filters = {
      entity: q('entity', 60),
      key: q('key'),
      actor: q('actor', 64),
      action: AUDIT_ACTIONS.includes(q('action')) ? q('action') : '',
      from: q('from', 20),
      to: q('to', 20),
    };
    const entries = await this.audit.list(slug, {
      entity: filters.entity || undefined,
      key: filters.key || undefined,
      actor: filters.actor || undefined,
      action: filters.action || undefined,
      from: from ? parisInstant(from, '00:00:00') : undefined,
      to: to ? parisInstant(addDays(to, 1), '00:00:00') : undefined,
      limit: 300,
    });
    const actors = await this.audit.actors(slug);
    const entities = [
      'Organisation',
      'Treatment',
      'Subcontractor',
      'Certificate',
      'Engagement',
      'Sub-processor change',
      'Breach',
      'Waiver',
      'Alert channel',
      'Alert',
      'RegisterVersion',
    ];
    this.renderer.page(
      req,
      res,
      'audit',
      {
        filters,
        invalidFrom: !!filters.from && !from,
        invalidTo: !!filters.to && !to,
        actors: actors.map((a) => ({ ...a, selected: a.id === filters.actor })),
        actions: AUDIT_ACTIONS.map((a) => ({ value: a, label: `audit.action.${a}`, selected: a === filters.action })),
        entities: entities.map((e) => ({ value: e, selected: e === filters.entity })),
        entries: entries.map((e, i) => ({
          ...e,
          id: `audit-${i}`,
          before: e.before === null ? null : JSON.stringify(e.before, null, 2),
          after: e.after === null ? null : JSON.stringify(e.after, null, 2),
          person: e.actor.id.startsWith('user:'),
        })),
        count: entries.length,
      },
      { title: 'nav.audit', nav: 'audit' },
    );
  }
}
