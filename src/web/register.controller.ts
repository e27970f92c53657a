import { asText } from './context';
import { Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.guard';
import { ConflictError, NotFoundError } from '../common/errors';
import { RecordsService } from '../common/records/records.service';
import { transferCases } from '../compliance/rules/transfers';
import { countryName } from '../reference/countries';
import { hdsActivity, sortHdsActivities } from '../reference/hds-activities';
import { cnilDpiaItem, dpiaCriterion } from '../reference/reference-data';
import { TREATMENT_ROLES, TREATMENT_STATUSES } from '../reference/vocabulary';
import { CreateTreatmentDto } from '../register/treatment.dto';
import { treatmentStore } from '../register/treatment.store';
import type { ComplianceSnapshot, Treatment } from '../snapshot/snapshot';
import { SnapshotIndex } from '../snapshot/snapshot-index';
import type { WebRequest } from './context';
import type { FormModel } from './forms/form';
import { choicesFor, treatmentForm } from './forms/specs';
import { findingView } from './findings.controller';
import { OrgData } from './org-data';
import { RecordForms } from './record-forms';
import { WebRenderer } from './render.service';
import { WebGuard } from './web.guard';

const yesNo = (v: unknown) => (v === 'yes' || v === 'no' ? v : '');

/** Treatments that send data outside the EEA: declared by the treatment, or by a provider of its chain. */
export function treatmentsWithTransfers(ctx: SnapshotIndex): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (key: string, country: string) => out.set(key, [...new Set([...(out.get(key) ?? []), country])]);
  for (const c of transferCases(ctx)) {
    if (c.subject.type === 'treatment') add(c.subject.id, c.country);
    if (c.subject.type === 'engagement') for (const t of ctx.treatmentsRelyingOn(c.subject.id)) add(t.key, c.country);
  }
  return out;
}

/** The Article 30 register: the list with its filters, the fiche of each treatment, its forms. */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@Controller('o/:slug/register')
export class RegisterController {
  constructor(
    private readonly data: OrgData,
    private readonly records: RecordsService,
    private readonly forms: RecordForms,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  async list(@Req() req: WebRequest, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const { snapshot, report } = await this.data.check(req, this.data.today(req));
    const ctx = new SnapshotIndex(snapshot);
    const transfers = treatmentsWithTransfers(ctx);
    const filters = {
      q: typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '',
      role: TREATMENT_ROLES.includes(query.role as never) ? (query.role as string) : '',
      status: TREATMENT_STATUSES.includes(query.status as never) ? (query.status as string) : '',
      health: yesNo(query.health),
      transfer: yesNo(query.transfer),
    };
    const needle = filters.q.toLocaleLowerCase(req.web.lang);
    const openBy = new Map<string, number>();
    for (const f of report.findings) {
      if (f.status === 'open' && f.subject.type === 'treatment')
        openBy.set(f.subject.id, (openBy.get(f.subject.id) ?? 0) + 1);
    }
    const rows = snapshot.treatments
      .filter((t) => {
        if (filters.role && t.role !== filters.role) return false;
        if (filters.status && (t.status ?? 'active') !== filters.status) return false;
        if (filters.health && ctx.holdsHealthData(t) !== (filters.health === 'yes')) return false;
        if (filters.transfer && transfers.has(t.key) !== (filters.transfer === 'yes')) return false;
        if (!needle) return true;
        const hay = [t.name, t.key, t.description, ...(t.purposes ?? [])].join(' ').toLocaleLowerCase(req.web.lang);
        return hay.includes(needle);
      })
      .map((t) => ({
        key: t.key,
        name: t.name,
        role: t.role,
        status: t.status ?? 'active',
        purposes: (t.purposes ?? []).slice(0, 2),
        health: ctx.holdsHealthData(t),
        transfers: (transfers.get(t.key) ?? []).map((c) => countryName(c, req.web.lang)),
        open: openBy.get(t.key) ?? 0,
      }));
    const option = (values: readonly string[], prefix: string, selected: string) =>
      values.map((v) => ({ value: v, label: `${prefix}.${v}`, selected: v === selected }));
    this.renderer.page(
      req,
      res,
      'register',
      {
        filters,
        roles: option(TREATMENT_ROLES, 'role', filters.role),
        statuses: option(TREATMENT_STATUSES, 'status', filters.status),
        healthOptions: ['yes', 'no'].map((v) => ({
          value: v,
          label: `filter.health.${v}`,
          selected: filters.health === v,
        })),
        transferOptions: ['yes', 'no'].map((v) => ({
          value: v,
          label: `filter.transfer.${v}`,
          selected: filters.transfer === v,
        })),
        rows,
        total: snapshot.treatments.length,
        filtered: Object.values(filters).some(Boolean),
      },
      { title: 'nav.register', nav: 'register' },
    );
  }

  @Get('new')
  async newForm(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const { snapshot } = await this.data.check(req, this.data.today(req));
    const choices = choicesFor(req.web.lang, snapshot);
    const form = this.forms.blank(
      req,
      treatmentForm(true),
      choices,
      { role: 'controller' },
      { dataCategories: 1, recipients: 1 },
    );
    this.formPage(req, res, form, 200, null);
  }

  @Post('new')
  async create(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const { snapshot } = await this.data.check(req, this.data.today(req));
    const base = `/o/${req.web.org!.slug}`;
    await this.forms.create(req, res, {
      spec: treatmentForm(true),
      store: treatmentStore,
      dto: CreateTreatmentDto,
      choices: choicesFor(req.web.lang, snapshot),
      keyFrom: {
        prefix: 't-',
        taken: new Set(snapshot.treatments.map((t) => t.key)),
        text: (value) => asText(value.name),
      },
      page: {
        show: (form, status) => this.formPage(req, res, form, status, null),
        saved: (key) => ({ location: `${base}/register/${encodeURIComponent(key)}`, flash: 'flash.treatmentCreated' }),
      },
    });
  }

  @Get(':key')
  async sheet(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string): Promise<void> {
    const { snapshot, report } = await this.data.check(req, this.data.today(req));
    const t = snapshot.treatments.find((x) => x.key === key);
    if (!t) throw new NotFoundError('Treatment', key);
    const base = `/o/${req.web.org!.slug}`;
    const stored = await this.records.get(req.web.org!.slug, treatmentStore, key);
    const findings = report.findings
      .filter((f) => f.subject.type === 'treatment' && f.subject.id === key)
      .map((f) => findingView(f, base, snapshot));
    this.renderer.page(
      req,
      res,
      'treatment',
      { tr: sheet(t, snapshot, req.web.lang), createdAt: stored.createdAt, updatedAt: stored.updatedAt, findings },
      {
        title: 'treatment.title',
        titleParams: { name: t.name },
        nav: 'register',
        crumbs: [{ label: this.renderer.t(req.web, 'nav.register'), href: `${base}/register` }],
      },
    );
  }

  @Get(':key/edit')
  async editForm(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string): Promise<void> {
    const { snapshot } = await this.data.check(req, this.data.today(req));
    const record = await this.records.get(req.web.org!.slug, treatmentStore, key);
    const form = this.forms.blank(req, treatmentForm(false), choicesFor(req.web.lang, snapshot), record);
    this.formPage(req, res, form, 200, { key, name: record.name });
  }

  @Post(':key/edit')
  async update(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string): Promise<void> {
    const { snapshot } = await this.data.check(req, this.data.today(req));
    const current = snapshot.treatments.find((t) => t.key === key);
    if (!current) throw new NotFoundError('Treatment', key);
    const base = `/o/${req.web.org!.slug}`;
    await this.forms.update(req, res, key, {
      spec: treatmentForm(false),
      store: treatmentStore,
      choices: choicesFor(req.web.lang, snapshot),
      page: {
        show: (form, status) => this.formPage(req, res, form, status, { key, name: current.name }),
        saved: () => ({ location: `${base}/register/${encodeURIComponent(key)}`, flash: 'flash.treatmentSaved' }),
      },
    });
  }

  @Get(':key/delete')
  async confirmDelete(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string): Promise<void> {
    const record = await this.records.get(req.web.org!.slug, treatmentStore, key);
    this.deletePage(req, res, key, record.name, [], 200);
  }

  @Post(':key/delete')
  async remove(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string): Promise<void> {
    const record = await this.records.get(req.web.org!.slug, treatmentStore, key);
    try {
      await this.records.remove(req.web.org!.slug, treatmentStore, key);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return this.deletePage(
        req,
        res,
        key,
        record.name,
        error.details.map((d) => d.problem),
        409,
      );
    }
    this.renderer.redirect(req, res, `/o/${req.web.org!.slug}/register`, {
      key: 'flash.treatmentDeleted',
      params: { name: record.name },
    });
  }

  private deletePage(req: WebRequest, res: Response, key: string, name: string, blockers: string[], status: number) {
    const base = `/o/${req.web.org!.slug}`;
    this.renderer.page(
      req,
      res,
      'confirm-delete',
      {
        name,
        what: 'what.treatment',
        action: `${base}/register/${encodeURIComponent(key)}/delete`,
        cancelHref: `${base}/register/${encodeURIComponent(key)}`,
        blockers,
      },
      { title: 'delete.title', titleParams: { name }, nav: 'register', status },
    );
  }

  private formPage(
    req: WebRequest,
    res: Response,
    form: FormModel,
    status: number,
    edit: { key: string; name: string } | null,
  ) {
    const base = `/o/${req.web.org!.slug}`;
    const href = edit ? `${base}/register/${encodeURIComponent(edit.key)}` : `${base}/register`;
    this.renderer.page(
      req,
      res,
      'record-form-page',
      {
        form,
        intro: edit ? null : 'treatment.newIntro',
        action: edit ? `${href}/edit` : `${base}/register/new`,
        submitLabel: this.renderer.t(req.web, edit ? 'form.save' : 'treatment.create'),
        cancelHref: href,
      },
      {
        title: edit ? 'treatment.editTitle' : 'treatment.newTitle',
        titleParams: { name: edit?.name ?? '' },
        nav: 'register',
        status,
        crumbs: [{ label: this.renderer.t(req.web, 'nav.register'), href: `${base}/register` }],
      },
    );
  }
}

/** A treatment as the CNIL fiche lays it out, with labels resolved in the page. */
function sheet(t: Treatment, snapshot: ComplianceSnapshot, lang: 'fr' | 'en') {
  const ctx = new SnapshotIndex(snapshot);
  const country = (c?: string) => (c ? `${countryName(c, lang)} (${c})` : null);
  const chain = ctx.treatmentChain(t).map((e) => ({
    key: e.key,
    provider: ctx.subcontractorName(e.provider),
    providerKey: e.provider,
    via: e.client ? ctx.subcontractorName(e.client) : null,
    services: (e.services ?? []).join(' ; ') || null,
    hds: sortHdsActivities(e.hdsActivities ?? []).map((a) => `${hdsActivity(a).number}. ${hdsActivity(a).short[lang]}`),
    countries: [...(e.processingCountries ?? [])].map((c) => country(c)).join(', ') || (e.processingArea ?? null),
    purpose: t.uses?.find((u) => u.engagement === e.key)?.purpose ?? null,
  }));
  const transfers = transferCases(ctx).filter(
    (c) => c.subject.type === 'engagement' && ctx.treatmentsRelyingOn(c.subject.id).some((x) => x.key === t.key),
  );
  return {
    key: t.key,
    name: t.name,
    description: t.description ?? null,
    role: t.role,
    status: t.status ?? 'active',
    controllers: (t.controllers ?? []).map((p) => ({ name: p.name, country: country(p.country) })),
    jointControllers: (t.jointControllers ?? []).map((p) => ({ name: p.name, country: country(p.country) })),
    purposes: t.purposes ?? [],
    article6: t.legalBasis?.article6 ?? [],
    article9: t.legalBasis?.article9 ?? [],
    legalDetails: t.legalBasis?.details ?? null,
    dataSubjects: t.dataSubjects ?? [],
    dataCategories: (t.dataCategories ?? []).map((c) => ({
      category: c.category,
      label: c.label,
      retention: c.retention ?? null,
      health: c.health === true,
      nir: c.nir === true,
      article9: c.article9 === true,
    })),
    retention: t.retention ?? null,
    patientRecord: t.patientRecord ?? null,
    dpia: t.dpia
      ? {
          status: t.dpia.status ?? null,
          criteria: (t.dpia.criteria ?? []).map((c) => dpiaCriterion(c)?.[lang] ?? c),
          cnilList: (t.dpia.cnilList ?? []).map((c) => cnilDpiaItem(c)?.[lang] ?? c),
          cnilListDetails: t.dpia.cnilListDetails ?? null,
          reason: t.dpia.reason ?? null,
          doneOn: t.dpia.doneOn ?? null,
          reviewOn: t.dpia.reviewOn ?? null,
          reference: t.dpia.reference ?? null,
        }
      : null,
    recipients: (t.recipients ?? []).map((r) => ({ kind: r.kind, name: r.name, country: country(r.country) })),
    transfers: (t.transfers ?? []).map((x) => ({
      country: country(x.country),
      recipient: x.recipient,
      safeguard: x.safeguard?.kind ?? null,
      signedOn: x.safeguard?.signedOn ?? null,
    })),
    chainTransfers: transfers.map((c) => ({ country: country(c.country), recipient: c.recipient, verdict: c.verdict })),
    measures: (t.securityMeasures ?? []).map((m) => ({ category: m.category ?? null, title: m.title })),
    generalMeasures: (snapshot.organisation.securityMeasures ?? []).map((m) => ({
      category: m.category ?? null,
      title: m.title,
    })),
    chain,
    inHouse: sortHdsActivities(t.hdsActivitiesInHouse ?? []).map(
      (a) => `${hdsActivity(a).number}. ${hdsActivity(a).short[lang]}`,
    ),
    notes: t.notes ?? null,
    source: t.source ? [t.source.document, t.source.section].filter(Boolean).join(' — ') : null,
  };
}
