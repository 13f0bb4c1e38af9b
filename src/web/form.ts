import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { DomainError, ErrorCode } from '../common/errors.js';
import { flattenValidationErrors } from '../common/validation.js';
import type { FormState } from './components/form.js';
import type { Dictionary } from './i18n/index.js';

/** A posted form as the browser sent it: flat names, strings (a repeated name gives a list). */
export type FormBody = Record<string, string | string[] | undefined>;

/** The values to show again in the form: every posted field but the token, passwords never. */
export function keptValues(body: FormBody | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(body ?? {})) {
    if (name === '_csrf' || /password/i.test(name)) continue;
    out[name] = Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  }
  return out;
}

/**
 * The API's JSON shape from a page's flat field names (PAGES.md): `guardian.name` → `{guardian: {name}}`,
 * `repertoire[0].title` → `{repertoire: [{title}]}`. Empty fields are left out, and so are list rows and
 * nested objects left wholly empty, so the spare rows a form offers without scripts are ignored.
 */
export function unflatten(body: FormBody | undefined): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(body ?? {})) {
    if (name === '_csrf') continue;
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value === undefined || value.trim() === '') continue;
    const path = name.split(/\.|\[(\d+)\]\.?/).filter((part) => part !== undefined && part !== '');
    if (path.some((part) => ['__proto__', 'constructor', 'prototype'].includes(part))) continue;
    let node: Record<string, unknown> | unknown[] = root;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const key: string | number = /^\d+$/.test(part) ? Number(part) : part;
      if (typeof key === 'number' && key > 100) return;
      const container = node as Record<string | number, unknown>;
      if (last) {
        container[key] = value;
      } else {
        const nextIsIndex = /^\d+$/.test(path[i + 1]);
        container[key] ??= nextIsIndex ? [] : {};
        node = container[key] as Record<string, unknown> | unknown[];
      }
    });
  }
  return compactLists(root) as Record<string, unknown>;
}

function compactLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compactLists);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compactLists(v)]));
  }
  return value;
}

/** A sentence for a refused field, from the dictionary (what to write), or one naming the field. */
export function fieldSentence(t: Dictionary, field: string): string {
  const own = (t.fieldErrors as Record<string, string>)[field];
  if (own) return own;
  const label = (t.fields as Record<string, string>)[field] ?? field;
  return t.fieldErrorFallback(label);
}

export type Validated<T> = { ok: true; dto: T } | { ok: false; form: FormState };

/**
 * Checks a posted form with the same DTO class as the API (class-validator), so a page accepts exactly what
 * the API does. On refusal: the form again with the person's input and a sentence next to each field.
 */
export async function validateForm<T extends object>(
  dtoClass: new () => T,
  body: FormBody | undefined,
  t: Dictionary,
  extra: Record<string, unknown> = {},
): Promise<Validated<T>> {
  const dto = plainToInstance(dtoClass, { ...unflatten(body), ...extra });
  const errors: ValidationError[] = await validate(dto, { whitelist: true, forbidNonWhitelisted: false });
  if (!errors.length) return { ok: true, dto };
  const fields: Record<string, string> = {};
  for (const problem of flattenValidationErrors(errors)) {
    fields[problem.field] ??= fieldSentence(t, problem.field);
  }
  return { ok: false, form: { values: keptValues(body), errors: fields } };
}

/**
 * A domain error as the form shows it: a sentence next to each field it names, otherwise one message for the
 * error summary. In English the API's own message is already a sentence saying what to do; in Danish it comes
 * from the dictionary (by field, or by code unless the page gives a sentence of its own for that code).
 */
export function formFromError(
  t: Dictionary,
  error: DomainError,
  body: FormBody | undefined,
  own: Partial<Record<ErrorCode, string>> = {},
): { form: FormState; message?: string } {
  const fields: Record<string, string> = {};
  for (const detail of error.details ?? []) {
    const field = (detail as { field?: unknown }).field;
    if (typeof field === 'string') fields[field] ??= fieldSentence(t, field);
  }
  const form = { values: keptValues(body), errors: fields };
  if (Object.keys(fields).length) return { form };
  const message = own[error.code] ?? (t.lang === 'en' ? error.message : t.errorCodes[error.code]);
  return { form, message };
}
