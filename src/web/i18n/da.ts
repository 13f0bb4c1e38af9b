import type { ErrorCode } from '../../common/errors.js';
import { applicantDa } from './applicant.js';
import { juryDa } from './jury-da.js';
import { projectsDa } from './projects-da.js';
import { staffDa } from './staff-da.js';
import { staffPeopleDa } from './staff-people-da.js';
import { reportsDa } from './reports-da.js';

/**
 * Every text of the web pages in Danish. The English dictionary must have the same keys (its type is this
 * one's), so a text missing in one language is a type error.
 */
export const da = {
  lang: 'da',
  site: {
    name: 'Aalborg Talentakademi',
    tagline: 'Optagelse på MGK, BGK og TGK',
    skipLink: 'Gå til sidens indhold',
    signIn: 'Log ind',
    signOut: 'Log ud',
    register: 'Opret bruger',
    profile: 'Min profil',
    signedInAs: (name: string) => `Logget ind som ${name}`,
    otherLanguage: 'English',
    otherLanguageLabel: 'Read this page in English',
    privacy: 'Privatliv og dine data',
    home: 'Forside',
    footer: 'Aalborg Talentakademi · MGK, BGK og TGK i Aalborg Kommune',
  },
  form: {
    errorSummaryTitle: 'Der er problemer med det, du har skrevet',
    errorPrefix: 'Fejl:',
    optional: '(valgfrit)',
    submitFailed: 'Det lykkedes ikke. Prøv igen.',
  },
  fields: {
    email: 'E-mailadresse',
    password: 'Adgangskode',
    currentPassword: 'Nuværende adgangskode',
    newPassword: 'Ny adgangskode',
    name: 'Fulde navn',
    phone: 'Telefonnummer',
    birthDate: 'Fødselsdato',
    locale: 'Sprog',
    'guardian.name': 'Forælders eller værges navn',
    'guardian.email': 'Forælders eller værges e-mailadresse',
    'guardian.phone': 'Forælders eller værges telefonnummer',
    token: 'Link',
  },
  /** One sentence per field saying what to write; used when the field's input was refused. */
  fieldErrors: {
    email: 'Skriv en e-mailadresse, fx navn@eksempel.dk',
    password:
      'Vælg en adgangskode på mindst 10 tegn, som er svær at gætte og ikke indeholder din e-mailadresse',
    currentPassword: 'Skriv din nuværende adgangskode',
    name: 'Skriv dit fulde navn',
    phone: 'Skriv et telefonnummer, fx 20 30 40 50',
    birthDate: 'Skriv din fødselsdato som dag, måned og år, fx 17-05-2010',
    locale: 'Vælg dansk eller engelsk',
    guardian: 'Skriv navn og e-mailadresse på en forælder eller værge (du er under 18 år)',
    'guardian.name': 'Skriv navnet på din forælder eller værge',
    'guardian.email': 'Skriv din forælders eller værges egen e-mailadresse (ikke din egen)',
    'guardian.phone': 'Skriv et telefonnummer, fx 20 30 40 50',
    token: 'Linket er ikke gyldigt. Bed om et nyt.',
  },
  /** A sentence for a field whose own text is missing above. */
  fieldErrorFallback: (label: string) => `Tjek feltet «${label}»`,
  /** What a refused request means, by the API's error code, when no field is named. */
  errorCodes: {
    VALIDATION_FAILED: 'Noget af det, du har skrevet, kan ikke bruges. Ret det markerede.',
    UNAUTHENTICATED: 'Du skal logge ind igen.',
    FORBIDDEN: 'Det har du ikke adgang til.',
    NOT_FOUND: 'Det, du leder efter, findes ikke.',
    CONFLICT: 'Det kan ikke lade sig gøre lige nu, fordi noget andet er ændret. Prøv igen.',
    ALREADY_EXISTS: 'Det findes allerede.',
    INVALID_STATE: 'Det kan ikke lade sig gøre i den nuværende situation.',
    DEADLINE_PASSED: 'Fristen er overskredet.',
    NOT_YET: 'Det kan ikke lade sig gøre endnu.',
    LOCKED: 'Det er låst og kan ikke ændres længere.',
    INCOMPLETE: 'Der mangler noget, før det kan lade sig gøre.',
    EMAIL_NOT_VERIFIED:
      'Du skal bekræfte din e-mailadresse først. Brug linket i velkomstmailen, eller bed om et nyt på din profil.',
    PAYLOAD_TOO_LARGE: 'Filen er for stor.',
    UNSUPPORTED_MEDIA_TYPE: 'Den slags fil kan ikke bruges.',
    RANGE_NOT_SATISFIABLE: 'Filen kunne ikke hentes.',
    TOO_MANY_REQUESTS: 'Du har prøvet for mange gange. Vent et minut, og prøv igen.',
    SERVICE_UNAVAILABLE: 'Systemet er midlertidigt utilgængeligt. Prøv igen om lidt.',
    SCORE_FINAL:
      'Din karakter er endelig, fordi du har set panelets karakterer. En ændring går gennem formanden.',
    QUOTA_EXCEEDED:
      'Ansøgningen har nået grænsen for antal filer eller samlet størrelse. Fjern en fil først.',
    INTERNAL_ERROR: 'Der skete en fejl hos os. Prøv igen om lidt.',
  } satisfies Record<ErrorCode, string>,
  errorPages: {
    notFoundTitle: 'Siden findes ikke',
    notFoundText:
      'Siden findes ikke, eller du har ikke adgang til den. Tjek adressen, eller gå til forsiden.',
    forbiddenTitle: 'Du har ikke adgang',
    forbiddenText: 'Din bruger har ikke adgang til denne side.',
    csrfTitle: 'Formularen er udløbet',
    csrfText:
      'Siden var for gammel, eller den kom ikke fra os. Gå tilbage, hent siden igen, og prøv en gang til.',
    tooManyTitle: 'For mange forsøg',
    serverTitle: 'Der skete en fejl',
    serverText: 'Der skete en fejl hos os. Prøv igen om lidt. Kontakt akademiet, hvis det bliver ved.',
    requestId: (id: string) => `Fejlkode til akademiet: ${id}`,
    badRequestTitle: 'Det kunne ikke lade sig gøre',
    backHome: 'Gå til forsiden',
  },
  login: {
    title: 'Log ind',
    intro: 'Log ind med den e-mailadresse og adgangskode, du oprettede din bruger med.',
    submit: 'Log ind',
    wrong: 'E-mailadressen eller adgangskoden er forkert',
    forgot: 'Har du glemt din adgangskode?',
    noAccount: 'Har du ikke en bruger?',
    createAccount: 'Opret en bruger',
    signedOut: 'Du er logget ud.',
  },
  register: {
    title: 'Opret bruger',
    intro: 'Opret en bruger for at søge optagelse. Du kan gemme din ansøgning og fortsætte senere.',
    birthDateHint: 'Skriv datoen som år-måned-dag, fx 2010-05-17.',
    passwordHint: 'Mindst 10 tegn. En sætning, du kan huske, er god.',
    guardianHeading: 'Forælder eller værge',
    guardianHint:
      'Er du under 18 år, skal vi have navn og e-mail på en forælder eller værge. De får en kopi af vores e-mails til dig.',
    localeLegend: 'Hvilket sprog vil du have e-mails på?',
    danish: 'Dansk',
    english: 'Engelsk',
    submit: 'Opret bruger',
    exists: 'Der findes allerede en bruger med den e-mailadresse. Log ind i stedet.',
    haveAccount: 'Har du allerede en bruger?',
    done: 'Din bruger er oprettet, og du er logget ind. Vi har sendt dig en e-mail med et link, der bekræfter din e-mailadresse.',
  },
  me: {
    title: 'Min profil',
    profileHeading: 'Dine oplysninger',
    email: 'E-mailadresse',
    role: 'Rolle',
    roles: { applicant: 'Ansøger', juror: 'Censor', teacher: 'Vejleder', staff: 'Medarbejder' } as Record<
      string,
      string
    >,
    verified: 'Bekræftet',
    notVerified: 'Ikke bekræftet endnu. Du skal bekræfte din e-mailadresse, før du kan sende en ansøgning.',
    resend: 'Send linket igen',
    resent: 'Vi har sendt et nyt link til din e-mailadresse.',
    saveProfile: 'Gem oplysninger',
    saved: 'Dine oplysninger er gemt.',
    guardianHeading: 'Forælder eller værge',
    passwordHeading: 'Skift adgangskode',
    passwordHint: 'Du bliver logget ud på dine andre enheder.',
    changePassword: 'Skift adgangskode',
    passwordChanged: 'Din adgangskode er skiftet. Du er logget ud på dine andre enheder.',
    wrongCurrent: 'Den nuværende adgangskode er forkert',
    alreadyVerified: 'Din e-mailadresse er allerede bekræftet.',
  },
  verify: {
    title: 'Bekræft e-mailadresse',
    done: 'Tak. Din e-mailadresse er bekræftet.',
    invalid: 'Linket er ikke gyldigt. Bed om et nyt på din profil.',
    used: 'Linket er allerede brugt. Din e-mailadresse er måske allerede bekræftet: se din profil.',
    expired: 'Linket er udløbet. Bed om et nyt på din profil.',
    toProfile: 'Gå til din profil',
    submit: 'Bekræft min e-mailadresse',
    intro: 'Tryk på knappen for at bekræfte din e-mailadresse.',
  },
  forgot: {
    title: 'Glemt adgangskode',
    intro:
      'Skriv den e-mailadresse, du bruger hos os. Vi sender et link, hvor du kan vælge en ny adgangskode.',
    submit: 'Send link',
    sent: 'Hvis der findes en bruger med den e-mailadresse, har vi sendt et link til den. Linket virker i en time.',
  },
  reset: {
    title: 'Vælg ny adgangskode',
    intro: 'Vælg en ny adgangskode. Du bliver logget ud alle steder, og logger ind med den nye.',
    submit: 'Gem ny adgangskode',
    done: 'Din adgangskode er skiftet. Log ind med den nye.',
    invalid: 'Linket er ikke gyldigt. Bed om et nyt.',
    used: 'Linket er allerede brugt. Bed om et nyt, hvis du stadig mangler en adgangskode.',
    expired: 'Linket er udløbet. Det virker kun i en time. Bed om et nyt.',
    askAgain: 'Bed om et nyt link',
  },
  invitation: {
    title: 'Vælg din adgangskode',
    intro: 'Du er inviteret til Aalborg Talentakademis system. Vælg en adgangskode for at komme i gang.',
    submit: 'Gem adgangskode og log ind',
    invalid: 'Invitationen er ikke gyldig. Kontakt akademiet for at få en ny.',
    used: 'Invitationen er allerede brugt. Log ind i stedet.',
    expired: 'Invitationen er udløbet. Kontakt akademiet for at få en ny.',
  },
  privacy: {
    howLong: 'Hvor længe',
    sessionCookie: 'Når du logger ind, gemmer vi en sessionscookie, så længe du er logget ind.',
    title: 'Privatliv og dine data',
    intro:
      'Aalborg Talentakademi (Aalborg Kommune) er dataansvarlig for de oplysninger, du giver os, når du søger optagelse eller går på akademiet.',
    sections: [
      {
        heading: 'Hvad vi gemmer',
        text: 'Dit navn, din e-mailadresse, dit telefonnummer, din fødselsdato og dit sprogvalg. Er du under 18 år, også navn, e-mail og telefon på en forælder eller værge. Din ansøgning: motivation, repertoire, de filer, du sender, og hvornår du ikke kan komme til prøve. Fra optagelsesprøven: tidspunkt, fremmøde, censorernes bedømmelser og afgørelsen. Vi gemmer din adgangskode som en kode, der ikke kan læses tilbage.',
      },
      {
        heading: 'Hvorfor',
        text: 'For at behandle din ansøgning, holde optagelsesprøver, træffe og meddele afgørelser og, hvis du bliver optaget, følge dit forløb på akademiet. Vi sender dig e-mails om din ansøgning, og en kopi til din forælder eller værge, mens du er under 18 år.',
      },
      {
        heading: 'Hvem ser det',
        text: 'Akademiets medarbejdere. Censorerne på dit prøvehold ser din ansøgning og dine filer i prøveperioden. Ingen andre ansøgere kan se noget om dig.',
      },
      {
        heading: 'Dine rettigheder',
        text: 'Du kan få en kopi af dine oplysninger, få rettet forkerte oplysninger og bede om at få dem slettet, når vi ikke længere skal bruge dem. Skriv til akademiet. Du kan klage til Datatilsynet.',
      },
    ],
  },
  home: {
    title: 'Aalborg Talentakademi',
    intro: 'Her søger du optagelse på MGK, BGK og TGK og følger din ansøgning.',
    signedInIntro: (name: string) => `Velkommen, ${name}.`,
  },
  projects: projectsDa,
  staff: staffDa,
  jury: juryDa,
  staffPeople: staffPeopleDa,
  reports: reportsDa,
  dates: {
    at: 'kl.',
  },
  applicant: applicantDa,
};

export type Dictionary = typeof da;
