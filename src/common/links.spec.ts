import type { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env.js';
import { Links } from './links.js';

const links = new Links({
  get: (key: keyof Env) => (key === 'PUBLIC_URL' ? 'https://optag.talentakademi.dk' : undefined),
} as unknown as ConfigService<Env, true>);

describe('links to pages', () => {
  it('start with PUBLIC_URL and follow the pages contract', () => {
    expect(links.application('a1')).toBe('https://optag.talentakademi.dk/applications/a1');
    expect(links.student('s1')).toBe('https://optag.talentakademi.dk/students/s1');
    expect(links.project('p1')).toBe('https://optag.talentakademi.dk/projects/p1');
    expect(links.projectsAtRisk()).toBe('https://optag.talentakademi.dk/staff/projects');
  });

  it('carry an invitation token as a query value', () => {
    expect(links.acceptInvitation('Ab-_9')).toBe(
      'https://optag.talentakademi.dk/accept-invitation?token=Ab-_9',
    );
  });
});
