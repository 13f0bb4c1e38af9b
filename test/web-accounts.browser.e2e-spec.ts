import type { Browser } from 'playwright-core';
import { SmtpSink } from '../scripts/smtp-sink.js';
import { PASSWORD, uniqueEmail } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { launchBrowser, phone, screenshot, seriousViolations, serve } from './helpers/browser.js';

/**
 * A 16-year-old creates an account with a guardian on a phone, confirms the address from the e-mail in the
 * SMTP sink, signs out, signs in and sees the profile: with and without JavaScript, axe on every page.
 */
describe('register → verify → sign in → profile in a browser (360 px)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = new SmtpSink();
    const port = await sink.start(0);
    t = await startApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    base = await serve(t);
    browser = await launchBrowser();
  }, 120000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink?.stop();
  });

  for (const javaScript of [true, false]) {
    const mode = javaScript ? 'with JavaScript' : 'without JavaScript';
    const shot = (name: string) => `${name}-360${javaScript ? '' : '-nojs'}`;

    it(`works ${mode}`, async () => {
      const email = uniqueEmail('ida');
      const guardianEmail = uniqueEmail('hanne');
      const context = await phone(browser, base, { javaScript });
      const page = await context.newPage();
      const axe = async () => expect(await seriousViolations(page)).toEqual([]);
      try {
        await page.goto('/');
        await page.getByRole('link', { name: 'Opret bruger' }).first().click();
        await page.waitForURL(`${base}/register`);
        await axe();
        await screenshot(page, shot('register'));

        // Under 18 without a guardian: the form again, what to fix next to the guardian's name, input kept.
        await page.getByLabel('Fulde navn').fill('Ida Holm');
        await page.getByLabel('E-mailadresse', { exact: true }).fill(email);
        await page.getByLabel('Fødselsdato').fill('2010-06-01');
        await page.getByLabel('Adgangskode', { exact: true }).fill(PASSWORD);
        await page.getByRole('button', { name: 'Opret bruger' }).click();
        await page.waitForLoadState();
        expect(await page.getByRole('alert').textContent()).toContain(
          'Skriv navn og e-mailadresse på en forælder eller værge',
        );
        expect(await page.getByLabel('Fulde navn').inputValue()).toBe('Ida Holm');
        await axe();
        await screenshot(page, shot('register-error'));

        await page.getByLabel('Adgangskode', { exact: true }).fill(PASSWORD);
        await page.getByLabel('Forælders eller værges navn').fill('Hanne Holm');
        await page.getByLabel('Forælders eller værges e-mailadresse').fill(guardianEmail);
        await page.getByRole('button', { name: 'Opret bruger' }).click();
        await page.waitForURL(`${base}/me?done=registered`);
        expect(await page.getByRole('status').first().textContent()).toContain('Din bruger er oprettet');
        expect(await page.locator('main').textContent()).toContain('Ikke bekræftet endnu');
        await axe();
        await screenshot(page, shot('me-unverified'));

        // The link from the e-mail (the applicant's own; the guardian gets the welcome, naming Ida).
        const mails = await sink.waitFor(
          () =>
            sink.to(email).some((m) => m.subject === 'Bekræft din e-mailadresse') &&
            sink.to(guardianEmail).length > 0,
        );
        const verify = mails.find((m) => m.to.includes(email) && m.subject === 'Bekræft din e-mailadresse')!;
        const link = /http:\/\/[^\s]+\/verify-email\?token=[\w-]+/.exec(verify.text)![0];
        const guardianCopy = sink.to(guardianEmail);
        expect(guardianCopy.map((m) => m.subject)).toEqual([
          'Kopi til værge: Velkommen til Aalborg Talentakademi',
        ]);
        expect(guardianCopy[0].text).toContain('værge for Ida Holm');
        expect(guardianCopy[0].text).not.toContain('verify-email');

        await page.goto(new URL(link).pathname + new URL(link).search);
        await page.waitForURL(`${base}/me?done=verified`);
        expect(await page.getByRole('status').first().textContent()).toContain(
          'Din e-mailadresse er bekræftet',
        );
        await axe();

        await page.getByRole('button', { name: 'Log ud' }).click();
        await page.waitForURL(`${base}/login?done=signed-out`);
        await page.goto('/me');
        await page.waitForURL(`${base}/login?next=%2Fme`);
        await page.getByLabel('E-mailadresse').fill(email);
        await page.getByLabel('Adgangskode').fill(PASSWORD);
        await page.getByRole('button', { name: 'Log ind' }).click();
        await page.waitForURL(`${base}/me`);
        expect(await page.locator('h1').textContent()).toBe('Min profil');
        expect(await page.locator('main').textContent()).toContain('Bekræftet');
        expect(await page.getByLabel('Forælders eller værges navn').inputValue()).toBe('Hanne Holm');
        await axe();
        await screenshot(page, shot('me'));

        // Saving the profile: POST/redirect/GET with a status message.
        await page
          .getByRole('textbox', { name: 'Telefonnummer (valgfrit)', exact: true })
          .fill('20 30 40 50');
        await page.getByRole('button', { name: 'Gem oplysninger' }).click();
        await page.waitForURL(`${base}/me?done=saved`);
        expect(
          await page.getByRole('textbox', { name: 'Telefonnummer (valgfrit)', exact: true }).inputValue(),
        ).toBe('20 30 40 50');
      } finally {
        await context.close();
      }
    }, 120000);
  }

  it('the other account pages have no serious axe violations, in Danish and English', async () => {
    const context = await phone(browser, base);
    const page = await context.newPage();
    try {
      for (const path of [
        '/forgot-password',
        '/privacy',
        '/reset-password?token=nope',
        '/accept-invitation?token=x',
      ]) {
        for (const lang of ['da', 'en']) {
          await page.goto(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
          expect([path, lang, await seriousViolations(page)]).toEqual([path, lang, []]);
        }
      }
      await page.goto('/privacy?lang=da');
      await screenshot(page, 'privacy-360');
      await page.goto('/no-such-page');
      expect(await page.locator('h1').textContent()).toBe('Siden findes ikke');
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
