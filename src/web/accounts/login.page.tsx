import { ErrorSummary, Field, Form, type FormState } from '../components/form.js';
import { Alert, Button } from '../components/ui.js';
import { Layout } from '../layout/layout.js';
import type { PageContext } from '../page.js';

export function LoginPage(props: {
  page: PageContext;
  form?: FormState;
  message?: string;
  next?: string;
  notice?: string;
}) {
  const { t } = props.page;
  return (
    <Layout page={props.page} title={t.login.title}>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <ErrorSummary form={props.form} t={t} message={props.message} />
      <h1>{t.login.title}</h1>
      <p>{t.login.intro}</p>
      <Form
        csrf={props.page.csrfToken}
        action={props.next ? `/login?next=${encodeURIComponent(props.next)}` : '/login'}
      >
        <Field
          name="email"
          label={t.fields.email}
          type="email"
          autocomplete="username"
          inputMode="email"
          form={props.form}
          t={t}
        />
        <Field
          name="password"
          label={t.fields.password}
          type="password"
          autocomplete="current-password"
          form={props.form}
          t={t}
        />
        <Button>{t.login.submit}</Button>
      </Form>
      <p>
        <a href="/forgot-password">{t.login.forgot}</a>
      </p>
      <p>
        {t.login.noAccount} <a href="/register">{t.login.createAccount}</a>
      </p>
    </Layout>
  );
}
