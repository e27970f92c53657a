import { bodyOf } from './context';
import { Controller, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { canReach, requireGlobal } from '../common/actor';
import { Public, RequireRole } from '../auth/auth.guard';
import { roleOn } from '../auth/users.service';
import { parisDate } from '../common/calendar-date';
import { DomainError } from '../common/errors';
import { validateAs } from '../common/validate';
import { ComplianceService } from '../compliance/compliance.service';
import { CreateOrganisationDto } from '../organisations/organisation.dto';
import { OrganisationsService } from '../organisations/organisations.service';
import type { WebRequest } from './context';
import { addedRow, FormModel, parseForm } from './forms/form';
import { choicesFor, organisationForm } from './forms/specs';
import { RecordForms } from './record-forms';
import { WebRenderer } from './render.service';
import { WebGuard } from './web.guard';

const NEW_ORG = organisationForm({ create: true, settings: false });

/** The organisation picker: a DPO often serves several bodies. */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@Controller()
export class HomeController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly compliance: ComplianceService,
    private readonly renderer: WebRenderer,
    private readonly forms: RecordForms,
  ) {}

  @Get()
  async home(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const form = this.forms.blank(req, NEW_ORG, choicesFor(req.web.lang), { country: 'FR', roles: ['controller'] });
    await this.show(req, res, form, 200);
  }

  @Post('o')
  @RequireRole('admin')
  async create(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    requireGlobal();
    const choices = choicesFor(req.web.lang);
    const body = bodyOf(req);
    if (addedRow(body, NEW_ORG))
      return this.show(req, res, this.forms.fromBody(req, { spec: NEW_ORG, choices }, [], {}), 200);
    const parsed = parseForm(NEW_ORG, body);
    const { value, problems } = validateAs(CreateOrganisationDto, parsed.value);
    if (problems.length) {
      return this.show(req, res, this.forms.fromBody(req, { spec: NEW_ORG, choices }, problems, parsed.rows), 400);
    }
    try {
      const org = await this.organisations.create(value);
      this.renderer.redirect(req, res, `/o/${org.slug}`, { key: 'flash.orgCreated', params: { name: org.name } });
    } catch (error) {
      if (!(error instanceof DomainError) || Number(error.status) >= 500) throw error;
      await this.show(
        req,
        res,
        this.forms.fromBody(req, { spec: NEW_ORG, choices }, error.details, parsed.rows),
        error.status,
      );
    }
  }

  private async show(req: WebRequest, res: Response, form: FormModel, status: number): Promise<void> {
    const actor = req.web.actor!;
    const user = req.web.user!;
    const today = parisDate(req.web.now);
    const reachable = (await this.organisations.list()).filter((o) => canReach(actor, o.slug));
    const organisations = [];
    for (const org of reachable) {
      const { report, snapshot } = await this.compliance.check(org.slug, { asOf: today, lang: req.web.lang });
      organisations.push({
        slug: org.slug,
        name: org.name,
        role: roleOn(user.grants, org.slug) ?? 'viewer',
        errors: report.summary.error,
        warnings: report.summary.warning,
        treatments: snapshot.treatments.length,
      });
    }
    this.renderer.page(
      req,
      res,
      'home',
      {
        organisations,
        form,
        action: '/o',
        submitLabel: this.renderer.t(req.web, 'home.createSubmit'),
        cancelHref: '/',
      },
      { title: 'home.title', nav: 'home', status },
    );
  }
}
