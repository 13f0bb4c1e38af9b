import type { MeView } from '../../accounts/accounts.service.js';
import { ErrorSummary, Field, Form, RadioGroup, type FormState } from '../components/form.js';
import { Alert, Button, SummaryList } from '../components/ui.js';
import { Layout } from '../layout/layout.js';
import type { PageContext } from '../page.js';
import { YourData } from '../privacy/privacy.pages.js';
import { GuardianFields } from './register.page.js';

/** /me: what is stored about the person, the profile form, the verification status, the password form. */
export function MePage(props: {
  page: PageContext;
  me: MeView;
  form?: FormState;
  message?: string;
  notice?: string;
}) {
  const { t } = props.page;
  const { me } = props;
  const values = {
    name: me.name,
    phone: me.phone ?? '',
    locale: me.locale,
    'guardian.name': me.guardian?.name ?? '',
    'guardian.email': me.guardian?.email ?? '',
    'guardian.phone': me.guardian?.phone ?? '',
  };
  const form = props.form
    ? { values: { ...values, ...props.form.values }, errors: props.form.errors }
    : { values, errors: {} };
  return (
    <Layout page={props.page} title={t.me.title}>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <ErrorSummary form={props.form} t={t} message={props.message} />
      <h1>{t.me.title}</h1>
      <SummaryList
        rows={[
          [t.me.email, me.email],
          [t.me.role, t.me.roles[me.role] ?? me.role],
        ]}
      />
      {me.emailVerified ? (
        <p>
          <strong>{t.me.email}:</strong> {t.me.verified}
        </p>
      ) : (
        <Alert kind="warning">
          <p>{t.me.notVerified}</p>
          <Form csrf={props.page.csrfToken} action="/me/verification-email">
            <Button variant="secondary">{t.me.resend}</Button>
          </Form>
        </Alert>
      )}

      <h2>{t.me.profileHeading}</h2>
      <Form csrf={props.page.csrfToken} action="/me">
        <Field name="name" label={t.fields.name} autocomplete="name" form={form} t={t} maxLength={200} />
        <Field
          name="phone"
          label={t.fields.phone}
          type="tel"
          autocomplete="tel"
          optional={t.form.optional}
          form={form}
          t={t}
        />
        <RadioGroup
          name="locale"
          legend={t.fields.locale}
          options={[
            { value: 'da', label: t.register.danish },
            { value: 'en', label: t.register.english },
          ]}
          form={form}
          t={t}
        />
        {me.role === 'applicant' ? (
          <GuardianFields
            page={props.page}
            form={form}
            heading={t.me.guardianHeading}
            hint={t.register.guardianHint}
          />
        ) : null}
        <Button>{t.me.saveProfile}</Button>
      </Form>

      <h2>{t.me.passwordHeading}</h2>
      <p>{t.me.passwordHint}</p>
      <Form csrf={props.page.csrfToken} action="/me/password">
        <input type="text" name="username" value={me.email} autocomplete="username" hidden />
        <Field
          name="currentPassword"
          label={t.fields.currentPassword}
          type="password"
          autocomplete="current-password"
          form={form}
          t={t}
        />
        <Field
          name="password"
          label={t.fields.newPassword}
          hint={t.register.passwordHint}
          type="password"
          autocomplete="new-password"
          form={form}
          t={t}
        />
        <Button variant="secondary">{t.me.changePassword}</Button>
      </Form>

      <YourData page={props.page} />
    </Layout>
  );
}
