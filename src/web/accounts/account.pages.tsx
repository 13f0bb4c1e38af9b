import { ConfigService } from '@nestjs/config';
import type { Env } from '../../config/env.js';
import { Body, Get, Post, Query } from '@nestjs/common';
import {
  AcceptInvitationDto,
  ChangePasswordDto,
  ForgotPasswordDto,
  LoginDto,
  RegisterDto,
  ResetPasswordDto,
  UpdateMeDto,
} from '../../accounts/dto/accounts.dto.js';
import { AccountsService } from '../../accounts/accounts.service.js';
import { DomainError, ErrorCode } from '../../common/errors.js';
import { RateLimited } from '../../common/rate-limit.js';
import type { FormState } from '../components/form.js';
import { formFromError, validateForm, type FormBody } from '../form.js';
import { Ctx, Page, PageController, redirect, render, signedIn, type PageContext } from '../page.js';
import { homeOf, safeNext, WebSessions } from '../web-sessions.js';
import { LoginPage } from './login.page.js';
import { MePage } from './me.page.js';
import { RegisterPage } from './register.page.js';
import { ForgotPasswordPage, MessagePage, NewPasswordPage, PrivacyPage } from './simple.pages.js';

/** Which sentence a refused link gets: not valid, used, or expired. */
function linkMessage(texts: { invalid: string; used: string; expired: string }, error: DomainError): string {
  if (error.code === ErrorCode.DeadlinePassed) return texts.expired;
  if (error.code === ErrorCode.InvalidState) return texts.used;
  return texts.invalid;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Signing in and out, registering, the profile, the links e-mails send (verify, reset, invitation), privacy. */
@PageController()
export class AccountPages {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: WebSessions,
    private readonly config: ConfigService<Env, true>,
  ) {}

  // ---- sign in and out ----

  @Get('login')
  @Page('anyone')
  login(@Ctx() page: PageContext, @Query('next') next?: string, @Query('done') done?: string) {
    const notices: Record<string, string> = {
      'signed-out': page.t.login.signedOut,
      'password-reset': page.t.reset.done,
    };
    render(page, <LoginPage page={page} next={safeNext(next)} notice={done ? notices[done] : undefined} />);
  }

  @Post('login')
  @Page('anyone')
  @RateLimited('login')
  async signIn(@Ctx() page: PageContext, @Body() body: FormBody, @Query('next') next?: string) {
    const checked = await validateForm(LoginDto, body, page.t);
    if (!checked.ok)
      return render(page, <LoginPage page={page} form={checked.form} next={safeNext(next)} />, 400);
    try {
      const user = await this.accounts.authenticate(checked.dto);
      await this.sessions.signIn(page, user.id);
      redirect(page, safeNext(next) ?? homeOf(user.role));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const shown = formFromError(page.t, error, body, { [ErrorCode.Unauthenticated]: page.t.login.wrong });
      const status = error.code === ErrorCode.Unauthenticated ? 401 : error.status;
      render(page, <LoginPage page={page} {...shown} next={safeNext(next)} />, status);
    }
  }

  @Post('logout')
  @Page('anyone')
  async signOut(@Ctx() page: PageContext) {
    await this.sessions.signOut(page);
    redirect(page, '/login?done=signed-out');
  }

  // ---- register ----

  @Get('register')
  @Page('anyone')
  register(@Ctx() page: PageContext) {
    render(page, <RegisterPage page={page} />);
  }

  @Post('register')
  @Page('anyone')
  @RateLimited('register')
  async create(@Ctx() page: PageContext, @Body() body: FormBody) {
    const checked = await validateForm(RegisterDto, body, page.t);
    if (!checked.ok)
      return render(page, <RegisterPage page={page} form={guardianOnField(checked.form)} />, 400);
    try {
      const user = await this.accounts.register(checked.dto);
      await this.sessions.signIn(page, user.id);
      redirect(page, '/me?done=registered');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const shown = formFromError(page.t, error, body, { [ErrorCode.AlreadyExists]: page.t.register.exists });
      if (error.code === ErrorCode.AlreadyExists) shown.form.errors = { email: page.t.register.exists };
      render(
        page,
        <RegisterPage page={page} form={guardianOnField(shown.form)} message={shown.message} />,
        error.status,
      );
    }
  }

  // ---- profile ----

  @Get('me')
  @Page('signed-in')
  async me(@Ctx() page: PageContext, @Query('done') done?: string) {
    const notices: Record<string, string> = {
      registered: page.t.register.done,
      saved: page.t.me.saved,
      password: page.t.me.passwordChanged,
      resent: page.t.me.resent,
      verified: page.t.verify.done,
      'already-verified': page.t.me.alreadyVerified,
    };
    const me = await this.accounts.me(signedIn(page).id);
    render(page, <MePage page={page} me={me} notice={done ? notices[done] : undefined} />);
  }

  @Post('me')
  @Page('signed-in')
  async saveProfile(@Ctx() page: PageContext, @Body() body: FormBody) {
    const user = signedIn(page);
    // A cleared phone field removes the number (an empty field is otherwise left out).
    const checked = await validateForm(UpdateMeDto, body, page.t, { phone: text(body.phone).trim() });
    if (!checked.ok) return this.meAgain(page, checked.form, undefined, 400);
    try {
      await this.accounts.updateMe(user.id, checked.dto);
      redirect(page, '/me?done=saved');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const shown = formFromError(page.t, error, body);
      await this.meAgain(page, shown.form, shown.message, error.status);
    }
  }

  @Post('me/password')
  @Page('signed-in')
  @RateLimited('change-password')
  async changePassword(@Ctx() page: PageContext, @Body() body: FormBody) {
    const user = signedIn(page);
    const checked = await validateForm(ChangePasswordDto, body, page.t);
    if (!checked.ok) return this.meAgain(page, checked.form, undefined, 400);
    try {
      await this.accounts.changePassword(user.id, checked.dto, page.sessionId ?? undefined);
      redirect(page, '/me?done=password');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const shown = formFromError(page.t, error, body);
      if (shown.form.errors.currentPassword) shown.form.errors.currentPassword = page.t.me.wrongCurrent;
      await this.meAgain(page, shown.form, shown.message, error.status);
    }
  }

  @Post('me/verification-email')
  @Page('signed-in')
  @RateLimited('verification-email')
  async resendVerification(@Ctx() page: PageContext) {
    try {
      await this.accounts.resendVerification(signedIn(page).id);
      redirect(page, '/me?done=resent');
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== ErrorCode.InvalidState) throw error;
      redirect(page, '/me?done=already-verified');
    }
  }

  private async meAgain(page: PageContext, form: FormState, message: string | undefined, status: number) {
    const me = await this.accounts.me(signedIn(page).id);
    render(page, <MePage page={page} me={me} form={form} message={message} />, status);
  }

  // ---- links from e-mails ----

  /** The link in the verification e-mail: one click confirms the address. */
  @Get('verify-email')
  @Page('anyone')
  async verifyEmail(@Ctx() page: PageContext, @Query('token') token?: string) {
    const t = page.t;
    const next = page.user
      ? { href: '/me', text: t.verify.toProfile }
      : { href: '/login?next=%2Fme', text: t.site.signIn };
    try {
      if (!token) throw new DomainError(ErrorCode.ValidationFailed, 'token is required');
      await this.accounts.verifyEmail(token);
      if (page.user) return redirect(page, '/me?done=verified');
      render(
        page,
        <MessagePage page={page} title={t.verify.title} message={t.verify.done} kind="success" link={next} />,
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const message = linkMessage(t.verify, error);
      render(
        page,
        <MessagePage page={page} title={t.verify.title} message={message} kind="error" link={next} />,
        400,
      );
    }
  }

  @Get('forgot-password')
  @Page('anyone')
  forgotPassword(@Ctx() page: PageContext, @Query('done') done?: string) {
    render(page, <ForgotPasswordPage page={page} sent={done === 'sent'} />);
  }

  @Post('forgot-password')
  @Page('anyone')
  @RateLimited('forgot-password')
  async sendReset(@Ctx() page: PageContext, @Body() body: FormBody) {
    const checked = await validateForm(ForgotPasswordDto, body, page.t);
    if (!checked.ok) return render(page, <ForgotPasswordPage page={page} form={checked.form} />, 400);
    await this.accounts.forgotPassword(checked.dto.email);
    redirect(page, '/forgot-password?done=sent');
  }

  @Get('reset-password')
  @Page('anyone')
  async resetPassword(@Ctx() page: PageContext, @Query('token') token?: string) {
    const state = token ? await this.accounts.linkState(token, 'reset-password') : 'invalid';
    if (state !== 'valid') return this.unusableReset(page, page.t.reset[state]);
    render(page, this.resetForm(page, token!));
  }

  @Post('reset-password')
  @Page('anyone')
  @RateLimited('reset-password')
  async setNewPassword(@Ctx() page: PageContext, @Body() body: FormBody) {
    const checked = await validateForm(ResetPasswordDto, body, page.t);
    const token = text(body.token);
    if (!checked.ok) return render(page, this.resetForm(page, token, checked.form), 400);
    try {
      await this.accounts.resetPassword(checked.dto);
      // Every session ended, this browser's too.
      await this.sessions.signOut(page);
      redirect(page, '/login?done=password-reset');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const shown = formFromError(page.t, error, body);
      if (shown.form.errors.token || !shown.form.errors.password) {
        return this.unusableReset(page, linkMessage(page.t.reset, error));
      }
      render(page, this.resetForm(page, token, shown.form), error.status);
    }
  }

  private resetForm(page: PageContext, token: string, form?: FormState) {
    const t = page.t;
    return (
      <NewPasswordPage
        page={page}
        action="/reset-password"
        title={t.reset.title}
        intro={t.reset.intro}
        submit={t.reset.submit}
        token={token}
        form={form}
      />
    );
  }

  private unusableReset(page: PageContext, message: string) {
    const t = page.t;
    render(
      page,
      <MessagePage
        page={page}
        title={t.reset.title}
        message={message}
        kind="error"
        link={{ href: '/forgot-password', text: t.reset.askAgain }}
      />,
      400,
    );
  }

  /** The link in the invitation e-mail: the invited juror, teacher or staff member chooses a password. */
  @Get('accept-invitation')
  @Page('anyone')
  acceptInvitation(@Ctx() page: PageContext, @Query('token') token?: string) {
    if (!token) return this.unusableInvitation(page, page.t.invitation.invalid);
    render(page, this.invitationForm(page, token));
  }

  @Post('accept-invitation')
  @Page('anyone')
  @RateLimited('accept-invitation')
  async setFirstPassword(@Ctx() page: PageContext, @Body() body: FormBody) {
    const checked = await validateForm(AcceptInvitationDto, body, page.t);
    const token = text(body.token);
    if (!checked.ok) return render(page, this.invitationForm(page, token, checked.form), 400);
    try {
      const { user } = await this.accounts.acceptInvitation(checked.dto);
      await this.sessions.signIn(page, user.id);
      redirect(page, homeOf(user.role));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const shown = formFromError(page.t, error, body);
      if (shown.form.errors.token || !shown.form.errors.password) {
        return this.unusableInvitation(page, linkMessage(page.t.invitation, error));
      }
      render(page, this.invitationForm(page, token, shown.form), error.status);
    }
  }

  private invitationForm(page: PageContext, token: string, form?: FormState) {
    const t = page.t;
    return (
      <NewPasswordPage
        page={page}
        action="/accept-invitation"
        title={t.invitation.title}
        intro={t.invitation.intro}
        submit={t.invitation.submit}
        token={token}
        form={form}
      />
    );
  }

  private unusableInvitation(page: PageContext, message: string) {
    const t = page.t;
    render(page, <MessagePage page={page} title={t.invitation.title} message={message} kind="error" />, 400);
  }

  // ---- privacy ----

  @Get('privacy')
  @Page('anyone')
  privacy(@Ctx() page: PageContext) {
    const retention = {
      materialMonths: this.config.get('RETENTION_MATERIAL_MONTHS'),
      applicantMonths: this.config.get('RETENTION_APPLICANT_MONTHS'),
      outboxDays: this.config.get('RETENTION_OUTBOX_DAYS'),
    };
    render(page, <PrivacyPage page={page} retention={retention} />);
  }
}

/** "guardian is required" names the whole object: shown next to the guardian's name field. */
function guardianOnField(form: FormState): FormState {
  const { guardian, ...errors } = form.errors;
  return guardian ? { ...form, errors: { 'guardian.name': guardian, ...errors } } : form;
}
