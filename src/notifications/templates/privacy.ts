import type { TemplateDefinition } from './render.js';

/** Personal data: the answer to a request for erasure that staff refused, with the legal reason (GDPR art. 12(4)). */
export const privacyTemplates = {
  erasure_refused: {
    variables: { name: 'text', reason: 'text' },
    sample: { name: 'Maja Jensen', reason: 'Elevens oplysninger opbevares efter musikskoleloven.' },
    da: {
      subject: 'Svar på din anmodning om sletning',
      body: `Kære {{name}}

Vi har behandlet din anmodning om at få dine oplysninger slettet, men vi må gemme dem af denne grund:

{{reason}}

Du kan stadig hente alt, vi har om dig, under "Hent mine data". Er du uenig, kan du klage til Datatilsynet (datatilsynet.dk).`,
    },
    en: {
      subject: 'Your request for erasure',
      body: `Dear {{name}}

We have looked at your request to have your data erased, but we must keep it for this reason:

{{reason}}

You can still download everything we hold about you under "Download my data". If you disagree, you can complain to Datatilsynet (datatilsynet.dk).`,
    },
  },
} satisfies Record<string, TemplateDefinition>;
