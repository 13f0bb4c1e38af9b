import { programme, SAMPLE_APPLICANT } from './labels.js';
import type { TemplateDefinition } from './render.js';

/** Applications: received, and the reminder before the deadline. */
export const applicationsTemplates = {
  application_received: {
    variables: { name: 'text', programme, submittedAt: 'datetime', link: 'url' },
    sample: { ...SAMPLE_APPLICANT, submittedAt: '2027-01-20T18:45:00Z' },
    da: {
      subject: 'Vi har modtaget din ansøgning',
      body: `Kære {{name}}

Tak for din ansøgning til {{programme}}. Vi modtog den {{submittedAt}}.

Du kan se din ansøgning her: {{link}}

Vi skriver til dig, når du er inviteret til optagelsesprøve.`,
    },
    en: {
      subject: 'We have received your application',
      body: `Dear {{name}}

Thank you for applying to {{programme}}. We received your application on {{submittedAt}}.

You can see your application here: {{link}}

We will write to you when you are invited to an audition.`,
    },
  },
  application_deadline_reminder: {
    variables: { name: 'text', programme, closesAt: 'datetime', link: 'url' },
    sample: { ...SAMPLE_APPLICANT, closesAt: '2027-02-01T22:59:00Z' },
    da: {
      subject: 'Husk at indsende din ansøgning',
      body: `Kære {{name}}

Din ansøgning til {{programme}} er endnu ikke indsendt. Ansøgningsfristen er {{closesAt}}.

Gør ansøgningen færdig og indsend den her: {{link}}

En ansøgning, der ikke er indsendt inden fristen, kan ikke komme i betragtning.`,
    },
    en: {
      subject: 'Remember to submit your application',
      body: `Dear {{name}}

Your application to {{programme}} has not been submitted yet. The deadline is {{closesAt}}.

Complete and submit your application here: {{link}}

An application that is not submitted before the deadline cannot be considered.`,
    },
  },
} satisfies Record<string, TemplateDefinition>;
