import type { Labels, TemplateDefinition } from './render.js';

const ROLES: Labels = {
  da: { staff: 'medarbejder', juror: 'censor', teacher: 'vejleder', applicant: 'ansøger' },
  en: { staff: 'staff member', juror: 'juror', teacher: 'supervisor', applicant: 'applicant' },
};

/** Accounts: the invitation to set a password. */
export const accountsTemplates = {
  invitation: {
    variables: { name: 'text', role: { labels: ROLES }, link: 'url', expiresAt: 'datetime' },
    sample: {
      name: 'Lars Nielsen',
      role: 'juror',
      link: 'https://talentakademi.example/accept-invitation?token=abc',
      expiresAt: '2027-01-10T12:00:00Z',
    },
    da: {
      subject: 'Du er inviteret til Aalborg Talentakademi',
      body: `Kære {{name}}

Du er blevet oprettet som {{role}} i Aalborg Talentakademis system til optag og forløb.

Vælg din adgangskode her: {{link}}

Linket virker én gang og udløber {{expiresAt}}. Er det udløbet, så kontakt akademiet for at få et nyt.`,
    },
    en: {
      subject: 'You are invited to Aalborg Talentakademi',
      body: `Dear {{name}}

You have been added as a {{role}} in Aalborg Talentakademi's admissions and progression system.

Choose your password here: {{link}}

The link works once and expires on {{expiresAt}}. If it has expired, contact the academy for a new one.`,
    },
  },
} satisfies Record<string, TemplateDefinition>;
