import type { ComponentChildren } from 'preact';
import type { Dictionary } from '../i18n/index.js';

/** What a form shows: the values as the person typed them, and a sentence per field that was refused. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, errors: {} });

/** The id of a field's input: `guardian.email` → `field-guardian-email` (also the error summary's link target). */
export const fieldId = (name: string) => `field-${name.replace(/[^\w-]+/g, '-')}`;

/** A form posting to its own page (by default) with the CSRF token; `multipart` puts the token in the action. */
export function Form(props: {
  csrf: string;
  action?: string;
  multipart?: boolean;
  class?: string;
  children: ComponentChildren;
}) {
  const action = props.multipart
    ? `${props.action ?? ''}${(props.action ?? '').includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(props.csrf)}`
    : props.action;
  return (
    <form
      method="post"
      action={action}
      class={props.class}
      noValidate
      {...(props.multipart ? { enctype: 'multipart/form-data' } : {})}
    >
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.children}
    </form>
  );
}

interface FieldProps {
  name: string;
  label: string;
  form?: FormState;
  hint?: string;
  type?: 'text' | 'email' | 'password' | 'tel' | 'date' | 'number' | 'url';
  autocomplete?: string;
  inputMode?: 'text' | 'email' | 'tel' | 'numeric' | 'decimal';
  /** Shown after the label, e.g. "(valgfrit)". */
  optional?: string;
  /** `multiline` renders a textarea. */
  multiline?: boolean;
  rows?: number;
  maxLength?: number;
  t: Dictionary;
}

/** A DKFDS form group: label, hint, the error next to the field (tied by aria-describedby), the input. */
export function Field(props: FieldProps) {
  const id = fieldId(props.name);
  const error = props.form?.errors[props.name];
  const value = props.form?.values[props.name] ?? '';
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: props.name,
    class: `form-input${error ? ' form-input--error' : ''}`,
    'aria-describedby': describedBy,
    'aria-invalid': error ? ('true' as const) : undefined,
    maxLength: props.maxLength,
  };
  return (
    <div class={`form-group${error ? ' form-error' : ''}`}>
      <label class="form-label" for={id}>
        {props.label}
        {props.optional ? <span class="weight-normal"> {props.optional}</span> : null}
      </label>
      {props.hint ? (
        <span class="form-hint" id={hintId}>
          {props.hint}
        </span>
      ) : null}
      {error ? (
        <span class="form-error-message" id={errorId}>
          <span class="sr-only">{props.t.form.errorPrefix} </span>
          {error}
        </span>
      ) : null}
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 6}>
          {value}
        </textarea>
      ) : (
        <input
          {...common}
          type={(props.type ?? 'text') as 'text'}
          value={props.type === 'password' ? '' : value}
          autocomplete={props.autocomplete}
          inputMode={props.inputMode}
        />
      )}
    </div>
  );
}

/**
 * Radio buttons for one choice (DKFDS fieldset with legend). `field` names it in the form state and its ids when
 * two forms of one page post the same name (the jury's score sheet and the chair's result both send `grade`).
 */
export function RadioGroup(props: {
  name: string;
  field?: string;
  legend: string;
  options: Array<{ value: string; label: string }>;
  form?: FormState;
  hint?: string;
  t: Dictionary;
}) {
  const key = props.field ?? props.name;
  const id = fieldId(key);
  const error = props.form?.errors[key];
  const selected = props.form?.values[key];
  const errorId = error ? `${id}-error` : undefined;
  const hintId = props.hint ? `${id}-hint` : undefined;
  return (
    <div class={`form-group${error ? ' form-error' : ''}`}>
      <fieldset aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}>
        <legend class="form-label">{props.legend}</legend>
        {props.hint ? (
          <span class="form-hint" id={hintId}>
            {props.hint}
          </span>
        ) : null}
        {error ? (
          <span class="form-error-message" id={errorId}>
            <span class="sr-only">{props.t.form.errorPrefix} </span>
            {error}
          </span>
        ) : null}
        <ul class="nobullet-list">
          {props.options.map((option, i) => (
            <li>
              <input
                id={i === 0 ? id : `${id}-${option.value}`}
                type="radio"
                name={props.name}
                value={option.value}
                class="form-radio radio-large"
                checked={selected === option.value}
              />
              <label for={i === 0 ? id : `${id}-${option.value}`}>{option.label}</label>
            </li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}

/** The DKFDS error summary: role="alert", a link to each refused field, shown above the form. */
export function ErrorSummary(props: { form?: FormState; t: Dictionary; message?: string }) {
  const entries = Object.entries(props.form?.errors ?? {});
  if (!entries.length && !props.message) return null;
  return (
    <div class="alert alert-error" role="alert" aria-atomic="true">
      <div class="alert-body">
        <p class="alert-heading">{props.t.form.errorSummaryTitle}</p>
        {props.message ? <p class="alert-text">{props.message}</p> : null}
        {entries.length ? (
          <ul class="alert-text nobullet-list">
            {entries.map(([name, message]) => (
              <li>
                <a class="function-link" href={`#${fieldId(name)}`}>
                  {message}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
