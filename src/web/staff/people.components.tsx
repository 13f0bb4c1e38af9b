import type { ComponentChildren } from 'preact';
import { fieldId, type FormState } from '../components/form.js';
import type { Dictionary } from '../i18n/index.js';
import { StaffNav } from './staff-nav.js';

const PAGE_OF = {
  users: '/staff/users',
  notifications: '/staff/notifications',
  students: '/staff/students',
  erasure: '/staff/erasure-requests',
} as const;

/** The staff navigation above a people page, with that page marked. */
export function PeopleNav(props: { t: Dictionary; current: keyof typeof PAGE_OF }) {
  return <StaffNav t={props.t} path={PAGE_OF[props.current]} />;
}

/** A DKFDS select with its label (and the error next to it, like Field). */
export function Select(props: {
  name: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  value?: string;
  form?: FormState;
  /** When the page has another field of this name (a filter beside a form). */
  id?: string;
}) {
  const id = props.id ?? fieldId(props.name);
  const error = props.form?.errors[props.name];
  const value = props.form?.values[props.name] ?? props.value ?? '';
  return (
    <div class={`form-group${error ? ' form-error' : ''}`}>
      <label class="form-label" for={id}>
        {props.label}
      </label>
      {error ? (
        <span class="form-error-message" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      <select
        class="form-select"
        id={id}
        name={props.name}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? 'true' : undefined}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A form that acts on one row: posts the row's id in a hidden field named as in the API. */
export function RowForm(props: {
  csrf: string;
  action: string;
  hidden: Record<string, string | undefined>;
  children: ComponentChildren;
}) {
  return (
    <form method="post" action={props.action} class="academy-inline-form">
      <input type="hidden" name="_csrf" value={props.csrf} />
      {Object.entries(props.hidden).map(([name, value]) =>
        value === undefined ? null : <input type="hidden" name={name} value={value} />,
      )}
      {props.children}
    </form>
  );
}

/** "Showing 51–100 of 240" with links to the previous and next page, keeping the filters. */
export function Pager(props: {
  t: Dictionary;
  path: string;
  query: Record<string, string | undefined>;
  offset: number;
  limit: number;
  shown: number;
  total: number;
}) {
  const { t, offset, limit, total } = props;
  const x = t.staffPeople;
  const href = (to: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(props.query)) if (v) params.set(k, v);
    if (to > 0) params.set('offset', String(to));
    const qs = params.toString();
    return qs ? `${props.path}?${qs}` : props.path;
  };
  return (
    <p>
      {x.shown(props.shown ? offset + 1 : 0, offset + props.shown, total)}
      {offset > 0 ? (
        <>
          {' · '}
          <a href={href(Math.max(0, offset - limit))}>{x.previous}</a>
        </>
      ) : null}
      {offset + props.shown < total ? (
        <>
          {' · '}
          <a href={href(offset + limit)}>{x.next}</a>
        </>
      ) : null}
    </p>
  );
}

/**
 * A refused form in this area's words: each field's sentence from the staff-people dictionary where it has one
 * (by the field's own name, or its last part: `subjects[0].grade` → `grade`), else the general one.
 */
export function inPeopleWords(t: Dictionary, form: FormState): FormState {
  const own = t.staffPeople.fieldErrors;
  const errors: Record<string, string> = {};
  for (const [field, sentence] of Object.entries(form.errors)) {
    const name = listFieldName(field);
    errors[name] = own[name] ?? own[name.replace(/^.*[.\]]/, '')] ?? sentence;
  }
  return { values: form.values, errors };
}

/** A validation path as a form field's name: `subjects.0.grade` → `subjects[0].grade`. */
export function listFieldName(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

/** A non-negative whole number from the query (paging), else 0. */
export function offsetOf(raw: unknown): number {
  const n = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
  return Number.isSafeInteger(n) ? n : 0;
}

/** The query value when it is one of the allowed ones, else undefined (a page ignores a filter it cannot use). */
export function oneOf<T extends string>(raw: unknown, allowed: readonly T[]): T | undefined {
  return typeof raw === 'string' && (allowed as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

/** Free text from the query, trimmed and cut to a sane length, or undefined when empty. */
export function textOf(raw: unknown, max = 200): string | undefined {
  const text = typeof raw === 'string' ? raw.trim().slice(0, max) : '';
  return text || undefined;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
