import type { Labels, TemplateDefinition } from './render.js';

const ROLES: Labels = {
  da: { staff: 'medarbejder', juror: 'censor', teacher: 'vejleder', applicant: 'ansøger' },
  en: { staff: 'staff member', juror: 'juror', teacher: 'supervisor', applicant: 'applicant' },
};

/** Accounts: the invitation to set a password, the welcome, the links that verify an address or reset a password. */
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
  welcome: {
    variables: { name: 'text', link: 'url' },
    sample: { name: 'Maja Jensen', link: 'https://talentakademi.example/' },
    da: {
      subject: 'Velkommen til Aalborg Talentakademi',
      body: `Kære {{name}}

Din bruger hos Aalborg Talentakademi er oprettet. Her søger du optagelse på MGK, BGK og TGK og følger din ansøgning: {{link}}

Du får en e-mail mere med et link, der bekræfter din e-mailadresse. Du skal bekræfte den, før du kan sende en ansøgning.`,
    },
    en: {
      subject: 'Welcome to Aalborg Talentakademi',
      body: `Dear {{name}}

Your account at Aalborg Talentakademi has been created. This is where you apply for MGK, BGK and TGK and follow your application: {{link}}

You will get one more e-mail with a link that confirms your e-mail address. You must confirm it before you can submit an application.`,
    },
  },
  verify_email: {
    variables: { name: 'text', link: 'url', expiresAt: 'datetime' },
    sample: {
      name: 'Maja Jensen',
      link: 'https://talentakademi.example/verify-email?token=abc',
      expiresAt: '2027-01-10T12:00:00Z',
    },
    da: {
      subject: 'Bekræft din e-mailadresse',
      body: `Kære {{name}}

Bekræft din e-mailadresse ved at åbne dette link: {{link}}

Linket virker én gang og udløber {{expiresAt}}. Du kan bede om et nyt på din profil.

Har du ikke oprettet en bruger hos Aalborg Talentakademi, kan du se bort fra denne e-mail.`,
    },
    en: {
      subject: 'Confirm your e-mail address',
      body: `Dear {{name}}

Confirm your e-mail address by opening this link: {{link}}

The link works once and expires on {{expiresAt}}. You can ask for a new one on your profile.

If you did not create an account at Aalborg Talentakademi, you can ignore this e-mail.`,
    },
  },
  password_reset: {
    variables: { name: 'text', link: 'url', expiresAt: 'datetime' },
    sample: {
      name: 'Maja Jensen',
      link: 'https://talentakademi.example/reset-password?token=abc',
      expiresAt: '2027-01-10T12:00:00Z',
    },
    da: {
      subject: 'Vælg en ny adgangskode',
      body: `Kære {{name}}

Nogen har bedt om en ny adgangskode til din bruger hos Aalborg Talentakademi. Vælg en ny her: {{link}}

Linket virker én gang og udløber {{expiresAt}}. Når du har valgt en ny adgangskode, bliver du logget ud alle steder.

Har du ikke selv bedt om det, kan du se bort fra denne e-mail: din adgangskode er ikke ændret.`,
    },
    en: {
      subject: 'Choose a new password',
      body: `Dear {{name}}

Someone asked for a new password for your account at Aalborg Talentakademi. Choose a new one here: {{link}}

The link works once and expires on {{expiresAt}}. Once you have chosen a new password, you are signed out everywhere.

If you did not ask for this, you can ignore this e-mail: your password has not changed.`,
    },
  },
} satisfies Record<string, TemplateDefinition>;
