import { Get } from '@nestjs/common';
import { ApplicationsService } from '../../applications/applications.service.js';
import { CatalogueService } from '../../catalogue/catalogue.service.js';
import { HomePage } from '../applicant/applicant.components.js';
import { namesOf } from '../applicant/applicant.pages.js';
import { Ctx, Page, PageController, render, type PageContext } from '../page.js';

/** The front page: the open intakes per programme with their deadlines, and a way in. */
@PageController()
export class HomePages {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly applications: ApplicationsService,
  ) {}

  @Get()
  @Page('anyone')
  async home(@Ctx() page: PageContext) {
    const open = await this.catalogue.listIntakes({ open: true, limit: 50, offset: 0 });
    const mine =
      page.user?.role === 'applicant'
        ? (await this.applications.list(page.user, { limit: 100, offset: 0 })).items
        : [];
    const intakes = open.items.map((intake) => ({
      id: intake.id,
      programme: intake.programme,
      year: intake.year,
      closesAt: intake.closesAt,
      tracks: Object.keys(intake.seats),
      applicationId: mine.find((a) => a.intakeId === intake.id)?.id,
    }));
    const names = namesOf(await this.catalogue.listProgrammes(), page.locale === 'en');
    render(page, <HomePage page={page} intakes={intakes} names={names} signedIn={Boolean(page.user)} />);
  }
}
