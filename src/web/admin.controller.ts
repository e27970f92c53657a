import { Controller, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { requireGlobal } from '../common/actor';
import { ROLES } from '../common/actor';
import { Public, RequireRole } from '../auth/auth.guard';
import { KeysService } from '../auth/keys.service';
import { oneTimePassword } from '../auth/password';
import type { Grant } from '../auth/user.entity';
import { UsersService } from '../auth/users.service';
import { DomainError, FieldProblem } from '../common/errors';
import { isIsoDate } from '../common/validators';
import { parisInstant } from '../deadlines/deadline';
import { OrganisationsService } from '../organisations/organisations.service';
import { field, WebRequest, bodyOf, asText } from './context';
import { addedRow, FormModel, FormSpec, OptionSpec, parseForm } from './forms/form';
import { RecordForms } from './record-forms';
import { WebRenderer } from './render.service';
import { WebGuard } from './web.guard';

const roleOptions: OptionSpec[] = ROLES.map((r) => ({ value: r, label: `role.user.${r}` }));

const userForm = (create: boolean): FormSpec => ({
  sections: [
    {
      legend: 'admin.person',
      items: [
        ...(create
          ? [{ kind: 'email' as const, name: 'email', label: 'login.email', required: true, autocomplete: 'off' }]
          : []),
        {
          kind: 'text',
          name: 'name',
          label: 'admin.name',
          required: true,
          hint: 'admin.nameHint',
          autocomplete: 'off',
        },
        {
          kind: 'list',
          name: 'grants',
          label: 'admin.grants',
          item: 'admin.grant',
          hint: 'admin.grantsHint',
          fields: [
            {
              kind: 'select',
              name: 'organisation',
              label: 'admin.organisation',
              required: true,
              choices: 'orgs',
              empty: 'form.choose',
            },
            {
              kind: 'select',
              name: 'role',
              label: 'admin.role',
              required: true,
              options: roleOptions,
              empty: 'form.choose',
            },
          ],
        },
      ],
    },
  ],
});

const keyForm: FormSpec = {
  sections: [
    {
      legend: 'admin.key',
      items: [
        { kind: 'text', name: 'name', label: 'admin.keyName', required: true, hint: 'admin.keyNameHint' },
        {
          kind: 'select',
          name: 'role',
          label: 'admin.role',
          required: true,
          options: roleOptions,
          empty: 'form.choose',
        },
        { kind: 'checkboxes', name: 'organisations', label: 'admin.keyOrgs', choices: 'orgs' },
        { kind: 'date', name: 'expiresOn', label: 'admin.expiresOn', hint: 'admin.expiresHint' },
      ],
    },
  ],
};

/** People and API keys, for admins of every organisation (the same rule as the API's /keys). */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@RequireRole('admin')
@Controller('admin')
export class AdminController {
  constructor(
    private readonly users: UsersService,
    private readonly keys: KeysService,
    private readonly organisations: OrganisationsService,
    private readonly forms: RecordForms,
    private readonly renderer: WebRenderer,
  ) {}

  @Get('users')
  async usersPage(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    requireGlobal();
    const form = this.forms.blank(req, userForm(true), await this.choices(), {
      grants: [{ organisation: '', role: 'editor' }],
    });
    await this.showUsers(req, res, form, null, 200);
  }

  @Post('users')
  async createUser(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    requireGlobal();
    const spec = userForm(true);
    const choices = await this.choices();
    const body = bodyOf(req);
    const again = addedRow(body, spec);
    if (again) return this.showUsers(req, res, this.forms.fromBody(req, { spec, choices }, [], {}, again), null, 200);
    const parsed = parseForm(spec, body);
    const password = oneTimePassword();
    try {
      const user = await this.users.create({
        email: asText(parsed.value.email),
        name: asText(parsed.value.name),
        password,
        grants: (parsed.value.grants as Grant[] | undefined) ?? [],
        mustChangePassword: true,
      });
      const form = this.forms.blank(req, spec, choices, { grants: [{ organisation: '', role: 'editor' }] });
      await this.showUsers(req, res, form, { email: user.email, password }, 201);
    } catch (error) {
      if (!(error instanceof DomainError) || Number(error.status) >= 500) throw error;
      await this.showUsers(
        req,
        res,
        this.forms.fromBody(req, { spec, choices }, error.details, parsed.rows),
        null,
        error.status,
      );
    }
  }

  @Get('users/:id')
  async userPage(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    requireGlobal();
    const user = await this.users.get(id);
    const form = this.forms.blank(req, userForm(false), await this.choices(), { name: user.name, grants: user.grants });
    await this.showUser(req, res, id, form, null, 200);
  }

  @Post('users/:id')
  async updateUser(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    requireGlobal();
    const spec = userForm(false);
    const choices = await this.choices();
    const body = bodyOf(req);
    const again = addedRow(body, spec);
    if (again)
      return this.showUser(req, res, id, this.forms.fromBody(req, { spec, choices }, [], {}, again), null, 200);
    const parsed = parseForm(spec, body);
    try {
      await this.users.update(id, {
        name: asText(parsed.value.name),
        grants: (parsed.value.grants as Grant[] | undefined) ?? [],
      });
      this.renderer.redirect(req, res, `/admin/users/${id}`, { key: 'flash.userSaved' });
    } catch (error) {
      if (!(error instanceof DomainError) || Number(error.status) >= 500) throw error;
      await this.showUser(
        req,
        res,
        id,
        this.forms.fromBody(req, { spec, choices }, error.details, parsed.rows),
        null,
        error.status,
      );
    }
  }

  @Post('users/:id/state')
  async setState(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    requireGlobal();
    const action = field(bodyOf(req), 'action');
    if (action === 'disable' || action === 'enable') {
      if (action === 'disable' && id === req.web.user!.id) {
        throw new DomainError(409, 'conflict', 'You cannot disable your own account');
      }
      await this.users.setDisabled(id, action === 'disable');
    } else if (action === 'unlock') {
      await this.users.unlock(id);
    } else if (action === 'reset') {
      const password = oneTimePassword();
      await this.users.setPassword(id, password, { mustChange: true });
      await this.users.unlock(id);
      const user = await this.users.get(id);
      const form = this.forms.blank(req, userForm(false), await this.choices(), {
        name: user.name,
        grants: user.grants,
      });
      return this.showUser(req, res, id, form, { email: user.email, password }, 200);
    }
    this.renderer.redirect(req, res, `/admin/users/${id}`, {
      key: `flash.user.${action === 'enable' ? 'enabled' : action === 'unlock' ? 'unlocked' : 'disabled'}`,
    });
  }

  @Get('keys')
  async keysPage(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    requireGlobal();
    await this.showKeys(req, res, this.forms.blank(req, keyForm, await this.choices(), { role: 'viewer' }), null, 200);
  }

  @Post('keys')
  async createKey(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    requireGlobal();
    const choices = await this.choices();
    const parsed = parseForm(keyForm, bodyOf(req));
    const expires = parsed.value.expiresOn as string | undefined;
    const problems: FieldProblem[] = [];
    if (expires !== undefined && !isIsoDate(expires))
      problems.push({ field: 'expiresOn', problem: 'must be a real date as YYYY-MM-DD' });
    if (!problems.length) {
      try {
        const key = await this.keys.create({
          name: asText(parsed.value.name),
          role: asText(parsed.value.role),
          organisations: (parsed.value.organisations as string[] | undefined) ?? [],
          expiresAt: expires ? parisInstant(expires, '00:00:00') : undefined,
        });
        return this.showKeys(
          req,
          res,
          this.forms.blank(req, keyForm, choices, { role: 'viewer' }),
          { token: key.token, name: key.name },
          201,
        );
      } catch (error) {
        if (!(error instanceof DomainError) || Number(error.status) >= 500) throw error;
        problems.push(...error.details);
      }
    }
    await this.showKeys(req, res, this.forms.fromBody(req, { spec: keyForm, choices }, problems, {}), null, 400);
  }

  @Post('keys/:id/revoke')
  async revoke(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    requireGlobal();
    const key = await this.keys.revoke(id);
    this.renderer.redirect(req, res, '/admin/keys', { key: 'flash.keyRevoked', params: { name: key.name } });
  }

  private async choices(): Promise<Record<string, OptionSpec[]>> {
    const orgs = await this.organisations.list();
    return {
      orgs: [
        { value: '*', label: 'admin.everyOrganisation' },
        ...orgs.map((o) => ({ value: o.slug, label: `${o.name} (${o.slug})`, literal: true })),
      ],
    };
  }

  private async showUsers(
    req: WebRequest,
    res: Response,
    form: FormModel,
    created: { email: string; password: string } | null,
    status: number,
  ): Promise<void> {
    const users = (await this.users.list()).map((u) => ({
      ...u,
      grants: u.grants.map((g) => ({ organisation: g.organisation === '*' ? null : g.organisation, role: g.role })),
    }));
    this.renderer.page(
      req,
      res,
      'users',
      {
        users,
        form,
        created,
        action: '/admin/users',
        submitLabel: this.renderer.t(req.web, 'admin.createUser'),
        cancelHref: '/admin/users',
      },
      { title: 'nav.users', nav: 'users', status },
    );
  }

  private async showUser(
    req: WebRequest,
    res: Response,
    id: string,
    form: FormModel,
    reset: { email: string; password: string } | null,
    status: number,
  ): Promise<void> {
    const user = await this.users.get(id);
    this.renderer.page(
      req,
      res,
      'user',
      {
        u: {
          id: user.id,
          email: user.email,
          name: user.name,
          disabledAt: user.disabledAt,
          lastSignInAt: user.lastSignInAt,
          mustChange: user.mustChangePassword === true,
        },
        lockedUntil: (await this.users.lockedUntil(user.email, req.web.now)) ?? null,
        self: user.id === req.web.user!.id,
        form,
        reset,
        action: `/admin/users/${id}`,
        submitLabel: this.renderer.t(req.web, 'form.save'),
        cancelHref: '/admin/users',
      },
      {
        title: 'admin.userTitle',
        titleParams: { name: user.name },
        nav: 'users',
        status,
        crumbs: [{ label: this.renderer.t(req.web, 'nav.users'), href: '/admin/users' }],
      },
    );
  }

  private async showKeys(
    req: WebRequest,
    res: Response,
    form: FormModel,
    created: { token: string; name: string } | null,
    status: number,
  ): Promise<void> {
    const keys = (await this.keys.list()).map((k) => ({ ...k, everywhere: k.organisations.includes('*') }));
    this.renderer.page(
      req,
      res,
      'keys',
      {
        keys,
        form,
        created,
        action: '/admin/keys',
        submitLabel: this.renderer.t(req.web, 'admin.createKey'),
        cancelHref: '/admin/keys',
      },
      { title: 'nav.keys', nav: 'keys', status },
    );
  }
}
