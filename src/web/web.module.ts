import { Module } from '@nestjs/common';
import { AccountPages } from './accounts/account.pages.js';
import { HomePages } from './home/home.pages.js';
import { PageExceptionFilter } from './page-exception.filter.js';
import { PageGuard } from './page.guard.js';
import { PrivacyModule } from '../privacy/privacy.module.js';
import { PrivacyPages } from './privacy/privacy.pages.js';
import { WebSessions } from './web-sessions.js';

/**
 * The web pages: a room on top of the others, calling their services (never the API over HTTP). One folder
 * per audience (applicant/, jury/, staff/, student/) beside the shared layout, components and dictionaries.
 */
@Module({
  imports: [PrivacyModule],
  controllers: [HomePages, AccountPages, PrivacyPages],
  providers: [PageGuard, PageExceptionFilter, WebSessions],
})
export class WebModule {}
