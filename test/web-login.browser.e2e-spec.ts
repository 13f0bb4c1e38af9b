import type { Browser } from 'playwright-core';
import { registerApplicant, PASSWORD, type Person } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { launchBrowser, phone, screenshot, seriousViolations, serve } from './helpers/browser.js';

/** Signing in and out on a phone, with and without JavaScript, in a real Chromium. */
describe('sign-in page in a browser (360 px)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let person: Person;

  beforeAll(async () => {
    t = await startApp();
    base = await serve(t);
    browser = await launchBrowser();
    person = await registerApplicant(t, { name: 'Maja Browser' });
  }, 120000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const javaScript of [true, false]) {
    const mode = javaScript ? 'with JavaScript' : 'without JavaScript';

    it(`signs in, shows who is signed in and signs out ${mode}, with no serious axe violations`, async () => {
      const context = await phone(browser, base, { javaScript });
      const page = await context.newPage();
      try {
        await page.goto('/login');
        expect(await page.locator('h1').textContent()).toBe('Log ind');
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, `login-360${javaScript ? '' : '-nojs'}`);

        // A wrong password: the error summary (role=alert) in Danish, the e-mail kept, still on /login.
        await page.getByLabel('E-mailadresse').fill(person.email);
        await page.getByLabel('Adgangskode').fill('forkert forkert forkert');
        await page.getByRole('button', { name: 'Log ind' }).click();
        await page.waitForLoadState();
        expect(await page.getByRole('alert').textContent()).toContain(
          'E-mailadressen eller adgangskoden er forkert',
        );
        expect(await page.getByLabel('E-mailadresse').inputValue()).toBe(person.email);
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, `login-error-360${javaScript ? '' : '-nojs'}`);

        await page.getByLabel('Adgangskode').fill(PASSWORD);
        await page.getByRole('button', { name: 'Log ind' }).click();
        await page.waitForURL(`${base}/`);
        expect(await page.locator('header').textContent()).toContain('Logget ind som Maja Browser');
        const cookie = (await context.cookies()).find((c) => c.name === 'academy_session');
        expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
        expect(await seriousViolations(page)).toEqual([]);

        await page.getByRole('button', { name: 'Log ud' }).click();
        await page.waitForURL(`${base}/login?done=signed-out`);
        expect(await page.getByRole('status').textContent()).toContain('Du er logget ud.');
        expect((await context.cookies()).find((c) => c.name === 'academy_session')).toBeUndefined();
      } finally {
        await context.close();
      }
    });
  }

  it('returns to ?next= after signing in, and never to another site', async () => {
    const context = await phone(browser, base, { javaScript: false });
    const page = await context.newPage();
    try {
      await page.goto('/login?next=%2F%3Fwelcome%3D1');
      await page.getByLabel('E-mailadresse').fill(person.email);
      await page.getByLabel('Adgangskode').fill(PASSWORD);
      await page.getByRole('button', { name: 'Log ind' }).click();
      await page.waitForURL(`${base}/?welcome=1`);

      await page.goto('/login?next=%2F%2Fevil.example%2F');
      await page.getByLabel('E-mailadresse').fill(person.email);
      await page.getByLabel('Adgangskode').fill(PASSWORD);
      await page.getByRole('button', { name: 'Log ind' }).click();
      await page.waitForURL(`${base}/`);
    } finally {
      await context.close();
    }
  });

  it('switches to English with ?lang=en and remembers it', async () => {
    const context = await phone(browser, base);
    const page = await context.newPage();
    try {
      await page.goto('/login');
      await page.getByRole('link', { name: 'Read this page in English' }).click();
      expect(await page.locator('h1').textContent()).toBe('Sign in');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.goto('/login');
      expect(await page.locator('h1').textContent()).toBe('Sign in');
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
