import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthUser } from '../common/auth.js';
import { RateLimited } from '../common/rate-limit.js';
import { toCopenhagenIso } from '../common/time.js';
import { AccountsService } from './accounts.service.js';
import {
  AcceptInvitationDto,
  CreateUserDto,
  LoginDto,
  RegisterDto,
  UpdateUserDto,
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

  @Get('me')
  @ApiBearerAuth()
  me(@CurrentUser() user: AuthUser) {
    return this.accounts.me(user.id);
  }

  @Post('users')
  @ApiBearerAuth()
  @Roles('staff')
  async createUser(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto) {
    const issued = await this.accounts.invite(user, dto);
    return { ...issued.user, invitationExpiresAt: toCopenhagenIso(issued.expiresAt) };
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
