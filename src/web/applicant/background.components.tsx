import type { Municipality } from '../../catalogue/catalogue.service.js';
import { ErrorSummary, Field, Form, RadioGroup, type FormState } from '../components/form.js';
import { Alert, Button } from '../components/ui.js';
import { Layout } from '../layout/layout.js';
import type { PageContext } from '../page.js';

type Ctx = Pick<PageContext, 'locale' | 't' | 'user' | 'csrfToken' | 'path'>;

/**
 * /applications/:id/background: the voluntary background questions on one page, each optional with "prefer not
 * to say", with why they are asked and the promise that jurors never see them.
 */
export function BackgroundPage(props: {
  page: Ctx;
  applicationId: string;
  form: FormState;
  municipalities: readonly Municipality[];
  notice?: string;
  message?: string;
}) {
  const { page, form } = props;
  const { t } = page;
  const b = t.reports.background;
  const selectedMunicipality = form.values.municipalityCode ?? '';
  const municipalityError = form.errors.municipalityCode;
  const regions = [...new Set(props.municipalities.map((m) => m.region))];
  return (
    <Layout page={page} title={b.title}>
      <ErrorSummary form={form} t={t} message={props.message} />
      <h1>{b.title}</h1>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <p>{b.why}</p>
      <p>{b.promise}</p>
      <Form csrf={page.csrfToken}>
        <RadioGroup
          name="gender"
          legend={b.gender}
          form={form}
          t={t}
          options={(['woman', 'man', 'self-described', 'prefer-not'] as const).map((value) => ({
            value,
            label: b.genders[value],
          }))}
        />
        <Field name="genderDescription" label={b.genderDescription} form={form} t={t} maxLength={60} />
        <div class={`form-group${municipalityError ? ' form-error' : ''}`}>
          <label class="form-label" for="field-municipalityCode">
            {b.municipality}
          </label>
          {municipalityError ? (
            <span class="form-error-message" id="field-municipalityCode-error">
              <span class="sr-only">{t.form.errorPrefix} </span>
              {municipalityError}
            </span>
          ) : null}
          <select
            class="form-select"
            id="field-municipalityCode"
            name="municipalityCode"
            aria-describedby={municipalityError ? 'field-municipalityCode-error' : undefined}
          >
            <option value="" selected={selectedMunicipality === ''}>
              {b.municipalityNone}
            </option>
            <option value="prefer-not" selected={selectedMunicipality === 'prefer-not'}>
              {b.preferNot}
            </option>
            {regions.map((region) => (
              <optgroup label={region}>
                {props.municipalities
                  .filter((m) => m.region === region)
                  .map((m) => (
                    <option value={m.code} selected={selectedMunicipality === m.code}>
                      {m.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <Field name="school" label={b.school} hint={b.schoolHint} form={form} t={t} maxLength={200} />
        <RadioGroup
          name="feederCourse"
          legend={b.feederCourse}
          form={form}
          t={t}
          options={(['talent-class', 'other-course', 'none', 'prefer-not'] as const).map((value) => ({
            value,
            label: b.feeders[value],
          }))}
        />
        <Field
          name="feederCourseWhere"
          label={b.feederCourseWhere}
          hint={b.feederCourseWhereHint}
          form={form}
          t={t}
          maxLength={200}
        />
        <Button>{b.save}</Button>
      </Form>
      <p>
        <a href={`/applications/${props.applicationId}`}>{b.back}</a>
      </p>
    </Layout>
  );
}
