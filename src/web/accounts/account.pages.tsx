import { Body, Get, Post, Query } from '@nestjs/common';
import { LoginDto } from '../../accounts/dto/accounts.dto.js';
import { AccountsService } from '../../accounts/accounts.service.js';
import { DomainError, ErrorCode } from '../../common/errors.js';
import { RateLimited } from '../../common/rate-limit.js';
import { formFromError, validateForm, type FormBody } from '../form.js';
import { Ctx, Page, PageController, redirect, render, type PageContext } from '../page.js';
import { homeOf, safeNext, WebSessions } from '../web-sessions.js';
import { LoginPage } from './login.page.js';

/** Signing in and out, registering, the profile and the links e-mails send (verify, reset, invitation). */
@PageController()
export class AccountPages {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: WebSessions,
  ) {}

  @Get('login')
  @Page('anyone')
  login(@Ctx() page: PageContext, @Query('next') next?: string, @Query('done') done?: string) {
    render(
      page,
      <LoginPage
        page={page}
        next={safeNext(next)}
        notice={done === 'signed-out' ? page.t.login.signedOut : undefined}
      />,
    );
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
}
