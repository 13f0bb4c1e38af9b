import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthUser } from '../common/auth.js';
import { RateLimited } from '../common/rate-limit.js';
import { toCopenhagenIso } from '../common/time.js';
import { AccountsService } from './accounts.service.js';
import { AcceptInvitationDto, CreateUserDto, LoginDto, RegisterDto } from './dto/accounts.dto.js';

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
}
