import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthUser } from '../common/auth.js';
import { RateLimited } from '../common/rate-limit.js';
import { toCopenhagenIso } from '../common/time.js';
import { AccountsService } from './accounts.service.js';
import {
  AcceptInvitationDto,
  ChangePasswordDto,
  CreateUserDto,
  ForgotPasswordDto,
  LoginDto,
  RegisterDto,
  ResetPasswordDto,
  UpdateMeDto,
  StaffUserItem,
  StaffUserPage,
  UpdateUserDto,
  UserQuery,
  VerifyEmailDto,
} from './dto/accounts.dto.js';

@ApiTags('accounts')
@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('auth/register')
  @Public()
  @RateLimited('register')
  register(@Body() dto: RegisterDto) {
    return this.accounts.register(dto);
  }

  @Post('auth/login')
  @HttpCode(200)
  @Public()
  @RateLimited('login')
  login(@Body() dto: LoginDto) {
    return this.accounts.login(dto);
  }

  @Post('auth/accept-invitation')
  @HttpCode(200)
  @Public()
  @RateLimited('accept-invitation')
  acceptInvitation(@Body() dto: AcceptInvitationDto) {
    return this.accounts.acceptInvitation(dto);
  }

  /** Always 202, whether or not the address has an account; the e-mail (if any) carries a one-hour link. */
  @Post('auth/forgot-password')
  @HttpCode(202)
  @Public()
  @RateLimited('forgot-password')
  @ApiAcceptedResponse({ description: 'If the address has an account, a reset link is on its way' })
  async forgotPassword(@Body() dto: ForgotPasswordDto) {
    await this.accounts.forgotPassword(dto.email);
    return { message: 'If the address has an account, we have sent it a link to choose a new password' };
  }

  /** Sets the password from the e-mailed link (single use); every session of the person ends. */
  @Post('auth/reset-password')
  @HttpCode(200)
  @Public()
  @RateLimited('reset-password')
  async resetPassword(@Body() dto: ResetPasswordDto) {
    await this.accounts.resetPassword(dto);
    return { message: 'Your password has been changed; sign in with the new one' };
  }

  @Post('auth/verify-email')
  @HttpCode(200)
  @Public()
  @RateLimited('verify-email')
  verifyEmail(@Body() dto: VerifyEmailDto) {
    return this.accounts.verifyEmail(dto.token);
  }

  @Get('me')
  @ApiBearerAuth()
  me(@CurrentUser() user: AuthUser) {
    return this.accounts.me(user.id);
  }

  @Patch('me')
  @ApiBearerAuth()
  updateMe(@CurrentUser() user: AuthUser, @Body() dto: UpdateMeDto) {
    return this.accounts.updateMe(user.id, dto);
  }

  /** A new password given the current one; every browser session of the person ends. */
  @Post('me/password')
  @HttpCode(200)
  @ApiBearerAuth()
  @RateLimited('change-password')
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto) {
    await this.accounts.changePassword(user.id, dto);
    return { message: 'Your password has been changed' };
  }

  /** Sends the link that verifies the address again (409 when it is verified already). */
  @Post('me/verification-email')
  @HttpCode(202)
  @ApiBearerAuth()
  @RateLimited('verification-email')
  async resendVerification(@CurrentUser() user: AuthUser) {
    await this.accounts.resendVerification(user.id);
    return { message: 'A new link is on its way to your e-mail address' };
  }

  @Post('users')
  @ApiBearerAuth()
  @Roles('staff')
  async createUser(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto) {
    const issued = await this.accounts.invite(user, dto);
    return { ...issued.user, invitationExpiresAt: toCopenhagenIso(issued.expiresAt) };
  }

  /** Jurors, teachers and staff: by role, active or not, part of the name or e-mail; with their invitation's state. */
  @Get('users')
  @ApiBearerAuth()
  @Roles('staff')
  @ApiOkResponse({ type: StaffUserPage })
  listUsers(@Query() query: UserQuery) {
    return this.accounts.listUsers(query);
  }

  /** A new invitation link e-mailed (older unused ones stop working); 409 once accepted or while deactivated. */
  @Post('users/:id/invitation')
  @ApiBearerAuth()
  @Roles('staff')
  @ApiCreatedResponse({ type: StaffUserItem })
  async reinvite(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) userId: string) {
    const issued = await this.accounts.reinvite(user, userId);
    return { ...issued.user, invitation: 'pending', invitationExpiresAt: toCopenhagenIso(issued.expiresAt) };
  }

  /** Staff deactivate (or reactivate) an account or change a role: the person's existing tokens stop working. */
  @Patch('users/:id')
  @ApiBearerAuth()
  @Roles('staff')
  updateUser(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) userId: string,
    @Body() dto: UpdateUserDto,
  ) {
    return this.accounts.updateUser(user, userId, dto);
  }
}
