import { DateTime } from 'luxon';
import type { Locale } from '../common/locale.js';
import { ACADEMY_ZONE, formatCopenhagen } from '../common/time.js';

/**
 * Every e-mail the academy sends, in Danish (default) and English. A template declares its variables
 * (with how each is shown) and sample data; `templates.spec.ts` renders every template in both languages
 * with its sample, so a placeholder without a declared variable fails a test, not an applicant.
 *
 * The body is written once as plain text: paragraphs separated by a blank line. The HTML part is made from
 * it (paragraphs, line breaks, links for `url` variables), with every variable escaped.
 */

type Labels = Record<Locale, Record<string, string>>;

/** How a variable is shown: as given, as a link, as Copenhagen time, as a date, or by a label per language. */
export type VariableKind = 'text' | 'url' | 'datetime' | 'date' | { labels: Labels };

interface LocalizedText {
  subject: string;
  body: string;
}

export interface TemplateDefinition {
  variables: Record<string, VariableKind>;
  sample: Record<string, unknown>;
  da: LocalizedText;
  en: LocalizedText;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export class TemplateError extends Error {
  override name = 'TemplateError';
}

const PROGRAMMES: Labels = {
  da: {
    MGK: 'Musikalsk Grundkursus (MGK)',
    BGK: 'Billedkunstnerisk Grundkursus (BGK)',
    TGK: 'Teater Grundkursus (TGK)',
  },
  en: {
    MGK: 'the music foundation course (MGK)',
    BGK: 'the visual art foundation course (BGK)',
    TGK: 'the theatre foundation course (TGK)',
  },
};

const ROLES: Labels = {
  da: { staff: 'medarbejder', juror: 'censor', teacher: 'vejleder', applicant: 'ansøger' },
  en: { staff: 'staff member', juror: 'juror', teacher: 'supervisor', applicant: 'applicant' },
};

const EXAM_OUTCOMES: Labels = {
  da: { passed: 'bestået', failed: 'ikke bestået' },
  en: { passed: 'passed', failed: 'not passed' },
};

const programme = { labels: PROGRAMMES } as const;

const SIGNATURE: Record<Locale, string> = {
  da: 'Venlig hilsen\nAalborg Talentakademi',
  en: 'Kind regards\nAalborg Talentakademi',
};

/** On the guardian's copy: a subject prefix and a first paragraph saying whose message it is. */
const GUARDIAN_COPY: Record<Locale, { subject: string; body: string }> = {
  da: {
    subject: 'Kopi til værge: ',
    body: 'Kopi til værge: Du får denne e-mail, fordi du er registreret som værge for {{name}}.',
  },
  en: {
    subject: 'Copy for guardian: ',
    body: 'Copy for guardian: You are receiving this e-mail because you are registered as the guardian of {{name}}.',
  },
};

const SAMPLE_APPLICANT = { name: 'Maja Jensen', programme: 'MGK', link: 'https://talentakademi.example/a/1' };
const SAMPLE_AUDITION = {
  ...SAMPLE_APPLICANT,
  roundName: 'Optagelsesprøve',
  startsAt: '2027-03-04T09:30:00Z',
  venue: 'Aalborg Kulturskole, Saxogade 3',
  room: 'Sal 2',
};

export const TEMPLATES = {
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

  audition_invitation: {
    variables: {
      name: 'text',
      programme,
      roundName: 'text',
      startsAt: 'datetime',
      venue: 'text',
      room: 'text',
      bring: 'text',
      link: 'url',
    },
    sample: { ...SAMPLE_AUDITION, bring: 'Dit instrument og noder til dine stykker' },
    da: {
      subject: 'Invitation til optagelsesprøve',
      body: `Kære {{name}}

Du er inviteret til {{roundName}} på {{programme}}.

Tid: {{startsAt}}
Sted: {{venue}}, {{room}}

Medbring: {{bring}}

Kan du ikke komme på det tidspunkt, så bed om et andet her: {{link}}`,
    },
    en: {
      subject: 'Invitation to your audition',
      body: `Dear {{name}}

You are invited to {{roundName}} for {{programme}}.

Time: {{startsAt}}
Place: {{venue}}, {{room}}

Please bring: {{bring}}

If you cannot come at that time, ask for another one here: {{link}}`,
    },
  },

  audition_rescheduled: {
    variables: {
      name: 'text',
      programme,
      roundName: 'text',
      startsAt: 'datetime',
      venue: 'text',
      room: 'text',
      link: 'url',
    },
    sample: SAMPLE_AUDITION,
    da: {
      subject: 'Nyt tidspunkt for din optagelsesprøve',
      body: `Kære {{name}}

Din {{roundName}} på {{programme}} er flyttet.

Nyt tidspunkt: {{startsAt}}
Sted: {{venue}}, {{room}}

Se detaljerne her: {{link}}`,
    },
    en: {
      subject: 'New time for your audition',
      body: `Dear {{name}}

Your {{roundName}} for {{programme}} has been moved.

New time: {{startsAt}}
Place: {{venue}}, {{room}}

See the details here: {{link}}`,
    },
  },

  audition_reminder: {
    variables: {
      name: 'text',
      programme,
      roundName: 'text',
      startsAt: 'datetime',
      venue: 'text',
      room: 'text',
    },
    sample: SAMPLE_AUDITION,
    da: {
      subject: 'Påmindelse: din optagelsesprøve er i morgen',
      body: `Kære {{name}}

En påmindelse om din {{roundName}} på {{programme}}.

Tid: {{startsAt}}
Sted: {{venue}}, {{room}}

Kom gerne i god tid. Vi glæder os til at se dig.`,
    },
    en: {
      subject: 'Reminder: your audition is tomorrow',
      body: `Dear {{name}}

A reminder of your {{roundName}} for {{programme}}.

Time: {{startsAt}}
Place: {{venue}}, {{room}}

Please arrive in good time. We look forward to seeing you.`,
    },
  },

  advanced_to_next_round: {
    variables: { name: 'text', programme, roundName: 'text', link: 'url' },
    sample: { ...SAMPLE_APPLICANT, roundName: 'anden prøverunde' },
    da: {
      subject: 'Du er gået videre til næste prøverunde',
      body: `Kære {{name}}

Tillykke! Du er gået videre til {{roundName}} på {{programme}}.

Du får en invitation med tid og sted, når prøverne er planlagt. Følg med her: {{link}}`,
    },
    en: {
      subject: 'You have advanced to the next round',
      body: `Dear {{name}}

Congratulations! You have advanced to {{roundName}} for {{programme}}.

You will receive an invitation with the time and place once the auditions are planned. Follow along here: {{link}}`,
    },
  },

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

  offer_made: {
    variables: { name: 'text', programme, respondBy: 'datetime', link: 'url' },
    sample: { ...SAMPLE_APPLICANT, respondBy: '2027-05-15T21:59:00Z' },
    da: {
      subject: 'Tilbud om plads på {{programme}}',
      body: `Kære {{name}}

Du har fået tilbudt en plads på {{programme}}.

Tag imod eller sig nej tak senest {{respondBy}} her: {{link}}`,
    },
    en: {
      subject: 'Offer of a place on {{programme}}',
      body: `Dear {{name}}

You have been offered a place on {{programme}}.

Accept or decline by {{respondBy}} here: {{link}}`,
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

  annual_exam_result: {
    variables: { name: 'text', programme, year: 'text', outcome: { labels: EXAM_OUTCOMES }, link: 'url' },
    sample: { ...SAMPLE_APPLICANT, year: 1, outcome: 'passed' },
    da: {
      subject: 'Resultat af din årsprøve',
      body: `Kære {{name}}

Resultatet af din årsprøve for {{year}}. år på {{programme}} er: {{outcome}}.

Se dine karakterer her: {{link}}`,
    },
    en: {
      subject: 'Result of your annual exam',
      body: `Dear {{name}}

The result of your annual exam for year {{year}} of {{programme}} is: {{outcome}}.

See your grades here: {{link}}`,
    },
  },

  project_returned: {
    variables: { name: 'text', projectTitle: 'text', comment: 'text', link: 'url' },
    sample: {
      name: 'Maja Jensen',
      projectTitle: 'Afgangskoncert: Nordiske stemmer',
      comment: 'Beskriv repertoiret nærmere.',
      link: 'https://talentakademi.example/p/1',
    },
    da: {
      subject: 'Dit projektforslag er sendt tilbage',
      body: `Kære {{name}}

Akademiet har sendt dit forslag til afgangsprojektet "{{projectTitle}}" tilbage med denne kommentar:

{{comment}}

Ret forslaget og send det igen her: {{link}}`,
    },
    en: {
      subject: 'Your project proposal has been sent back',
      body: `Dear {{name}}

The academy has sent your proposal for the third-year project "{{projectTitle}}" back with this comment:

{{comment}}

Revise the proposal and send it again here: {{link}}`,
    },
  },

  project_approved: {
    variables: { name: 'text', projectTitle: 'text', link: 'url' },
    sample: {
      name: 'Maja Jensen',
      projectTitle: 'Afgangskoncert: Nordiske stemmer',
      link: 'https://talentakademi.example/p/1',
    },
    da: {
      subject: 'Dit afgangsprojekt er godkendt',
      body: `Kære {{name}}

Dit afgangsprojekt "{{projectTitle}}" er godkendt. Din vejleder følger dig undervejs.

Se projektet og dine delmål her: {{link}}`,
    },
    en: {
      subject: 'Your third-year project has been approved',
      body: `Dear {{name}}

Your third-year project "{{projectTitle}}" has been approved. Your supervisor will follow you along the way.

See the project and its milestones here: {{link}}`,
    },
  },

  milestone_due: {
    variables: {
      name: 'text',
      projectTitle: 'text',
      milestoneTitle: 'text',
      dueDate: 'date',
      link: 'url',
    },
    sample: {
      name: 'Maja Jensen',
      projectTitle: 'Afgangskoncert: Nordiske stemmer',
      milestoneTitle: 'Program og tekster klar',
      dueDate: '2027-11-15',
      link: 'https://talentakademi.example/p/1',
    },
    da: {
      subject: 'Påmindelse: delmål i dit afgangsprojekt',
      body: `Kære {{name}}

Delmålet "{{milestoneTitle}}" i dit afgangsprojekt "{{projectTitle}}" skal være klar {{dueDate}}.

Se projektet her: {{link}}`,
    },
    en: {
      subject: 'Reminder: milestone in your third-year project',
      body: `Dear {{name}}

The milestone "{{milestoneTitle}}" of your third-year project "{{projectTitle}}" is due on {{dueDate}}.

See the project here: {{link}}`,
    },
  },

  milestone_overdue: {
    variables: {
      name: 'text',
      projectTitle: 'text',
      milestoneTitle: 'text',
      dueDate: 'date',
      link: 'url',
    },
    sample: {
      name: 'Maja Jensen',
      projectTitle: 'Afgangskoncert: Nordiske stemmer',
      milestoneTitle: 'Program og tekster klar',
      dueDate: '2027-11-15',
      link: 'https://talentakademi.example/p/1',
    },
    da: {
      subject: 'Delmål i dit afgangsprojekt er overskredet',
      body: `Kære {{name}}

Delmålet "{{milestoneTitle}}" i dit afgangsprojekt "{{projectTitle}}" skulle have været klar {{dueDate}}.

Tal med din vejleder om en ny plan, og opdater projektet her: {{link}}`,
    },
    en: {
      subject: 'A milestone of your third-year project is overdue',
      body: `Dear {{name}}

The milestone "{{milestoneTitle}}" of your third-year project "{{projectTitle}}" was due on {{dueDate}}.

Talk to your supervisor about a new plan, and update the project here: {{link}}`,
    },
  },

  at_risk_digest: {
    variables: { name: 'text', count: 'text', summary: 'text', link: 'url' },
    sample: {
      name: 'Hanne Holm',
      count: 2,
      summary: 'Maja Jensen: delmål overskredet\nOliver Berg: ingen vejledning i 24 dage',
      link: 'https://talentakademi.example/projects?atRisk=true',
    },
    da: {
      subject: 'Afgangsprojekter i risiko: {{count}}',
      body: `Kære {{name}}

{{count}} afgangsprojekter har overskredne delmål eller har ikke haft vejledning i tre uger:

{{summary}}

Se listen her: {{link}}`,
    },
    en: {
      subject: 'Third-year projects at risk: {{count}}',
      body: `Dear {{name}}

{{count}} third-year projects have overdue milestones or no supervisor check-in for three weeks:

{{summary}}

See the list here: {{link}}`,
    },
  },
} satisfies Record<string, TemplateDefinition>;

export type NotificationType = keyof typeof TEMPLATES;
export const NOTIFICATION_TYPES = Object.keys(TEMPLATES) as NotificationType[];

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** Renders one message. Throws a TemplateError for an unknown type, a missing or undeclared variable. */
export function renderTemplate(
  type: string,
  locale: Locale,
  data: Record<string, unknown>,
  options: { guardianCopy?: boolean } = {},
): RenderedMail {
  const template: TemplateDefinition | undefined = (TEMPLATES as Record<string, TemplateDefinition>)[type];
  if (!template) throw new TemplateError(`No template for notification type "${type}"`);
  const text = template[locale] ?? template.da;
  const copy = options.guardianCopy ? GUARDIAN_COPY[locale] : undefined;
  const value = (name: string): { shown: string; url: boolean } => {
    const kind = template.variables[name];
    if (!kind) throw new TemplateError(`${type}: {{${name}}} is not a declared variable`);
    return { shown: formatValue(type, name, kind, data[name], locale), url: kind === 'url' };
  };

  const subject =
    (copy?.subject ?? '') + text.subject.replace(PLACEHOLDER, (_m, name: string) => value(name).shown);
  const paragraphs = [...(copy ? [copy.body] : []), ...text.body.split(/\n{2,}/), SIGNATURE[locale]];
  const plain = paragraphs
    .map((p) => p.replace(PLACEHOLDER, (_m, name: string) => value(name).shown))
    .join('\n\n');
  const html = paragraphs
    .map((p) => {
      let out = '';
      let last = 0;
      for (const match of p.matchAll(PLACEHOLDER)) {
        out += escapeHtml(p.slice(last, match.index));
        const v = value(match[1]);
        out += v.url ? `<a href="${escapeHtml(v.shown)}">${escapeHtml(v.shown)}</a>` : escapeHtml(v.shown);
        last = match.index + match[0].length;
      }
      out += escapeHtml(p.slice(last));
      return `<p>${out.replace(/\n/g, '<br>\n')}</p>`;
    })
    .join('\n');
  return {
    subject: subject.replace(/\s+/g, ' ').trim(),
    text: plain + '\n',
    html: `<!doctype html>\n<html lang="${locale}"><body style="font-family: sans-serif; line-height: 1.5">\n${html}\n</body></html>\n`,
  };
}

function formatValue(type: string, name: string, kind: VariableKind, raw: unknown, locale: Locale): string {
  if (raw === undefined || raw === null || raw === '') {
    throw new TemplateError(`${type}: variable "${name}" is missing`);
  }
  if (typeof kind === 'object') {
    const label = kind.labels[locale][String(raw)];
    if (label === undefined) throw new TemplateError(`${type}: "${String(raw)}" is not a known ${name}`);
    return label;
  }
  if (kind === 'datetime' || kind === 'date') {
    const instant = raw instanceof Date ? raw : new Date(String(raw));
    if (Number.isNaN(instant.getTime())) throw new TemplateError(`${type}: ${name} is not a date`);
    if (kind === 'datetime') return formatCopenhagen(instant, locale);
    const dt = DateTime.fromJSDate(instant, { zone: ACADEMY_ZONE }).setLocale(
      locale === 'da' ? 'da-DK' : 'en-GB',
    );
    return locale === 'da' ? dt.toFormat('d. MMMM yyyy') : dt.toFormat('d MMMM yyyy');
  }
  if (typeof raw === 'object') throw new TemplateError(`${type}: ${name} must be text, not an object`);
  return String(raw);
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
