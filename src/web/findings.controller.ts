import { Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.guard';
import { RecordsService } from '../common/records/records.service';
import { catalog } from '../compliance/engine';
import { Finding, SEVERITIES } from '../compliance/finding';
import { CreateWaiverDto } from '../waivers/waiver.dto';
import { waiverStore } from '../waivers/waiver.store';
import { addDays } from '../common/calendar-date';
import { SUBJECT_TYPES, type ComplianceSnapshot } from '../snapshot/snapshot';
import { field, WebRequest, bodyOf } from './context';
import { FAMILIES } from './dashboard.controller';
import type { FormModel } from './forms/form';
import { waiverForm } from './forms/specs';
import { fixHref, subjectHref } from './links';
import { OrgData } from './org-data';
import { RecordForms } from './record-forms';
import { WebRenderer } from './render.service';
import { WebGuard } from './web.guard';

function evidenceValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(evidenceValue).join(', ') || '—';
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k} : ${evidenceValue(v)}`)
      .join(' ; ');
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export const anchorOf = (findingId: string) => `finding-${findingId.replace(/[^A-Za-z0-9_-]+/g, '-')}`;

/** A finding as the pages show it: with where to see its subject and where to fix it. */
export function findingView(f: Finding, base: string, snapshot: ComplianceSnapshot) {
  return {
    id: f.id,
    anchor: anchorOf(f.id),
    ruleId: f.ruleId,
    severity: f.severity,
    severityLabel: `severity.one.${f.severity}`,
    subject: { ...f.subject, typeLabel: `subject.${f.subject.type}`, href: subjectHref(base, f.subject, snapshot) },
    message: f.message,
    reference: f.reference,
    remediation: f.remediation,
    evidence: Object.entries(f.evidence).map(([key, value]) => ({
      key,
      label: `evidence.${key}`,
      value: evidenceValue(value),
    })),
    waived: f.status === 'waived',
    waiver: f.waiver ?? null,
    fixHref: fixHref(base, f),
  };
}

/** Findings with their legal grounds, filters and an "as of" date; waivers with a reason and an end. */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@Controller('o/:slug')
export class FindingsController {
  constructor(
    private readonly data: OrgData,
    private readonly records: RecordsService,
    private readonly forms: RecordForms,
    private readonly renderer: WebRenderer,
  ) {}

  @Get('findings')
  async list(@Req() req: WebRequest, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    await this.show(req, res, query, null, 200);
  }

  @Post('findings/waive')
  async waive(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const findingId = field(bodyOf(req), 'findingId');
    const back = new URLSearchParams(field(bodyOf(req), 'back'));
    const { snapshot } = await this.data.check(req, this.data.today(req));
    const taken = new Set(snapshot.waivers.map((w) => w.key));
    const base = `/o/${req.web.org!.slug}`;
    await this.forms.create(req, res, {
      spec: waiverForm,
      store: waiverStore,
      dto: CreateWaiverDto,
      choices: {},
      fixed: { findingId },
      idPrefix: `${anchorOf(findingId)}-`,
      keyFrom: { prefix: 'w-', taken, text: () => findingId },
      page: {
        show: (form, status) => this.show(req, res, Object.fromEntries(back), { findingId, form }, status),
        saved: () => ({
          location: `${base}/findings?${back.toString()}#${anchorOf(findingId)}`,
          flash: 'flash.waived',
        }),
      },
    });
  }

  @Post('waivers/:key/delete')
  async unwaive(@Req() req: WebRequest, @Res() res: Response, @Param('key') key: string): Promise<void> {
    await this.records.remove(req.web.org!.slug, waiverStore, key);
    const back = field(bodyOf(req), 'back');
    this.renderer.redirect(req, res, `/o/${req.web.org!.slug}/findings${back ? `?${back}` : ''}`, {
      key: 'flash.unwaived',
    });
  }

  private async show(
    req: WebRequest,
    res: Response,
    query: Record<string, unknown>,
    failed: { findingId: string; form: FormModel } | null,
    status: number,
  ): Promise<void> {
    const lang = req.web.lang;
    const base = `/o/${req.web.org!.slug}`;
    const asOf = this.data.asOf(req, query.asOf);
    const { snapshot, report } = await this.data.check(req, asOf.date);
    const str = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, 200) : '');
    const rules = catalog(lang);
    const filters = {
      severity: SEVERITIES.includes(str(query.severity) as never) ? str(query.severity) : '',
      rule: rules.some((r) => r.id === str(query.rule)) ? str(query.rule) : '',
      family: FAMILIES.includes(str(query.family) as never) ? str(query.family) : '',
      subject: (SUBJECT_TYPES as readonly string[]).includes(str(query.subject)) ? str(query.subject) : '',
      q: str(query.q),
      status: ['open', 'waived', 'all'].includes(str(query.status)) ? str(query.status) : 'open',
    };
    const needle = filters.q.toLocaleLowerCase(lang);
    const shown = report.findings.filter(
      (f) =>
        (!filters.severity || f.severity === filters.severity) &&
        (!filters.rule || f.ruleId === filters.rule) &&
        (!filters.family || f.ruleId.split('.')[0] === filters.family) &&
        (!filters.subject || f.subject.type === filters.subject) &&
        (filters.status === 'all' || (filters.status === 'waived') === (f.status === 'waived')) &&
        (!needle || `${f.subject.name} ${f.subject.id} ${f.message}`.toLocaleLowerCase(lang).includes(needle)),
    );
    const keep = new URLSearchParams(
      Object.entries({ ...filters, asOf: asOf.other ? asOf.date : '' }).filter(([, v]) => v),
    ).toString();
    const t = this.forms.t(req);
    const defaultUntil = addDays(asOf.date, 180);
    const titleOf = new Map(rules.map((r) => [r.id, r.title]));
    const findings = shown.map((f) => ({
      ...findingView(f, base, snapshot),
      ruleTitle: titleOf.get(f.ruleId) ?? f.ruleId,
      waiveForm:
        failed?.findingId === f.id
          ? failed.form
          : this.forms.blank(req, waiverForm, {}, { until: defaultUntil }, undefined, `${anchorOf(f.id)}-`),
      waiveOpen: failed?.findingId === f.id,
    }));
    const option = (value: string, label: string, selected: string) => ({ value, label, selected: value === selected });
    this.renderer.page(
      req,
      res,
      'findings',
      {
        asOf,
        keep: Object.entries(filters)
          .filter(([, v]) => v)
          .map(([name, value]) => ({ name, value })),
        back: keep,
        filters,
        severities: SEVERITIES.map((s) => option(s, t(`severity.one.${s}`), filters.severity)),
        families: FAMILIES.map((f) => option(f, t(`family.${f}`), filters.family)),
        rules: rules.map((r) => option(r.id, `${r.title} (${r.id})`, filters.rule)),
        subjects: SUBJECT_TYPES.map((s) => option(s, t(`subject.${s}`), filters.subject)),
        statuses: ['open', 'waived', 'all'].map((s) => option(s, t(`findings.status.${s}`), filters.status)),
        summary: report.summary,
        findings,
        count: findings.length,
        total: report.findings.length,
      },
      { title: 'nav.findings', nav: 'findings', status },
    );
  }
}
