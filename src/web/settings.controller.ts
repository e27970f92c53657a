import { bodyOf } from './context';
import { Controller, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { hasRole } from '../common/actor';
import { Public } from '../auth/auth.guard';
import { BundlesService } from '../bundles/bundles.service';
import { DomainError } from '../common/errors';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { countryName } from '../reference/countries';
import type { WebRequest } from './context';
import { addedRow, asPatch, FormModel, parseForm } from './forms/form';
import { choicesFor, organisationForm } from './forms/specs';
import { RecordForms } from './record-forms';
import { WebRenderer } from './render.service';
import { WebGuard } from './web.guard';

/** The organisation itself: identity, contacts, DPO, general measures, processor terms and settings. */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@Controller('o/:slug')
export class SettingsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly bundles: BundlesService,
    private readonly deadlines: DeadlinesService,
    private readonly forms: RecordForms,
    private readonly renderer: WebRenderer,
  ) {}

  @Get('settings')
  async show(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const org = await this.organisations.get(req.web.org!.slug);
    const lang = req.web.lang;
    const contact = (c?: { name?: string; role?: string; email?: string; phone?: string; address?: string }) =>
      c ? [c.name, c.role, c.email, c.phone, c.address].filter(Boolean).join(' — ') || null : null;
    this.renderer.page(
      req,
      res,
      'settings',
      {
        o: {
          name: org.name,
          slug: org.slug,
          country: `${countryName(org.country, lang)} (${org.country})`,
          roles: org.roles.map((r) => `orgRole.${r}`),
          registrationId: org.registrationId ?? null,
          address: org.address ?? null,
          description: org.description ?? null,
          contact: contact(org.contact),
          dpo: contact(org.dpo),
          representative: org.representative?.name ?? null,
          measures: (org.securityMeasures ?? []).map((m) => ({ category: m.category ?? null, title: m.title })),
          terms: org.processorTerms ?? null,
          horizon: org.settings?.expiryHorizonDays ?? 90,
          thresholds: (org.settings?.alertThresholdDays ?? [90, 60, 30, 14, 7, 1]).join(', '),
          notes: org.notes ?? null,
        },
      },
      { title: 'nav.organisation', nav: 'organisation' },
    );
  }

  @Get('settings/edit')
  async editForm(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const org = await this.organisations.get(req.web.org!.slug);
    const form = this.forms.blank(req, this.spec(req), choicesFor(req.web.lang), org);
    this.page(req, res, form, 200);
  }

  @Post('settings/edit')
  async update(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const spec = this.spec(req);
    const choices = choicesFor(req.web.lang);
    const body = bodyOf(req);
    const again = addedRow(body, spec);
    if (again) return this.page(req, res, this.forms.fromBody(req, { spec, choices }, [], {}, again), 200);
    const parsed = parseForm(spec, body);
    try {
      await this.organisations.update(req.web.org!.slug, asPatch(parsed));
      this.renderer.redirect(req, res, `/o/${req.web.org!.slug}/settings`, {
        key: 'flash.saved',
        params: { name: req.web.org!.name },
      });
    } catch (error) {
      if (!(error instanceof DomainError) || Number(error.status) >= 500) throw error;
      this.page(req, res, this.forms.fromBody(req, { spec, choices }, error.details, parsed.rows), error.status);
    }
  }

  @Get('export.json')
  async export(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const bundle = await this.bundles.export(req.web.org!.slug);
    res.set({
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${req.web.org!.slug}.json"`,
    });
    res.send(`${JSON.stringify(bundle, null, 2)}\n`);
  }

  @Get('calendar.ics')
  async calendar(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const ics = await this.deadlines.calendar(req.web.org!.slug);
    res.set({
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${req.web.org!.slug}.ics"`,
    });
    res.send(ics);
  }

  /** Settings (thresholds) are the admins' (as in the API); editors change the rest. */
  private spec(req: WebRequest) {
    return organisationForm({ create: false, settings: hasRole(req.web.actor!, 'admin') });
  }

  private page(req: WebRequest, res: Response, form: FormModel, status: number): void {
    const base = `/o/${req.web.org!.slug}`;
    this.renderer.page(
      req,
      res,
      'record-form-page',
      {
        form,
        intro: 'settings.editIntro',
        action: `${base}/settings/edit`,
        submitLabel: this.renderer.t(req.web, 'form.save'),
        cancelHref: `${base}/settings`,
      },
      {
        title: 'settings.editTitle',
        nav: 'organisation',
        status,
        crumbs: [{ label: this.renderer.t(req.web, 'nav.organisation'), href: `${base}/settings` }],
      },
    );
  }
}
