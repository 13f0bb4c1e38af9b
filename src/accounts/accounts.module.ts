import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Env } from '../config/env.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { AuthGuard, TOKEN_ALGORITHM } from './auth.guard.js';
import { AccountToken } from './account-token.entity.js';
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
        secret: config.get('JWT_SECRET'),
        signOptions: { algorithm: TOKEN_ALGORITHM },
        verifyOptions: { algorithms: [TOKEN_ALGORITHM] },
      }),
    }),
  ],
  controllers: [AccountsController],
  providers: [AccountsService, SessionsService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccountsService, SessionsService],
})
export class AccountsModule {}
