import type { ComponentChildren } from 'preact';

/** DKFDS buttons; a link styled as one with `href`. */
export function Button(props: {
  children: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'tertiary' | 'warning';
  href?: string;
  type?: 'submit' | 'button';
  name?: string;
  value?: string;
}) {
  const cls = `button button-${props.variant ?? 'primary'}`;
  if (props.href)
    return (
      <a class={cls} href={props.href}>
        {props.children}
      </a>
    );
  return (
    <button class={cls} type={props.type ?? 'submit'} name={props.name} value={props.value}>
      {props.children}
    </button>
  );
}

/**
 * A DKFDS alert. Success and information are announced politely (role="status"), errors at once (role="alert").
 */
export function Alert(props: {
  kind: 'success' | 'info' | 'warning' | 'error';
  heading?: string;
  children?: ComponentChildren;
}) {
  return (
    <div class={`alert alert-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      <div class="alert-body">
        {props.heading ? <p class="alert-heading">{props.heading}</p> : null}
        {props.children ? <div class="alert-text">{props.children}</div> : null}
      </div>
    </div>
  );
}

/** A table with a caption and header cells; `rowHeader` makes each row's first cell its header. */
export function Table(props: {
  caption: string;
  head: string[];
  rows: ComponentChildren[][];
  rowHeader?: boolean;
  empty?: string;
}) {
  return (
    <div class="table--responsive-scroll">
      <table class="table table--compact">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.head.map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 && props.empty ? (
            <tr>
              <td colSpan={props.head.length}>{props.empty}</td>
            </tr>
          ) : (
            props.rows.map((row) => (
              <tr>
                {row.map((cell, i) =>
                  i === 0 && props.rowHeader ? <th scope="row">{cell}</th> : <td>{cell}</td>,
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

export interface Step {
  label: string;
  state: 'done' | 'current' | 'todo';
  href?: string;
}

/** Where one is in a process (DKFDS step indicator as an ordered list; the current step has aria-current). */
export function StepList(props: { label: string; steps: Step[]; doneText: string; todoText: string }) {
  return (
    <nav aria-label={props.label}>
      <ol class="step-indicator academy-steps">
        {props.steps.map((step, i) => (
          <li
            class={`step-indicator-step academy-step academy-step--${step.state}${step.state === 'current' ? ' current' : ''}${step.state === 'done' ? ' completed' : ''}`}
            aria-current={step.state === 'current' ? 'step' : undefined}
          >
            <span class="academy-step-number" aria-hidden="true">
              {i + 1}
            </span>
            {step.href && step.state !== 'current' ? (
              <a href={step.href}>{step.label}</a>
            ) : (
              <span>{step.label}</span>
            )}
            {step.state === 'done' ? <span class="sr-only"> ({props.doneText})</span> : null}
            {step.state === 'todo' ? <span class="sr-only"> ({props.todoText})</span> : null}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** A definition list of label/value pairs (a summary of what is stored). */
export function SummaryList(props: { rows: Array<[string, ComponentChildren]> }) {
  return (
    <dl class="academy-summary">
      {props.rows.map(([label, value]) => (
        <div class="academy-summary-row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
