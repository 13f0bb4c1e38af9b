import type { ErrorCode } from '../../common/errors.js';
import { projectsDa } from './projects-da.js';

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
    password: 'Skriv en adgangskode på mindst 10 tegn',
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
    PAYLOAD_TOO_LARGE: 'Filen er for stor.',
    UNSUPPORTED_MEDIA_TYPE: 'Den slags fil kan ikke bruges.',
    RANGE_NOT_SATISFIABLE: 'Filen kunne ikke hentes.',
    TOO_MANY_REQUESTS: 'Du har prøvet for mange gange. Vent et minut, og prøv igen.',
    SERVICE_UNAVAILABLE: 'Systemet er midlertidigt utilgængeligt. Prøv igen om lidt.',
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
  home: {
    title: 'Aalborg Talentakademi',
    intro: 'Her søger du optagelse på MGK, BGK og TGK og følger din ansøgning.',
    signedInIntro: (name: string) => `Velkommen, ${name}.`,
  },
  projects: projectsDa,
  dates: {
    at: 'kl.',
  },
};

export type Dictionary = typeof da;
