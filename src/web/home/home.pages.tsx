import { Get } from '@nestjs/common';
import { Button } from '../components/ui.js';
import { Layout } from '../layout/layout.js';
import { Ctx, Page, PageController, render, type PageContext } from '../page.js';

/** The front page. (Issue 16's applicant pages fill it with the open intakes.) */
@PageController()
export class HomePages {
  @Get()
  @Page('anyone')
  home(@Ctx() page: PageContext) {
    const { t, user } = page;
    render(
      page,
      <Layout page={page} title={t.home.title}>
        <h1>{t.home.title}</h1>
        <p>{user ? t.home.signedInIntro(user.name) : t.home.intro}</p>
        {user ? null : (
          <p class="button-row">
            <Button href="/login">{t.site.signIn}</Button>{' '}
            <Button href="/register" variant="secondary">
              {t.site.register}
            </Button>
          </p>
        )}
      </Layout>,
    );
  }
}
