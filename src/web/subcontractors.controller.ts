import { Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.guard';
import { NotFoundError } from '../common/errors';
import { contractDeadlines } from '../deadlines/contract-deadlines';
import { countryName } from '../reference/countries';
import { certificateKind } from '../reference/reference-data';
import { hdsActivity, sortHdsActivities } from '../reference/hds-activities';
import { CreateCertificateDto } from '../subcontractors/certificate.dto';
import { CreateEngagementDto } from '../subcontractors/engagement.dto';
import { CreateSubcontractorDto } from '../subcontractors/subcontractor.dto';
import { certificateStore, engagementStore, subcontractorStore } from '../subcontractors/subcontractor.stores';
import { CertificateEntity, EngagementEntity, SubcontractorEntity } from '../subcontractors/subcontractor.entity';
import type { Engagement } from '../snapshot/snapshot';
import { SnapshotIndex } from '../snapshot/snapshot-index';
import type { WebRequest } from './context';
import { CrudPages, RecordKind } from './crud-pages';
import { certificateState, chainDiagram, validityBars } from './figures';
import { findingView } from './findings.controller';
import { certificateForm, engagementForm, subcontractorForm } from './forms/specs';
import { OrgData } from './org-data';
import { WebRenderer } from './render.service';
import { WebGuard } from './web.guard';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

const SUBCONTRACTOR: RecordKind<SubcontractorEntity, CreateSubcontractorDto> = {
  store: subcontractorStore,
  dto: CreateSubcontractorDto,
  spec: subcontractorForm,
  what: 'what.subcontractor',
  nav: 'subcontractors',
  path: '/subcontractors',
  titles: { new: 'subcontractor.newTitle', edit: 'subcontractor.editTitle', create: 'subcontractor.create' },
  flash: { created: 'flash.created', saved: 'flash.saved', deleted: 'flash.deleted' },
  keyFrom: { prefix: '', text: (v) => str(v.name) },
  taken: (s) => s.subcontractors.map((x) => x.key),
  showHref: (base, key) => `${base}/subcontractors/${encodeURIComponent(key)}`,
  name: (r) => str(r.name),
};

const CERTIFICATE: RecordKind<CertificateEntity, CreateCertificateDto> = {
  store: certificateStore,
  dto: CreateCertificateDto,
  spec: certificateForm,
  what: 'what.certificate',
  nav: 'subcontractors',
  path: '/certificates',
  titles: { new: 'certificate.newTitle', edit: 'certificate.editTitle', create: 'certificate.create' },
  flash: { created: 'flash.created', saved: 'flash.saved', deleted: 'flash.deleted' },
  keyFrom: { prefix: '', text: (v) => `${str(v.subcontractor)}-${str(v.kind)}-${str(v.number) || str(v.validTo)}` },
  taken: (s) => s.certificates.map((x) => x.key),
  showHref: (base, key, v, s) => {
    const holder = str(v.subcontractor) || s.certificates.find((c) => c.key === key)?.subcontractor || '';
    return `${base}/subcontractors/${encodeURIComponent(holder)}#cert-${encodeURIComponent(key)}`;
  },
  listHref: (base) => `${base}/subcontractors`,
  name: (r) =>
    [r.kind ? certificateKind(str(r.kind)).short : '', str(r.number)].filter(Boolean).join(' ') || str(r.key),
};

const ENGAGEMENT: RecordKind<EngagementEntity, CreateEngagementDto> = {
  store: engagementStore,
  dto: CreateEngagementDto,
  spec: engagementForm,
  what: 'what.engagement',
  nav: 'subcontractors',
  path: '/engagements',
  titles: { new: 'engagement.newTitle', edit: 'engagement.editTitle', create: 'engagement.create' },
  flash: { created: 'flash.created', saved: 'flash.saved', deleted: 'flash.deleted' },
  keyFrom: { prefix: '', text: (v) => `${str(v.provider)}${v.client ? `-${str(v.client)}` : ''}` },
  taken: (s) => s.engagements.map((x) => x.key),
  showHref: (base, key, v, s) => {
    const provider = str(v.provider) || s.engagements.find((e) => e.key === key)?.provider || '';
    return `${base}/subcontractors/${encodeURIComponent(provider)}#eng-${encodeURIComponent(key)}`;
  },
  listHref: (base) => `${base}/subcontractors`,
  name: (r) => str(r.key),
};

/** Subcontractors, their certificates on a time axis, their contracts and the whole chain as a diagram. */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@Controller('o/:slug')
export class SubcontractorsController {
  constructor(
    private readonly data: OrgData,
    private readonly crud: CrudPages,
    private readonly renderer: WebRenderer,
  ) {}

  @Get('subcontractors')
  async list(@Req() req: WebRequest, @Res() res: Response, @Query('asOf') asOfQuery?: string): Promise<void> {
    const asOf = this.data.asOf(req, asOfQuery);
    const { snapshot, report } = await this.data.check(req, asOf.date);
    const ctx = new SnapshotIndex(snapshot);
    const lang = req.web.lang;
    const rows = [...snapshot.subcontractors]
      .sort((a, b) => a.name.localeCompare(b.name, lang))
      .map((s) => {
        const certificates = ctx.certificatesOf(s.key).map((c) => ({
          label: certificateKind(c.kind).short,
          state: certificateState(ctx, c, report.findings),
        }));
        const own = new Set([
          s.key,
          ...ctx.certificatesOf(s.key).map((c) => c.key),
          ...ctx.engagementsOf(s.key).map((e) => e.key),
        ]);
        return {
          key: s.key,
          name: s.name,
          country: s.country ? countryName(s.country, lang) : null,
          parent: s.parentGroup ?? null,
          hds: sortHdsActivities(ctx.engagementsOf(s.key).flatMap((e) => e.hdsActivities ?? [])).map(
            (a) => hdsActivity(a).number,
          ),
          certificates,
          subprocessor: ctx.engagementsOf(s.key).some((e) => e.client),
          treatments: ctx.treatmentsRelyingOnSubcontractor(s.key).length,
          open: report.findings.filter((f) => f.status === 'open' && own.has(f.subject.id)).length,
        };
      });
    this.renderer.page(
      req,
      res,
      'subcontractors',
      { asOf, rows },
      { title: 'nav.subcontractors', nav: 'subcontractors' },
    );
  }

  @Get('subcontractors/new')
  newSubcontractor(@Req() req: WebRequest, @Res() res: Response) {
    return this.crud.newForm(req, res, SUBCONTRACTOR);
  }

  @Post('subcontractors/new')
  createSubcontractor(@Req() req: WebRequest, @Res() res: Response) {
    return this.crud.create(req, res, SUBCONTRACTOR);
  }

  @Get('subcontractors/:key')
  async detail(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('key') key: string,
    @Query('asOf') asOfQuery?: string,
  ): Promise<void> {
    const asOf = this.data.asOf(req, asOfQuery);
    const { snapshot, report } = await this.data.check(req, asOf.date);
    const ctx = new SnapshotIndex(snapshot);
    const s = ctx.subcontractor(key);
    if (!s) throw new NotFoundError('Subcontractor', key);
    const lang = req.web.lang;
    const base = `/o/${req.web.org!.slug}`;
    const country = (c?: string) => (c ? `${countryName(c, lang)} (${c})` : null);
    const certificates = ctx.certificatesOf(key);
    const engagementView = (e: Engagement) => ({
      key: e.key,
      client: e.client ? { key: e.client, name: ctx.subcontractorName(e.client) } : null,
      provider: { key: e.provider, name: ctx.subcontractorName(e.provider) },
      services: e.services ?? [],
      hds: sortHdsActivities(e.hdsActivities ?? []).map(
        (a) => `${hdsActivity(a).number}. ${hdsActivity(a).short[lang]}`,
      ),
      healthData: e.healthData ?? null,
      processing:
        (e.processingCountries ?? []).map((c) => country(c)).join(', ') || (e.processingArea ? e.processingArea : null),
      access: (e.accessCountries ?? []).map((c) => country(c)).join(', ') || null,
      dpaSignedOn: e.dpaSignedOn ?? null,
      dpaReference: e.dpaReference ?? null,
      breachNoticeHours: e.breachNoticeHours ?? null,
      objectionWindowDays: e.objectionWindowDays ?? null,
      authorisation: e.authorisation ?? null,
      safeguards: (e.transferSafeguards ?? []).map((g) => g.kind),
      term: e.term
        ? {
            startsOn: e.term.startsOn ?? null,
            endsOn: e.term.endsOn ?? null,
            tacitRenewal: e.term.tacitRenewal === true,
            notice: e.term.terminationNotice
              ? `${e.term.terminationNotice.value} unit.${e.term.terminationNotice.unit}`
              : null,
            noticeValue: e.term.terminationNotice?.value ?? null,
            noticeUnit: e.term.terminationNotice ? `unit.${e.term.terminationNotice.unit}` : null,
          }
        : null,
      deadlines: contractDeadlines(e).map((d) => ({
        kind: `deadlineKind.${d.kind}`,
        origin: d.origin,
        period: d.period ? { value: d.period.value, unit: `unit.${d.period.unit}` } : null,
        description: d.description,
        reference: d.reference,
      })),
      treatments: ctx.treatmentsRelyingOn(e.key).map((t) => ({ key: t.key, name: t.name })),
    });
    const own = new Set([key, ...certificates.map((c) => c.key), ...ctx.engagementsOf(key).map((e) => e.key)]);
    this.renderer.page(
      req,
      res,
      'subcontractor',
      {
        asOf,
        s: {
          key: s.key,
          name: s.name,
          legalName: s.legalName ?? null,
          registrationId: s.registrationId ?? null,
          country: country(s.country),
          parentGroup: s.parentGroup ?? null,
          parentCountry: country(s.parentCountry),
          address: s.address ?? null,
          website: s.website ?? null,
          dpfCertified: s.dpfCertified ?? null,
          description: s.description ?? null,
          contact: s.contact
            ? [s.contact.name, s.contact.role, s.contact.email, s.contact.phone].filter(Boolean).join(' — ')
            : null,
          guarantees: (s.guarantees ?? []).map((g) => ({ kind: `guarantee.${g.kind}`, text: g.text })),
        },
        bars: certificates.length ? validityBars(ctx, certificates, report.findings, lang) : null,
        certificates: certificates.map((c) => {
          const end = ctx.certificateEnd(c);
          return {
            key: c.key,
            kind: certificateKind(c.kind)[lang],
            edition: c.edition ?? null,
            number: c.number ?? null,
            issuer: c.issuer ?? null,
            validFrom: c.validFrom ?? null,
            validTo: end.date ?? null,
            derived: end.derived,
            referential: c.hdsReferential ? `hdsReferential.${c.hdsReferential}` : null,
            hds: sortHdsActivities(c.hdsActivities ?? []).map(
              (a) => `${hdsActivity(a).number}. ${hdsActivity(a).short[lang]}`,
            ),
            state: certificateState(ctx, c, report.findings),
            evidenceUrl: c.evidenceUrl ?? null,
          };
        }),
        engagements: ctx.engagementsOf(key).map(engagementView),
        subprocessors: ctx.engagementsMadeBy(key).map(engagementView),
        treatments: ctx.treatmentsRelyingOnSubcontractor(key).map((t) => ({ key: t.key, name: t.name })),
        findings: report.findings.filter((f) => own.has(f.subject.id)).map((f) => findingView(f, base, snapshot)),
      },
      {
        title: 'subcontractor.title',
        titleParams: { name: s.name },
        nav: 'subcontractors',
        crumbs: [{ label: this.renderer.t(req.web, 'nav.subcontractors'), href: `${base}/subcontractors` }],
      },
    );
  }

  @Get('subcontractors/:key/edit')
  editSubcontractor(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.editForm(req, res, SUBCONTRACTOR, key);
  }

  @Post('subcontractors/:key/edit')
  updateSubcontractor(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.update(req, res, SUBCONTRACTOR, key);
  }

  @Get('subcontractors/:key/delete')
  confirmSubcontractor(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.confirmDelete(req, res, SUBCONTRACTOR, key);
  }

  @Post('subcontractors/:key/delete')
  removeSubcontractor(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.remove(req, res, SUBCONTRACTOR, key);
  }

  @Get('subcontractors/:key/certificates/new')
  newCertificate(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.newForm(req, res, CERTIFICATE, { subcontractor: key });
  }

  @Post('subcontractors/:key/certificates/new')
  createCertificate(@Req() req: WebRequest, @Res() res: Response) {
    return this.crud.create(req, res, CERTIFICATE);
  }

  @Get('certificates/:key/edit')
  editCertificate(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.editForm(req, res, CERTIFICATE, key);
  }

  @Post('certificates/:key/edit')
  updateCertificate(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.update(req, res, CERTIFICATE, key);
  }

  @Get('certificates/:key/delete')
  confirmCertificate(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.confirmDelete(req, res, CERTIFICATE, key);
  }

  @Post('certificates/:key/delete')
  removeCertificate(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.remove(req, res, CERTIFICATE, key);
  }

  @Get('engagements/new')
  newEngagement(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Query('provider') provider?: string,
    @Query('client') client?: string,
  ) {
    return this.crud.newForm(req, res, ENGAGEMENT, {
      provider: str(provider) || undefined,
      client: str(client) || undefined,
    });
  }

  @Post('engagements/new')
  createEngagement(@Req() req: WebRequest, @Res() res: Response) {
    return this.crud.create(req, res, ENGAGEMENT);
  }

  @Get('engagements/:key/edit')
  editEngagement(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.editForm(req, res, ENGAGEMENT, key);
  }

  @Post('engagements/:key/edit')
  updateEngagement(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.update(req, res, ENGAGEMENT, key);
  }

  @Get('engagements/:key/delete')
  confirmEngagement(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.confirmDelete(req, res, ENGAGEMENT, key);
  }

  @Post('engagements/:key/delete')
  removeEngagement(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string) {
    return this.crud.remove(req, res, ENGAGEMENT, key);
  }

  @Get('chain')
  async chain(@Req() req: WebRequest, @Res() res: Response, @Query('asOf') asOfQuery?: string): Promise<void> {
    const asOf = this.data.asOf(req, asOfQuery);
    const { snapshot, report } = await this.data.check(req, asOf.date);
    const lang = req.web.lang;
    const t = (key: string, params?: Record<string, string>) => this.renderer.t(req.web, key, params);
    const diagram = await chainDiagram(snapshot, report.findings, `/o/${req.web.org!.slug}`, lang, {
      noCertificate: t('chain.noCertificate'),
      hds: 'HDS',
      organisation: t('chain.organisation'),
      certificate: (kind, state, end) =>
        t(`chain.state.${state}`, { kind: certificateKind(kind).short, date: end ? formatShort(end, lang) : '' }),
    });
    this.renderer.page(req, res, 'chain', { asOf, diagram }, { title: 'nav.chain', nav: 'chain' });
  }
}

function formatShort(date: string, lang: 'fr' | 'en'): string {
  return lang === 'fr' ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : date;
}
