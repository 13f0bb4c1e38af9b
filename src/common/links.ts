import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env.js';

/**
 * The addresses of the academy's web pages that e-mails link to, built in this one place from PUBLIC_URL.
 * The paths are the pages' contract (PAGES.md): a page that moves changes here, not in every room.
 */
@Injectable()
export class Links {
  private readonly base: string;

  constructor(config: ConfigService<Env, true>) {
    this.base = config.get('PUBLIC_URL');
  }

  home(): string {
    return this.page('/');
  }

  verifyEmail(token: string): string {
    return this.page('/verify-email', { token });
  }

  resetPassword(token: string): string {
    return this.page('/reset-password', { token });
  }

  acceptInvitation(token: string): string {
    return this.page('/accept-invitation', { token });
  }

  application(applicationId: string): string {
    return this.page(`/applications/${applicationId}`);
  }

  student(enrolmentId: string): string {
    return this.page(`/students/${enrolmentId}`);
  }

  project(projectId: string): string {
    return this.page(`/projects/${projectId}`);
  }

  projectsAtRisk(): string {
    return this.page('/projects', { atRisk: 'true' });
  }

  /** PUBLIC_URL (no trailing slash, see config) + the page's path + its query. */
  private page(path: string, query?: Record<string, string>): string {
    const search = query ? `?${new URLSearchParams(query).toString()}` : '';
    return `${this.base}${path}${search}`;
  }
}
