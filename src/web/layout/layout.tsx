import type { ComponentChildren } from 'preact';
import type { Locale } from '../../common/locale.js';
import type { Dictionary } from '../i18n/index.js';

/** What the layout needs to know about the request (a PageContext has all of it). */
export interface LayoutContext {
  locale: Locale;
  t: Dictionary;
  user: { name: string; role: string } | null;
  csrfToken: string;
  path: string;
}

/** The current address with `lang` switched, so the language link keeps the page and its query. */
export function withLang(path: string, lang: Locale): string {
  const url = new URL(path, 'http://academy.invalid');
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}`;
}

/**
 * Every page's frame (DKFDS): skip link, header with the academy's name, language switch and sign-in/out,
 * one main landmark holding the page's h1, footer. Scripts only enhance (deferred, same origin).
 */
export function Layout(props: { page: LayoutContext; title: string; children: ComponentChildren }) {
  const { t, user, locale } = props.page;
  const other: Locale = locale === 'da' ? 'en' : 'da';
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} – ${t.site.name}`}</title>
        <link rel="stylesheet" href="/assets/dkfds/css/dkfds.min.css" />
        <link rel="stylesheet" href="/assets/academy.css" />
        <script src="/assets/academy.js" defer />
      </head>
      <body>
        <a class="skipnav" href="#main-content">
          {t.site.skipLink}
        </a>
        <header class="header academy-header">
          <div class="portal-info">
            <div class="portal-info-inner container academy-header-inner">
              <a href="/" class="academy-logo">
                {t.site.name}
              </a>
              <div class="academy-user">
                <a
                  class="academy-lang"
                  href={withLang(props.page.path, other)}
                  lang={other}
                  hrefLang={other}
                  aria-label={t.site.otherLanguageLabel}
                >
                  {t.site.otherLanguage}
                </a>
                {user ? (
                  <>
                    <span class="academy-user-name">{t.site.signedInAs(user.name)}</span>
                    <a href="/me">{t.site.profile}</a>
                    <form method="post" action="/logout" class="academy-inline-form">
                      <input type="hidden" name="_csrf" value={props.page.csrfToken} />
                      <button type="submit" class="button button-secondary academy-small-button">
                        {t.site.signOut}
                      </button>
                    </form>
                  </>
                ) : (
                  <a href="/login" class="button button-secondary academy-small-button">
                    {t.site.signIn}
                  </a>
                )}
              </div>
            </div>
          </div>
          <div class="solution-info">
            <div class="solution-info-inner container">
              <div class="solution-heading">
                <a href="/">{t.site.tagline}</a>
              </div>
            </div>
          </div>
        </header>
        <div class="container page-container">
          <main id="main-content" class="academy-main" tabIndex={-1}>
            {props.children}
          </main>
        </div>
        <footer class="footer academy-footer">
          <div class="container">
            <p>{t.site.footer}</p>
            <p>
              <a href="/privacy">{t.site.privacy}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
