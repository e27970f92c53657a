import { Controller, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, RequireRole } from '../auth/auth.guard';
import { PASSWORD_MIN_LENGTH } from '../auth/password';
import { SessionsService } from '../auth/sessions.service';
import { UsersService } from '../auth/users.service';
import { DomainError, FieldProblem } from '../common/errors';
import { DuringPasswordChange, field, WebRequest, bodyOf } from './context';
import type { FormModel, FormSpec } from './forms/form';
import { RecordForms } from './record-forms';
import { WebRenderer } from './render.service';
import { WebGuard } from './web.guard';

const PASSWORD_FORM: FormSpec = {
  sections: [
    {
      legend: 'section.password',
      items: [
        {
          kind: 'password',
          name: 'current',
          label: 'field.currentPassword',
          required: true,
          autocomplete: 'current-password',
        },
        {
          kind: 'password',
          name: 'password',
          label: 'field.newPassword',
          required: true,
          hint: 'hint.password',
          autocomplete: 'new-password',
        },
        {
          kind: 'password',
          name: 'confirm',
          label: 'field.confirmPassword',
          required: true,
          autocomplete: 'new-password',
        },
      ],
    },
  ],
};

/** A person's own account: their roles, their sessions, their password. */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
// A person's own account is theirs whatever their role on the organisations.
@RequireRole('viewer')
@Controller('account')
export class AccountController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly renderer: WebRenderer,
    private readonly forms: RecordForms,
  ) {}

  @Get()
  async account(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const user = req.web.user!;
    const sessions = (await this.sessions.listActive(user.id, req.web.now)).map((s) => ({
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      userAgent: s.userAgent ?? '—',
      current: s.id === req.web.session?.id,
    }));
    this.renderer.page(
      req,
      res,
      'account',
      {
        user: { name: user.name, email: user.email, lastSignInAt: user.lastSignInAt },
        grants: user.grants.map((g) => ({
          organisation: g.organisation === '*' ? null : g.organisation,
          role: g.role,
        })),
        sessions,
        others: sessions.filter((s) => !s.current).length,
      },
      { title: 'account.title', nav: 'account' },
    );
  }

  @Post('sessions/end-others')
  async endOthers(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const n = await this.sessions.endOthers(req.web.user!.id, req.web.session!.id, req.web.now);
    this.renderer.redirect(req, res, '/account', { key: 'flash.sessionsEnded', params: { n: String(n) } });
  }

  @Get('password')
  @DuringPasswordChange()
  password(@Req() req: WebRequest, @Res() res: Response): void {
    this.show(req, res, this.forms.blank(req, PASSWORD_FORM, {}), 200);
  }

  @Post('password')
  @DuringPasswordChange()
  async change(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const user = req.web.user!;
    const [current, next, confirm] = ['current', 'password', 'confirm'].map((n) => field(bodyOf(req), n));
    const problems: FieldProblem[] = [];
    if (!current) problems.push({ field: 'current', problem: 'should not be empty' });
    if (next.length < PASSWORD_MIN_LENGTH) {
      problems.push({ field: 'password', problem: `must be at least ${PASSWORD_MIN_LENGTH} characters` });
    }
    if (next !== confirm) problems.push({ field: 'confirm', problem: 'passwords differ' });
    if (!problems.length) {
      try {
        await this.users.changePassword(user.id, current, next, req.web.session?.id);
        return this.renderer.redirect(req, res, '/', { key: 'flash.passwordChanged' });
      } catch (error) {
        if (!(error instanceof DomainError) || Number(error.status) !== 400) throw error;
        problems.push(...error.details);
      }
    }
    this.show(req, res, this.forms.fromBody(req, { spec: PASSWORD_FORM, choices: {} }, problems, {}), 400);
  }

  private show(req: WebRequest, res: Response, form: FormModel, status: number): void {
    this.renderer.page(
      req,
      res,
      'password',
      {
        form,
        mustChange: req.web.user!.mustChangePassword === true,
        action: '/account/password',
        submitLabel: this.renderer.t(req.web, 'account.changePassword'),
        cancelHref: '/account',
      },
      { title: 'account.passwordTitle', nav: 'account', status },
    );
  }
}
