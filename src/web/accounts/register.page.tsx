import { ErrorSummary, Field, Form, RadioGroup, type FormState } from '../components/form.js';
import { Button } from '../components/ui.js';
import { Layout } from '../layout/layout.js';
import type { PageContext } from '../page.js';

/** /register: the API's registration fields; the guardian's asked for, and required under 18. */
export function RegisterPage(props: { page: PageContext; form?: FormState; message?: string }) {
  const { t } = props.page;
  const form = props.form ?? { values: { locale: props.page.locale }, errors: {} };
  return (
    <Layout page={props.page} title={t.register.title}>
      <ErrorSummary form={props.form} t={t} message={props.message} />
      <h1>{t.register.title}</h1>
      <p>{t.register.intro}</p>
      <Form csrf={props.page.csrfToken} action="/register">
        <Field name="name" label={t.fields.name} autocomplete="name" form={form} t={t} maxLength={200} />
        <Field
          name="email"
          label={t.fields.email}
          type="email"
          autocomplete="email"
          inputMode="email"
          form={form}
          t={t}
        />
        <Field
          name="birthDate"
          label={t.fields.birthDate}
          hint={t.register.birthDateHint}
          type="date"
          autocomplete="bday"
          form={form}
          t={t}
        />
        <Field
          name="password"
          label={t.fields.password}
          hint={t.register.passwordHint}
          type="password"
          autocomplete="new-password"
          form={form}
          t={t}
        />
        <RadioGroup
          name="locale"
          legend={t.register.localeLegend}
          options={[
            { value: 'da', label: t.register.danish },
            { value: 'en', label: t.register.english },
          ]}
          form={form}
          t={t}
        />
        <GuardianFields
          page={props.page}
          form={form}
          heading={t.register.guardianHeading}
          hint={t.register.guardianHint}
        />
        <Button>{t.register.submit}</Button>
      </Form>
      <p>
        {t.register.haveAccount} <a href="/login">{t.site.signIn}</a>
      </p>
    </Layout>
  );
}

/** A minor's parent or guardian: `guardian.name`, `guardian.email`, `guardian.phone`. */
export function GuardianFields(props: {
  page: PageContext;
  form?: FormState;
  heading: string;
  hint?: string;
}) {
  const { t } = props.page;
  return (
    <fieldset class="form-group">
      <legend class="h3">{props.heading}</legend>
      {props.hint ? <p class="form-hint">{props.hint}</p> : null}
      <Field name="guardian.name" label={t.fields['guardian.name']} form={props.form} t={t} maxLength={200} />
      <Field
        name="guardian.email"
        label={t.fields['guardian.email']}
        type="email"
        inputMode="email"
        form={props.form}
        t={t}
      />
      <Field
        name="guardian.phone"
        label={t.fields['guardian.phone']}
        type="tel"
        autocomplete="off"
        optional={t.form.optional}
        form={props.form}
        t={t}
      />
    </fieldset>
  );
}
