import { programme, SAMPLE_APPLICANT } from './labels.js';
import type { TemplateDefinition } from './render.js';

/**
 * Results day and offers: admitted, waiting list, not admitted, the offer's reminder and expiry, promotion. An offer
 * has no e-mail of its own: "admitted" (results day) and "promoted" (from the waiting list) are the offer, with
 * its deadline and link, so each offer is one message.
 */
export const admissionsTemplates = {
  result_admitted: {
    variables: { name: 'text', programme, respondBy: 'datetime', link: 'url' },
    sample: { ...SAMPLE_APPLICANT, respondBy: '2027-05-15T21:59:00Z' },
    da: {
      subject: 'Du er optaget',
      body: `Kære {{name}}

Tillykke! Du er optaget på {{programme}}.

Du har fået tilbudt en plads. Svar på tilbuddet senest {{respondBy}} her: {{link}}

Svarer du ikke inden fristen, går pladsen videre til den næste på ventelisten.`,
    },
    en: {
      subject: 'You have been admitted',
      body: `Dear {{name}}

Congratulations! You have been admitted to {{programme}}.

You have been offered a place. Please reply to the offer by {{respondBy}} here: {{link}}

If you do not reply before the deadline, the place goes to the next person on the waiting list.`,
    },
  },
  result_waitlisted: {
    variables: { name: 'text', programme, link: 'url' },
    sample: SAMPLE_APPLICANT,
    da: {
      subject: 'Du er på venteliste',
      body: `Kære {{name}}

Du har bestået optagelsesprøven til {{programme}}, men der er ikke plads til dig lige nu. Du står derfor på ventelisten.

Bliver en plads ledig, skriver vi til dig med det samme. Du kan følge din ansøgning her: {{link}}`,
    },
    en: {
      subject: 'You are on the waiting list',
      body: `Dear {{name}}

You passed the audition for {{programme}}, but there is no place for you right now, so you are on the waiting list.

If a place becomes available, we will write to you straight away. You can follow your application here: {{link}}`,
    },
  },
  result_rejected: {
    variables: { name: 'text', programme },
    sample: SAMPLE_APPLICANT,
    da: {
      subject: 'Svar på din ansøgning',
      body: `Kære {{name}}

Tak for din ansøgning og for din optagelsesprøve til {{programme}}. Vi må desværre meddele, at du ikke er blevet optaget i år.

Vi håber, at du vil søge igen.`,
    },
    en: {
      subject: 'About your application',
      body: `Dear {{name}}

Thank you for your application and your audition for {{programme}}. We are sorry to tell you that you have not been admitted this year.

We hope you will apply again.`,
    },
  },
  offer_reminder: {
    variables: { name: 'text', programme, respondBy: 'datetime', link: 'url' },
    sample: { ...SAMPLE_APPLICANT, respondBy: '2027-05-15T21:59:00Z' },
    da: {
      subject: 'Påmindelse: svar på dit tilbud om plads',
      body: `Kære {{name}}

Vi mangler dit svar på tilbuddet om en plads på {{programme}}. Fristen er {{respondBy}}.

Svar her: {{link}}

Svarer du ikke inden fristen, går pladsen videre til den næste på ventelisten.`,
    },
    en: {
      subject: 'Reminder: reply to your offer of a place',
      body: `Dear {{name}}

We have not yet had your reply to the offer of a place on {{programme}}. The deadline is {{respondBy}}.

Reply here: {{link}}

If you do not reply before the deadline, the place goes to the next person on the waiting list.`,
    },
  },
  offer_expired: {
    variables: { name: 'text', programme },
    sample: SAMPLE_APPLICANT,
    da: {
      subject: 'Dit tilbud om plads er udløbet',
      body: `Kære {{name}}

Vi har ikke modtaget dit svar på tilbuddet om en plads på {{programme}} inden fristen, og tilbuddet er derfor udløbet.

Har du spørgsmål, er du velkommen til at kontakte akademiet.`,
    },
    en: {
      subject: 'Your offer of a place has expired',
      body: `Dear {{name}}

We did not receive your reply to the offer of a place on {{programme}} before the deadline, so the offer has expired.

If you have any questions, you are welcome to contact the academy.`,
    },
  },
  offer_extended: {
    variables: { name: 'text', programme, respondBy: 'datetime', link: 'url' },
    sample: { ...SAMPLE_APPLICANT, respondBy: '2027-05-20T21:59:00Z' },
    da: {
      subject: 'Du har fået længere tid til at svare',
      body: `Kære {{name}}

Fristen for at svare på tilbuddet om en plads på {{programme}} er rykket. Du skal nu svare senest {{respondBy}}.

Svar her: {{link}}`,
    },
    en: {
      subject: 'You have more time to reply',
      body: `Dear {{name}}

The deadline to reply to the offer of a place on {{programme}} has been moved. You now have until {{respondBy}}.

Reply here: {{link}}`,
    },
  },
  waitlist_promoted: {
    variables: { name: 'text', programme, respondBy: 'datetime', link: 'url' },
    sample: { ...SAMPLE_APPLICANT, respondBy: '2027-05-22T21:59:00Z' },
    da: {
      subject: 'Der er blevet en plads ledig til dig',
      body: `Kære {{name}}

Godt nyt: Der er blevet en plads ledig på {{programme}}, og den tilbydes nu dig fra ventelisten.

Tag imod eller sig nej tak senest {{respondBy}} her: {{link}}`,
    },
    en: {
      subject: 'A place has become available for you',
      body: `Dear {{name}}

Good news: a place has become available on {{programme}}, and it is now offered to you from the waiting list.

Accept or decline by {{respondBy}} here: {{link}}`,
    },
  },
} satisfies Record<string, TemplateDefinition>;
