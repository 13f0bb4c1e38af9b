import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DateTime } from 'luxon';
import { UpdateApplicationDto } from '../../applications/dto/application.dto.js';
import { flattenValidationErrors } from '../../common/validation.js';
import { ACADEMY_ZONE } from '../../common/time.js';
import type { FormBody } from '../form.js';

/**
 * The application's form as the person typed it (strings, every row, empty ones too), and how it becomes the
 * API's update body. Rows are added and removed by submit buttons (`action=add-row`, `remove-row:N`), so the
 * form works without scripts; empty rows are ignored when saving.
 */
export interface ApplicationForm {
  mainSubject: string;
  motivation: string;
  repertoire: Array<{ title: string; composer: string; durationMinutes: string }>;
  /** Only on forms that ask for named pieces (TGK); undefined leaves them as they are. */
  namedPieces?: { monologue: string; song: string };
  /** `datetime-local` values, Copenhagen wall time. */
  unavailable: Array<{ from: string; to: string }>;
}

export type FormAction =
  | { kind: 'save' }
  | { kind: 'add-row' }
  | { kind: 'remove-row'; index: number }
  | { kind: 'add-period' }
  | { kind: 'remove-period'; index: number };

/** At most this many rows of each list (the API takes 10 pieces). */
export const MAX_ROWS = 10;
/** Rows a form offers at least: the MGK rule's three pieces, two periods of unavailability. */
export const MIN_REPERTOIRE_ROWS = 3;
export const MIN_PERIOD_ROWS = 2;

const text = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? (value[value.length - 1] ?? '') : (value ?? '')).trim();

export function parseAction(value: string | string[] | undefined): FormAction {
  const action = text(value);
  const remove = /^remove-(row|period):(\d{1,2})$/.exec(action);
  if (remove) {
    const index = Number(remove[2]);
    return remove[1] === 'row' ? { kind: 'remove-row', index } : { kind: 'remove-period', index };
  }
  if (action === 'add-row' || action === 'add-period') return { kind: action };
  return { kind: 'save' };
}

/** Reads the posted form: every row that was on the page, in order. */
export function readForm(body: FormBody | undefined, withNamedPieces: boolean): ApplicationForm {
  const b = body ?? {};
  const rows = <T>(prefix: string, read: (i: number) => T, fields: string[]) => {
    const out: T[] = [];
    for (let i = 0; i < MAX_ROWS; i++) {
      if (!fields.some((f) => `${prefix}[${i}].${f}` in b)) continue;
      out.push(read(i));
    }
    return out;
  };
  return {
    mainSubject: text(b.mainSubject),
    motivation: text(b.motivation),
    repertoire: rows(
      'repertoire',
      (i) => ({
        title: text(b[`repertoire[${i}].title`]),
        composer: text(b[`repertoire[${i}].composer`]),
        durationMinutes: text(b[`repertoire[${i}].durationMinutes`]),
      }),
      ['title', 'composer', 'durationMinutes'],
    ),
    ...(withNamedPieces
      ? {
          namedPieces: {
            monologue: text(b['namedPieces.monologue']),
            song: text(b['namedPieces.song']),
          },
        }
      : {}),
    unavailable: rows(
      'unavailable',
      (i) => ({ from: text(b[`unavailable[${i}].from`]), to: text(b[`unavailable[${i}].to`]) }),
      ['from', 'to'],
    ),
  };
}

/** The form filled from what is saved (the application as the service shows it). */
export function formOf(application: {
  mainSubject: string;
  motivation: string;
  repertoire: Array<{ title?: string | null; composer?: string | null; durationMinutes?: number | null }>;
  namedPieces?: Record<string, string | undefined>;
  unavailable: Array<{ from: string; to: string }>;
  programme: string;
}): ApplicationForm {
  return {
    mainSubject: application.mainSubject,
    motivation: application.motivation,
    repertoire: application.repertoire.map((p) => ({
      title: p.title ?? '',
      composer: p.composer ?? '',
      durationMinutes: p.durationMinutes == null ? '' : String(p.durationMinutes),
    })),
    ...(asksForNamedPieces(application.programme)
      ? {
          namedPieces: {
            monologue: application.namedPieces?.monologue ?? '',
            song: application.namedPieces?.song ?? '',
          },
        }
      : {}),
    unavailable: application.unavailable.map((u) => ({ from: localTime(u.from), to: localTime(u.to) })),
  };
}

/** TGK names a monologue and a song instead of a repertoire list. */
export function asksForNamedPieces(programme: string): boolean {
  return programme === 'TGK';
}

export function asksForRepertoire(programme: string): boolean {
  return programme === 'MGK';
}

/** A row added or removed; `save` leaves the form as it is. */
export function applyAction(form: ApplicationForm, action: FormAction): ApplicationForm {
  switch (action.kind) {
    case 'add-row':
      return form.repertoire.length >= MAX_ROWS
        ? form
        : { ...form, repertoire: [...form.repertoire, { title: '', composer: '', durationMinutes: '' }] };
    case 'remove-row':
      return { ...form, repertoire: form.repertoire.filter((_, i) => i !== action.index) };
    case 'add-period':
      return form.unavailable.length >= MAX_ROWS
        ? form
        : { ...form, unavailable: [...form.unavailable, { from: '', to: '' }] };
    case 'remove-period':
      return { ...form, unavailable: form.unavailable.filter((_, i) => i !== action.index) };
    default:
      return form;
  }
}

/** The flat field values the page's inputs show, with at least `min…` rows of each list. */
export function fieldValues(form: ApplicationForm): Record<string, string> {
  const values: Record<string, string> = { mainSubject: form.mainSubject, motivation: form.motivation };
  form.repertoire.forEach((row, i) => {
    values[`repertoire[${i}].title`] = row.title;
    values[`repertoire[${i}].composer`] = row.composer;
    values[`repertoire[${i}].durationMinutes`] = row.durationMinutes;
  });
  if (form.namedPieces) {
    values['namedPieces.monologue'] = form.namedPieces.monologue;
    values['namedPieces.song'] = form.namedPieces.song;
  }
  form.unavailable.forEach((row, i) => {
    values[`unavailable[${i}].from`] = row.from;
    values[`unavailable[${i}].to`] = row.to;
  });
  return values;
}

/** How many rows of each list the page shows: what is there plus one spare, at least the minimum. */
export function rowCounts(form: ApplicationForm, asked?: { repertoire?: number; unavailable?: number }) {
  const filled = (rows: object[]) => rows.filter((r) => Object.values(r).some((v) => v !== '')).length;
  const count = (have: number, filledRows: number, min: number, want?: number) =>
    Math.min(MAX_ROWS, Math.max(min, have, filledRows + 1, want ?? 0));
  return {
    repertoire: count(
      form.repertoire.length,
      filled(form.repertoire),
      MIN_REPERTOIRE_ROWS,
      asked?.repertoire,
    ),
    unavailable: count(
      form.unavailable.length,
      filled(form.unavailable),
      MIN_PERIOD_ROWS,
      asked?.unavailable,
    ),
  };
}

export interface UpdateBody {
  body: Record<string, unknown>;
  /** The form row of each list item sent (empty rows are skipped), to put an error next to the right row. */
  rows: { repertoire: number[]; unavailable: number[] };
}

/** The API's update body: empty rows left out, minutes as numbers (a comma is a decimal point), times with offset. */
export function toUpdateBody(form: ApplicationForm): UpdateBody {
  const repertoireRows: number[] = [];
  const repertoire = form.repertoire.flatMap((row, i) => {
    if (!row.title && !row.composer && !row.durationMinutes) return [];
    repertoireRows.push(i);
    return [
      {
        title: row.title,
        ...(row.composer ? { composer: row.composer } : {}),
        ...(row.durationMinutes ? { durationMinutes: minutes(row.durationMinutes) } : {}),
      },
    ];
  });
  const unavailableRows: number[] = [];
  const unavailable = form.unavailable.flatMap((row, i) => {
    if (!row.from && !row.to) return [];
    unavailableRows.push(i);
    return [{ from: instant(row.from), to: instant(row.to) }];
  });
  const namedPieces = form.namedPieces
    ? Object.fromEntries(Object.entries(form.namedPieces).filter(([, v]) => v !== ''))
    : undefined;
  return {
    body: {
      mainSubject: form.mainSubject,
      motivation: form.motivation,
      repertoire,
      ...(namedPieces ? { namedPieces } : {}),
      unavailable,
    },
    rows: { repertoire: repertoireRows, unavailable: unavailableRows },
  };
}

/** The form field an error of the API's body is about: `repertoire.1.title` → `repertoire[<row>].title`. */
export function formField(field: string, rows: UpdateBody['rows']): string {
  const item = /^(repertoire|unavailable)\.(\d+)(?:\.(\w+))?$/.exec(field);
  if (!item) return field;
  const [, list, index, part] = item;
  const row = rows[list as 'repertoire' | 'unavailable'][Number(index)] ?? Number(index);
  return `${list}[${row}].${part ?? (list === 'unavailable' ? 'to' : 'title')}`;
}

/** The last part of a form field's name, by which its sentence is found: `repertoire[2].title` → `title`. */
export function fieldKey(field: string): string {
  return field.split('.').pop() ?? field;
}

/**
 * Checks the body with the API's own DTO (class-validator), so the page accepts exactly what PATCH does.
 * Answers the refused form fields, or none.
 */
export async function refusedFields(update: UpdateBody): Promise<string[]> {
  const dto = plainToInstance(UpdateApplicationDto, update.body);
  const errors = await validate(dto, { whitelist: true });
  return [...new Set(flattenValidationErrors(errors).map((p) => formField(p.field, update.rows)))];
}

function minutes(value: string): number | string {
  const normalised = value.replace(',', '.');
  return /^\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : value;
}

/** A `datetime-local` value read as Copenhagen time, with its offset; anything else is passed on to be refused. */
function instant(value: string): string {
  const parsed = DateTime.fromISO(value, { zone: ACADEMY_ZONE });
  return parsed.isValid && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? parsed.toISO()! : value;
}

/** An instant as a `datetime-local` value in Copenhagen time. */
function localTime(iso: string): string {
  return DateTime.fromISO(iso).setZone(ACADEMY_ZONE).toFormat("yyyy-MM-dd'T'HH:mm");
}
