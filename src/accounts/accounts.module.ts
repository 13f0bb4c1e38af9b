import { Global, Module, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Env } from '../config/env.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { TOKEN_ALGORITHM } from './access-token.js';
import { AccountToken } from './account-token.entity.js';
import { AuthGuard } from './auth.guard.js';
import { UserLiveness } from './user-liveness.js';
import { Consent } from './consent.entity.js';
import { Invitation } from './invitation.entity.js';
import { SessionsService } from './sessions.service.js';
import { User } from './user.entity.js';
import { WebSession } from './web-session.entity.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([User, Invitation, WebSession, AccountToken, Consent]),
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a public key on
        // every verify (and throws and catches), which was the largest single cost of an authenticated request.
        secret: createSecretKey(Buffer.from(config.get('JWT_SECRET'))),
        signOptions: { algorithm: TOKEN_ALGORITHM },
        verifyOptions: { algorithms: [TOKEN_ALGORITHM] },
      }),
    }),
  ],
  controllers: [AccountsController],
  providers: [AccountsService, SessionsService, UserLiveness, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccountsService, SessionsService],
})
export class AccountsModule implements OnModuleInit {
  constructor(
    private readonly accounts: AccountsService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    // The invitation's token leaves the outbox once sent; a resend gets a fresh invitation link from accounts.
    this.notifications.onResendOfSecret('invitation', (tx, userId) =>
      this.accounts.reissueInvitation(tx, userId),
    );
  }
}
