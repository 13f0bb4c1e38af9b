import { Body, Get, Post, Query } from '@nestjs/common';
import type { Locale } from '../../common/locale.js';
import { ErasureRequestDto } from '../../privacy/dto/privacy.dto.js';
import { PrivacyService } from '../../privacy/privacy.service.js';
import { ErrorSummary, Field, Form, type FormState } from '../components/form.js';
import { Alert, Button } from '../components/ui.js';
import { validateForm, type FormBody } from '../form.js';
import { Layout } from '../layout/layout.js';
import { Ctx, Page, PageController, redirect, render, signedIn, type PageContext } from '../page.js';

/** The texts of the personal-data pages, in both languages (a missing key is a type error). */
const TEXTS = {
  da: {
    heading: 'Dine data',
    exportHint:
      'Hent alt, vi har gemt om dig: en zip-fil med en fil for hver slags oplysning og de filer, du har sendt.',
    exportButton: 'Hent mine data',
    erasureLink: 'Bed om at få dine data slettet',
    erasureTitle: 'Bed om at få dine data slettet',
    erasureIntro:
      'Når akademiet sletter dine data, fjernes dit navn, dine kontaktoplysninger, din værges oplysninger, dine tekster og dine filer. Bedømmelser og afgørelser gemmes uden dit navn, så tidligere års tal forbliver rigtige. Du kan ikke logge ind bagefter.',
    erasureKept:
      'Er du eller har du været elev på akademiet, skal skolen gemme dine elevoplysninger, og så får du et svar med begrundelsen. Har du en ansøgning, der ikke er afgjort endnu, skal den trækkes tilbage eller afgøres først.',
    reason: 'Hvorfor (valgfrit)',
    reasonError: 'Skriv højst 2000 tegn',
    send: 'Send anmodningen',
    requested: 'Vi har modtaget din anmodning. Akademiet svarer dig inden for en måned.',
    back: 'Tilbage til din profil',
  },
  en: {
    heading: 'Your data',
    exportHint:
      'Download everything we hold about you: a zip file with a file per kind of record and the files you sent.',
    exportButton: 'Download my data',
    erasureLink: 'Ask to have your data erased',
    erasureTitle: 'Ask to have your data erased',
    erasureIntro:
      'When the academy erases your data, your name, contact details, your guardian’s details, your texts and your files are removed. Scores and decisions are kept without your name, so that past years’ figures stay correct. You cannot sign in afterwards.',
    erasureKept:
      'If you are or were a student at the academy, the school must keep your student records, and you will get an answer with the reason. If an application of yours has not been decided yet, it must be withdrawn or decided first.',
    reason: 'Why (optional)',
    reasonError: 'Write at most 2000 characters',
    send: 'Send the request',
    requested: 'We have received your request. The academy will answer within a month.',
    back: 'Back to your profile',
  },
} satisfies Record<Locale, Record<string, string>>;

export const privacyTexts = (locale: Locale) => TEXTS[locale];

/** The part of /me about the person's data: download it, or ask for erasure. */
export function YourData(props: { page: PageContext }) {
  const x = privacyTexts(props.page.locale);
  return (
    <>
      <h2>{x.heading}</h2>
      <p>{x.exportHint}</p>
      <p>
        <a class="button button-secondary" href="/me/export" download>
          {x.exportButton}
        </a>
      </p>
      <p>
        <a href="/me/erasure">{x.erasureLink}</a>
      </p>
    </>
  );
}

function ErasurePage(props: { page: PageContext; done?: boolean; form?: FormState }) {
  const { page } = props;
  const x = privacyTexts(page.locale);
  return (
    <Layout page={page} title={x.erasureTitle}>
      {props.done ? <Alert kind="success">{x.requested}</Alert> : null}
      <ErrorSummary form={props.form} t={page.t} />
      <h1>{x.erasureTitle}</h1>
      <p>{x.erasureIntro}</p>
      <p>{x.erasureKept}</p>
      {props.done ? null : (
        <Form csrf={page.csrfToken} action="/me/erasure">
          <Field
            name="reason"
            label={x.reason}
            multiline
            rows={4}
            maxLength={2000}
            form={props.form}
            t={page.t}
          />
          <Button variant="warning">{x.send}</Button>
        </Form>
      )}
      <p>
        <a href="/me">{x.back}</a>
      </p>
    </Layout>
  );
}

/** Personal data for the signed-in person: their export, and the confirm step of a request for erasure. */
@PageController()
export class PrivacyPages {
  constructor(private readonly privacy: PrivacyService) {}

  @Get('me/export')
  @Page('signed-in')
  async exportMine(@Ctx() page: PageContext) {
    const user = signedIn(page);
    const { zip, filename } = await this.privacy.export(user, user.id);
    page.res
      .status(200)
      .type('application/zip')
      .setHeader('Content-Disposition', `attachment; filename="${filename}"`)
      .setHeader('Cache-Control', 'no-store');
    zip.pipe(page.res);
  }

  @Get('me/erasure')
  @Page('signed-in')
  erasure(@Ctx() page: PageContext, @Query('done') done?: string) {
    render(page, <ErasurePage page={page} done={done === 'requested'} />);
  }

  @Post('me/erasure')
  @Page('signed-in')
  async requestErasure(@Ctx() page: PageContext, @Body() body: FormBody) {
    const checked = await validateForm(ErasureRequestDto, body, page.t);
    if (!checked.ok) {
      const form = { ...checked.form, errors: { reason: privacyTexts(page.locale).reasonError } };
      return render(page, <ErasurePage page={page} form={form} />, 400);
    }
    await this.privacy.requestErasure(signedIn(page), checked.dto.reason);
    redirect(page, '/me/erasure?done=requested');
  }
}
