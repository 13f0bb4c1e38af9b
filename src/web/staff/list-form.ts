import type { FormBody } from '../form.js';

/** The rows a list form posted (`criteria[0].key`, `criteria[0].weight`, ...), blank rows left out, trimmed. */
export interface PostedRows {
  rows: Array<Record<string, string>>;
  /** Each kept row's index in the form, so a refusal of the API's `criteria.1.weight` finds its input. */
  index: number[];
}

const MAX_ROWS = 100;

export function readRows(body: FormBody | undefined, list: string, fields: readonly string[]): PostedRows {
  const byIndex = new Map<number, Record<string, string>>();
  for (const [name, raw] of Object.entries(body ?? {})) {
    const match = /^(\w+)\[(\d{1,3})\]\.(\w+)$/.exec(name);
    if (!match || match[1] !== list || !fields.includes(match[3])) continue;
    const i = Number(match[2]);
    if (i > MAX_ROWS) continue;
    const value = (Array.isArray(raw) ? raw[raw.length - 1] : raw) ?? '';
    byIndex.set(i, { ...(byIndex.get(i) ?? {}), [match[3]]: value.trim() });
  }
  const kept = [...byIndex.entries()]
    .filter(([, row]) => Object.values(row).some((v) => v !== ''))
    .sort(([a], [b]) => a - b);
  return { rows: kept.map(([, row]) => row), index: kept.map(([i]) => i) };
}

/**
 * A refusal's field as the form names it: the API's `criteria.1.weight` (the second row sent) is the input
 * `criteria[3].weight` when blank rows came before it; `generic` (`criteria.weight`) picks the sentence.
 */
export function rowField(field: string, list: string, index: number[]): { name: string; generic: string } {
  const match = /^(\w+)\.(\d+)\.(\w+)$/.exec(field);
  if (!match || match[1] !== list) return { name: field, generic: field.split('.')[0] };
  const row = index[Number(match[2])] ?? Number(match[2]);
  return { name: `${list}[${row}].${match[3]}`, generic: `${list}.${match[3]}` };
}

/** A number field as the API wants it: blank → left out (the DTO says it is required), else Number (NaN refused). */
export const numberOrUndefined = (v: string | undefined): number | undefined =>
  v === undefined || v.trim() === '' ? undefined : Number(v);
