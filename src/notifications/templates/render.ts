import { DateTime } from 'luxon';
import { ACADEMY_ZONE, formatCopenhagen } from '../../common/time.js';
import type { Locale } from '../../common/locale.js';

/**
 * The renderer of the academy's e-mails. A template declares its variables (with how each is shown) and sample
 * data; `templates.spec.ts` renders every template in both languages with its sample, so a placeholder without
 * a declared variable fails a test, not an applicant.
 *
 * The body is written once as plain text: paragraphs separated by a blank line. The HTML part is made from
 * it (paragraphs, line breaks, links for `url` variables), with every variable escaped.
 */

export type Labels = Record<Locale, Record<string, string>>;

/**
 * How a variable is shown: as given, as a link, as Copenhagen time, as a date, by a label per language, or
 * (`localized`) given in both languages, `{da, en}`, and shown in the reader's.
 */
type Shown = 'text' | 'url' | 'datetime' | 'date' | 'localized' | { labels: Labels };

/** A variable that may be left out: the template then says `orElse` in the reader's language. */
export interface Optional {
  shown: Shown;
  orElse: Record<Locale, string>;
}

export type VariableKind = Shown | Optional;

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

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** Renders one message of type `type` (named in errors). Throws a TemplateError for a missing or undeclared variable. */
export function renderMail(
  type: string,
  template: TemplateDefinition,
  locale: Locale,
  data: Record<string, unknown>,
  options: { guardianCopy?: boolean } = {},
): RenderedMail {
  const text = template[locale] ?? template.da;
  const copy = options.guardianCopy ? GUARDIAN_COPY[locale] : undefined;
  const value = (name: string): { shown: string; url: boolean } => {
    const kind = template.variables[name];
    if (!kind) throw new TemplateError(`${type}: {{${name}}} is not a declared variable`);
    return { shown: formatValue(type, name, kind, data[name], locale), url: shownAs(kind) === 'url' };
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

const isOptional = (kind: VariableKind): kind is Optional => typeof kind === 'object' && 'orElse' in kind;
const shownAs = (kind: VariableKind): Shown => (isOptional(kind) ? kind.shown : kind);
const isMissing = (raw: unknown) => raw === undefined || raw === null || raw === '';

function formatValue(
  type: string,
  name: string,
  declared: VariableKind,
  raw: unknown,
  locale: Locale,
): string {
  const kind = shownAs(declared);
  const given = kind === 'localized' && isLocalized(raw) ? raw[locale] : raw;
  if (isMissing(given)) {
    if (isOptional(declared)) return declared.orElse[locale];
    throw new TemplateError(`${type}: variable "${name}" is missing`);
  }
  if (kind === 'localized') {
    if (!isLocalized(raw)) throw new TemplateError(`${type}: ${name} must be given as {da, en}`);
    return String(given);
  }
  if (typeof kind === 'object') {
    const label = kind.labels[locale][String(given)];
    if (label === undefined) throw new TemplateError(`${type}: "${String(given)}" is not a known ${name}`);
    return label;
  }
  if (kind === 'datetime' || kind === 'date') {
    const instant = given instanceof Date ? given : new Date(String(given));
    if (Number.isNaN(instant.getTime())) throw new TemplateError(`${type}: ${name} is not a date`);
    if (kind === 'datetime') return formatCopenhagen(instant, locale);
    const dt = DateTime.fromJSDate(instant, { zone: ACADEMY_ZONE }).setLocale(
      locale === 'da' ? 'da-DK' : 'en-GB',
    );
    return locale === 'da' ? dt.toFormat('d. MMMM yyyy') : dt.toFormat('d MMMM yyyy');
  }
  if (typeof given === 'object') throw new TemplateError(`${type}: ${name} must be text, not an object`);
  return String(given);
}

function isLocalized(raw: unknown): raw is Partial<Record<Locale, unknown>> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) && ('da' in raw || 'en' in raw);
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
