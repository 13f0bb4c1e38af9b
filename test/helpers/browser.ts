import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { TestApp } from './app.js';

/** Debian's chromium package (scripts/services.sh installs it); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where the tests write screenshots (git-ignored). */
export const SCREENSHOT_DIR = join(process.cwd(), 'test-artifacts', 'screenshots');

/** A headless Chromium; as root it needs --no-sandbox. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}

/** The app on an ephemeral port for a browser; answers its base URL. */
export async function serve(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Contexts made without JavaScript: axe (a script) cannot run in their pages. */
const scriptless = new WeakSet<BrowserContext>();

/**
 * A fresh browser profile (own cookies) the size of a phone, 360 × 740, with or without JavaScript.
 * axe-core needs pages of a context made with browser.newContext().
 */
export async function phone(
  browser: Browser,
  baseURL: string,
  options: { javaScript?: boolean; width?: number; height?: number } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: options.width ?? 360, height: options.height ?? 740 },
    javaScriptEnabled: options.javaScript ?? true,
    locale: 'da-DK',
  });
  if (options.javaScript === false) scriptless.add(context);
  return context;
}

/**
 * The page's serious and critical accessibility violations by axe-core (WCAG 2.1 A/AA and best practice), one
 * line each; [] is the goal. A page without JavaScript is checked as a copy of its HTML in a scripted page of
 * the same size and site (axe is a script; the page's own address is not loaded again, as a GET may act).
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  let target = page;
  let copy: BrowserContext | undefined;
  if (scriptless.has(page.context())) {
    copy = await page
      .context()
      .browser()!
      .newContext({ viewport: page.viewportSize() ?? undefined });
    target = await copy.newPage();
    await target.goto(new URL('/assets/academy.css', page.url()).toString());
    await target.setContent(await page.content(), { waitUntil: 'load' });
  }
  try {
    const result = await new AxeBuilder({ page: target })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  } finally {
    await copy?.close();
  }
}

/** A full-page PNG in test-artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
