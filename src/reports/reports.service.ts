import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service.js';
import { AdmissionsService } from '../admissions/admissions.service.js';
import { ApplicationsService } from '../applications/applications.service.js';
import { AuditionsService } from '../auditions/auditions.service.js';
import { CatalogueService, type ProgrammeView } from '../catalogue/catalogue.service.js';
import type { AuthUser } from '../common/auth.js';
import { Clock } from '../common/clock.js';
import { policy } from '../common/policy.js';
import { ageOn, copenhagenDate } from '../common/time.js';
import { JuryService } from '../jury/jury.service.js';
import { StudentsService } from '../students/students.service.js';
import { chartSvg, type ChartDatum } from './charts.js';
import type { BreakdownQuery, FiguresQuery, TableQuery } from './dto/reports.dto.js';
import { figureCsv, figureWorkbook, type FigureSheet } from './figure-files.js';
import {
  BREAKDOWN_WORDS,
  RATE_WORDS,
  STAGE_WORDS,
  TABLE_WORDS,
  groupWords,
  type FigureLocale,
} from './figure-words.js';
import {
  BREAKDOWNS,
  FIGURE_TABLES,
  FIXED_GROUPS,
  STAGES,
  ageBand,
  breakdown,
  funnel,
  years as yearOverYear,
  type Breakdown,
  type BreakdownItem,
  type FigureFact,
  type FigureRow,
  type FigureTable,
  type FunnelItem,
  type YearItem,
} from './figures.js';

/** How many years the year-over-year table looks back, the chosen year included. */
export const YEARS_BACK = 5;

/** One table of the staff page: its words, its rows, and its chart. */
export interface FigureSection {
  table: FigureTable;
  title: string;
  sheet: FigureSheet;
  svg: string;
}

export interface FigureReport {
  year: number;
  programme: string | null;
  /** Every intake year there is, newest first (the page's choice of year). */
  yearsWithIntakes: number[];
  sections: FigureSection[];
}

interface Gathered {
  facts: FigureFact[];
  programmes: ProgrammeView[];
}

/**
 * The academy's yearly figures (issue 21): how many applied, from where, and how far they got. Counts only: it
 * asks each room for its part about the year's applications (never their tables) and leaves the counting and
 * the small-number suppression to the pure rules in figures.ts and suppression.ts. Staff only.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly applications: ApplicationsService,
    private readonly auditions: AuditionsService,
    private readonly jury: JuryService,
    private readonly admissions: AdmissionsService,
    private readonly students: StudentsService,
    private readonly accounts: AccountsService,
    private readonly clock: Clock,
  ) {}

  async funnel(user: AuthUser, query: FiguresQuery): Promise<{ year: number; items: FunnelItem[] }> {
    const year = await this.yearOf(user, query);
    const { facts, programmes } = await this.gather([year], query.programme);
    return { year, items: funnel(facts, this.tracksOf(programmes)) };
  }

  async breakdown(
    user: AuthUser,
    query: BreakdownQuery,
  ): Promise<{ year: number; by: Breakdown; items: BreakdownItem[] }> {
    const year = await this.yearOf(user, query);
    const by = query.by ?? 'gender';
    const { facts } = await this.gather([year], query.programme);
    return { year, by, items: this.breakdownOf(facts, by) };
  }

  async years(user: AuthUser, query: FiguresQuery): Promise<{ years: number[]; items: YearItem[] }> {
    const year = await this.yearOf(user, query);
    const list = this.yearList(year);
    const { facts } = await this.gather(list, query.programme);
    return { years: list, items: yearOverYear(facts, list) };
  }

  /** Every table of a year for the staff page, in the reader's language, each with its chart. */
  async report(user: AuthUser, query: FiguresQuery, locale: FigureLocale): Promise<FigureReport> {
    const year = await this.yearOf(user, query);
    const sheets = await this.sheets(year, query.programme, locale);
    const sections = await Promise.all(
      sheets.map(async ({ table, sheet, chart }) => ({
        table,
        title: sheet.name,
        sheet,
        svg: await chartSvg({
          id: `chart-${table}`,
          title: sheet.name,
          kind: table === 'years' ? 'lines' : 'bars',
          valueTitle: locale === 'da' ? 'Antal' : 'Count',
          data: chart,
        }),
      })),
    );
    return {
      year,
      programme: query.programme ?? null,
      yearsWithIntakes: await this.intakeYears(),
      sections,
    };
  }

  /** One table as a CSV for a Danish Excel. */
  async csv(user: AuthUser, query: TableQuery): Promise<{ filename: string; body: string }> {
    const year = await this.yearOf(user, query);
    const table = query.table ?? 'funnel';
    const found = (await this.sheets(year, query.programme, 'da')).find((s) => s.table === table)!;
    return {
      filename: `tal-${year}${query.programme ? `-${query.programme}` : ''}-${table}.csv`,
      body: figureCsv(found.sheet),
    };
  }

  /** A year's figures as one XLSX workbook, a sheet per table. */
  async workbook(user: AuthUser, query: FiguresQuery): Promise<{ filename: string; body: Buffer }> {
    const year = await this.yearOf(user, query);
    const sheets = await this.sheets(year, query.programme, 'da');
    return {
      filename: `tal-${year}${query.programme ? `-${query.programme}` : ''}.xlsx`,
      body: await figureWorkbook(
        sheets.map((s) => s.sheet),
        'Aalborg Talentakademi',
      ),
    };
  }

  // ---- the tables, in words --------------------------------------------------------------------------------

  private async sheets(
    year: number,
    programme: string | undefined,
    locale: FigureLocale,
  ): Promise<Array<{ table: FigureTable; sheet: FigureSheet; chart: ChartDatum[] }>> {
    const list = this.yearList(year);
    const { facts: all, programmes } = await this.gather(list, programme);
    const facts = all.filter((f) => f.year === year);
    const stageWords = STAGE_WORDS[locale];
    const rateWords = RATE_WORDS[locale];
    const measures = [...STAGES.map((s) => stageWords[s]), rateWords.admissionRate, rateWords.acceptanceRate];
    const cells = (r: FigureRow): Array<number | string | null> => [
      ...STAGES.map((s) => r[s]),
      r.admissionRate,
      r.acceptanceRate,
    ];
    const label = (v: number | string) => String(v);
    const value = (v: number | string) => (typeof v === 'number' ? v : 0);
    const municipality = (code: string) => this.catalogue.municipality(code)?.name;
    const total = locale === 'da' ? 'I alt' : 'Total';

    const funnelItems = funnel(facts, this.tracksOf(programmes));
    const trackName = new Map(
      programmes.flatMap((p) =>
        p.tracks.map((t) => [`${p.code}/${t.code}`, locale === 'da' ? t.name : t.nameEn]),
      ),
    );
    const out: Array<{ table: FigureTable; sheet: FigureSheet; chart: ChartDatum[] }> = [
      {
        table: 'funnel',
        sheet: {
          name: `${TABLE_WORDS[locale].funnel} ${year}`,
          headings: [
            locale === 'da' ? 'Uddannelse' : 'Programme',
            locale === 'da' ? 'Linje' : 'Track',
            ...measures,
          ],
          rows: funnelItems.map((i) => [
            i.programme,
            i.track === null ? total : (trackName.get(`${i.programme}/${i.track}`) ?? i.track),
            ...cells(i),
          ]),
        },
        chart: funnelItems
          .filter((i) => i.track === null)
          .flatMap((i) =>
            STAGES.map((s) => ({
              category: stageWords[s],
              series: i.programme,
              value: value(i[s]),
              label: label(i[s]),
            })),
          ),
      },
    ];
    for (const by of BREAKDOWNS) {
      const items = this.breakdownOf(facts, by);
      out.push({
        table: by,
        sheet: {
          name: `${BREAKDOWN_WORDS[locale][by]} ${year}`,
          headings: [BREAKDOWN_WORDS[locale][by], ...measures],
          rows: items.map((i) => [groupWords(locale, i.group, municipality), ...cells(i)]),
        },
        chart: items
          .filter((i) => i.group !== 'total')
          .flatMap((i) =>
            (['applied', 'offered'] as const).map((s) => ({
              category: groupWords(locale, i.group, municipality),
              series: stageWords[s],
              value: value(i[s]),
              label: label(i[s]),
            })),
          ),
      });
    }
    const yearItems = yearOverYear(all, list);
    out.splice(1, 0, {
      table: 'years',
      sheet: {
        name: `${TABLE_WORDS[locale].years} ${list[0]}–${year}`,
        headings: [locale === 'da' ? 'År' : 'Year', ...measures],
        rows: yearItems.map((i) => [String(i.year), ...cells(i)]),
      },
      chart: yearItems.flatMap((i) =>
        (['applied', 'submitted', 'offered', 'accepted'] as const)
          .filter((s) => typeof i[s] === 'number')
          .map((s) => ({
            category: String(i.year),
            series: stageWords[s],
            value: value(i[s]),
            label: label(i[s]),
          })),
      ),
    });
    return FIGURE_TABLES.map((t) => out.find((o) => o.table === t)!);
  }

  private breakdownOf(facts: FigureFact[], by: Breakdown): BreakdownItem[] {
    const regionOrder = (a: string, b: string) => {
      const ma = this.catalogue.municipality(a);
      const mb = this.catalogue.municipality(b);
      return (ma?.name ?? a).localeCompare(mb?.name ?? b, 'da');
    };
    return breakdown(facts, by, FIXED_GROUPS[by], by === 'municipality' ? regionOrder : undefined);
  }

  // ---- collecting the facts from the rooms -------------------------------------------------------------------

  private async gather(yearList: number[], programme?: string): Promise<Gathered> {
    const programmes = (await this.catalogue.listProgrammes()).filter(
      (p) => !programme || p.code === programme,
    );
    const intakes = (
      await Promise.all(
        yearList.map((year) => this.catalogue.listIntakes({ year, programme, limit: 50, offset: 0 })),
      )
    ).flatMap((page) => page.items);
    const applications = await this.applications.figureFacts(intakes.map((i) => i.id));
    const ids = applications.map((a) => a.applicationId);
    const [auditions, offers, enrolments, births] = await Promise.all([
      this.auditions.figureFacts(ids),
      this.admissions.figureFacts(ids),
      this.students.figureFacts(ids),
      this.accounts.birthDatesOf([...new Set(applications.map((a) => a.applicantId))]),
    ]);
    const passed = await this.jury.passedAuditions([...auditions.values()].map((a) => a.lastAuditionId));
    const intakeOf = new Map(intakes.map((i) => [i.id, i]));
    const facts = applications.map((a): FigureFact => {
      const intake = intakeOf.get(a.intakeId)!;
      const audition = auditions.get(a.applicationId);
      const offer = offers.get(a.applicationId);
      const enrolment = enrolments.get(a.applicationId);
      const birthDate = births.get(a.applicantId) ?? null;
      const code = a.municipalityCode;
      const municipality = code && code !== 'prefer-not' ? this.catalogue.municipality(code) : undefined;
      return {
        programme: intake.programme,
        track: a.track,
        year: intake.year,
        submitted: a.submitted,
        auditioned: audition?.attended ?? false,
        passed: audition ? passed.has(audition.lastAuditionId) : false,
        offered: offer?.offered ?? false,
        accepted: offer?.accepted ?? false,
        enrolled: enrolment !== undefined,
        completedYear1: enrolment?.completedYear1 ?? false,
        completedYear2: enrolment?.completedYear2 ?? false,
        completedYear3: enrolment?.completedYear3 ?? false,
        destination: enrolment?.destination ?? null,
        groups: {
          gender: a.gender ?? 'unanswered',
          municipality: code ?? 'unanswered',
          region: code === 'prefer-not' ? 'prefer-not' : (municipality?.region ?? 'unanswered'),
          age: ageBand(birthDate ? ageOn(birthDate, intake.ageReferenceDate) : null),
          feeder: a.feederCourse ?? 'unanswered',
        },
      };
    });
    return { facts, programmes };
  }

  private tracksOf(programmes: ProgrammeView[]) {
    return programmes.map((p) => ({ code: p.code, tracks: p.tracks.map((t) => t.code) }));
  }

  private yearList(year: number): number[] {
    return Array.from({ length: YEARS_BACK }, (_, i) => year - YEARS_BACK + 1 + i);
  }

  /** The year asked for, or the latest intake year whose results are out (the current year when none is). */
  private async yearOf(user: AuthUser, query: FiguresQuery): Promise<number> {
    policy.allowedOr403(policy.isStaff(user), 'Only the academy’s staff see the yearly figures');
    if (query.year !== undefined) return query.year;
    const now = this.clock.now();
    const intakes = await this.catalogue.listIntakes({ limit: 500, offset: 0 });
    const out = intakes.items.filter((i) => new Date(i.resultsAt) <= now).map((i) => i.year);
    return out.length ? Math.max(...out) : Number(copenhagenDate(now).slice(0, 4));
  }

  private async intakeYears(): Promise<number[]> {
    const intakes = await this.catalogue.listIntakes({ limit: 500, offset: 0 });
    return [...new Set(intakes.items.map((i) => i.year))].sort((a, b) => b - a);
  }
}

export { FIGURE_TABLES, type FigureTable } from './figures.js';
