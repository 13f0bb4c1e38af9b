import type { Locale } from './locale.js';

/**
 * What an applicant (and a minor's guardian) is told at registration. A change of wording is a new version: the
 * version and time each person was shown are recorded (table consents), so the academy can say who was told what.
 */
export const PRIVACY_NOTICE_VERSION = '2026-12-01';

export interface RetentionPeriods {
  materialMonths: number;
  applicantMonths: number;
  outboxDays: number;
}

export interface PrivacyNotice {
  version: string;
  locale: Locale;
  title: string;
  paragraphs: string[];
}

export function privacyNotice(locale: Locale, p: RetentionPeriods): PrivacyNotice {
  const paragraphs =
    locale === 'en'
      ? [
          'Aalborg Talentakademi (Aalborg Kulturskole, Aalborg Municipality) is the data controller. We store what you give us to handle your application: your name, e-mail address, birth date, your guardian’s name, e-mail address and phone number while you are under 18, your application, uploaded material, audition times, the jury’s scores and the decision. We never ask for your CPR number.',
          'Why: to assess applications and run the programmes (the Danish Act on music schools and the municipality’s task as a public authority, GDPR article 6(1)(e)). Jurors see only the applications of their own panel.',
          retentionSentence('en', p),
          'Your rights: you can download everything we hold about you (“Download my data”) and ask for it to be erased; we answer within a month. You can complain to Datatilsynet (datatilsynet.dk).',
          'If you are under 18, your guardian is told the same and gets a copy of every message we send you.',
        ]
      : [
          'Aalborg Talentakademi (Aalborg Kulturskole, Aalborg Kommune) er dataansvarlig. Vi gemmer det, du giver os, for at behandle din ansøgning: dit navn, din e-mailadresse, din fødselsdato, din værges navn, e-mailadresse og telefonnummer, mens du er under 18, din ansøgning, dit uploadede materiale, prøvetider, censorernes bedømmelser og afgørelsen. Vi beder aldrig om dit CPR-nummer.',
          'Hvorfor: for at bedømme ansøgninger og drive uddannelserne (musikskoleloven og kommunens myndighedsopgave, databeskyttelsesforordningens artikel 6, stk. 1, litra e). Censorer ser kun ansøgningerne i deres eget panel.',
          retentionSentence('da', p),
          'Dine rettigheder: du kan hente alt, vi har om dig (“Hent mine data”), og bede om at få det slettet; vi svarer inden for en måned. Du kan klage til Datatilsynet (datatilsynet.dk).',
          'Er du under 18, får din værge det samme at vide og en kopi af alle beskeder, vi sender dig.',
        ];
  return {
    version: PRIVACY_NOTICE_VERSION,
    locale,
    title: locale === 'en' ? 'How we handle your personal data' : 'Sådan behandler vi dine personoplysninger',
    paragraphs,
  };
}

/** How long what is kept (the configured periods): in the notice and on /privacy. */
export function retentionSentence(locale: Locale, p: RetentionPeriods): string {
  return locale === 'en'
    ? `How long: if you are not admitted, your uploaded material is deleted ${p.materialMonths} months after the results date, and your name, contact details and texts ${p.applicantMonths} months after it; scores and decisions are kept without your name so that past figures stay correct. E-mails we sent lose their recipient and content after ${p.outboxDays} days. Students’ records are kept as long as the school must keep them.`
    : `Hvor længe: hvis du ikke bliver optaget, slettes dit uploadede materiale ${p.materialMonths} måneder efter resultatdagen, og dit navn, dine kontaktoplysninger og dine tekster ${p.applicantMonths} måneder efter den; bedømmelser og afgørelser gemmes uden dit navn, så tidligere års tal forbliver rigtige. E-mails, vi har sendt, mister modtager og indhold efter ${p.outboxDays} dage. Elevers oplysninger gemmes, så længe skolen skal gemme dem.`;
}
