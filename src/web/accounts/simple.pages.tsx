import { retentionSentence, type RetentionPeriods } from '../../common/privacy-notice.js';
import { ErrorSummary, Field, Form, type FormState } from '../components/form.js';
import { Alert, Button } from '../components/ui.js';
import { Layout } from '../layout/layout.js';
import type { PageContext } from '../page.js';

/** The answer to a link (verify-email, an unusable reset link): a heading, one message, where to go next. */
export function MessagePage(props: {
  page: PageContext;
  title: string;
  message: string;
  kind: 'success' | 'error';
  link?: { href: string; text: string };
}) {
  return (
    <Layout page={props.page} title={props.title}>
      <h1>{props.title}</h1>
      <Alert kind={props.kind === 'success' ? 'success' : 'error'}>
        <p>{props.message}</p>
      </Alert>
      {props.link ? (
        <p>
          <a href={props.link.href}>{props.link.text}</a>
        </p>
      ) : null}
    </Layout>
  );
}

/** /forgot-password: the same answer whoever asks. */
export function ForgotPasswordPage(props: { page: PageContext; form?: FormState; sent?: boolean }) {
  const { t } = props.page;
  return (
    <Layout page={props.page} title={t.forgot.title}>
      {props.sent ? <Alert kind="success">{t.forgot.sent}</Alert> : null}
      <ErrorSummary form={props.form} t={t} />
      <h1>{t.forgot.title}</h1>
      <p>{t.forgot.intro}</p>
      <Form csrf={props.page.csrfToken} action="/forgot-password">
        <Field
          name="email"
          label={t.fields.email}
          type="email"
          autocomplete="email"
          inputMode="email"
          form={props.form}
          t={t}
        />
        <Button>{t.forgot.submit}</Button>
      </Form>
    </Layout>
  );
}

/** /reset-password and /accept-invitation: one new password, the link's token carried in a hidden field. */
export function NewPasswordPage(props: {
  page: PageContext;
  action: '/reset-password' | '/accept-invitation';
  title: string;
  intro: string;
  submit: string;
  token: string;
  form?: FormState;
  message?: string;
}) {
  const { t } = props.page;
  return (
    <Layout page={props.page} title={props.title}>
      <ErrorSummary form={props.form} t={t} message={props.message} />
      <h1>{props.title}</h1>
      <p>{props.intro}</p>
      <Form csrf={props.page.csrfToken} action={props.action}>
        <input type="hidden" name="token" value={props.token} />
        <Field
          name="password"
          label={t.fields.newPassword}
          hint={t.register.passwordHint}
          type="password"
          autocomplete="new-password"
          form={props.form}
          t={t}
        />
        <Button>{props.submit}</Button>
      </Form>
    </Layout>
  );
}

/** /privacy: what is stored, why, who sees it, for how long, and the person's rights. */
export function PrivacyPage(props: { page: PageContext; retention: RetentionPeriods }) {
  const { t, locale } = props.page;
  return (
    <Layout page={props.page} title={t.privacy.title}>
      <h1>{t.privacy.title}</h1>
      <p>{t.privacy.intro}</p>
      {t.privacy.sections.map((section) => (
        <section>
          <h2>{section.heading}</h2>
          <p>{section.text}</p>
        </section>
      ))}
      <section>
        <h2>{t.privacy.howLong}</h2>
        <p>{retentionSentence(locale, props.retention)}</p>
        <p>{t.privacy.sessionCookie}</p>
      </section>
    </Layout>
  );
}
