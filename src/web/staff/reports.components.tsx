import type { FigureReport } from '../../reports/reports.service.js';
import { Table } from '../components/ui.js';
import { Layout } from '../layout/layout.js';
import type { PageContext } from '../page.js';
import { StaffNav } from './staff-nav.js';

type Ctx = Pick<PageContext, 'locale' | 't' | 'user' | 'csrfToken' | 'path'>;

const PROGRAMMES = ['MGK', 'BGK', 'TGK'];

/** Where a table or the workbook of the chosen year and programme is downloaded. */
function download(path: string, report: FigureReport, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({
    year: String(report.year),
    ...(report.programme ? { programme: report.programme } : {}),
    ...extra,
  });
  return `${path}?${query.toString()}`;
}

/**
 * /staff/reports: a year's figures, each table with its chart (SVG drawn on the server: prints, needs no script)
 * and the table beside it, which carries the same figures for screen readers and for copying.
 */
export function StaffReportsPage(props: { page: Ctx; report: FigureReport }) {
  const { page, report } = props;
  const r = page.t.reports.staff;
  const years = [...new Set([report.year, ...report.yearsWithIntakes])].sort((a, b) => b - a);
  const cell = (value: string | number | null, heading: string) =>
    value === null
      ? r.noRate
      : heading.includes('%') && typeof value === 'number'
        ? `${value.toLocaleString(page.locale === 'da' ? 'da-DK' : 'en-GB')} %`
        : String(value);
  return (
    <Layout page={page} title={`${r.title} ${report.year}`}>
      <div class="academy-wide">
        <StaffNav t={page.t} path={page.path} />
        <h1>{`${r.title} ${report.year}${report.programme ? ` · ${report.programme}` : ''}`}</h1>
        <p>{r.intro}</p>
        <p>{r.suppression}</p>
        <p>{r.background}</p>
        <form method="get" action="/staff/reports" class="academy-report-choice">
          <fieldset>
            <legend class="form-label">{r.choose}</legend>
            <div class="form-group">
              <label class="form-label" for="field-year">
                {r.year}
              </label>
              <select class="form-select" id="field-year" name="year">
                {years.map((y) => (
                  <option value={String(y)} selected={y === report.year}>
                    {String(y)}
                  </option>
                ))}
              </select>
            </div>
            <div class="form-group">
              <label class="form-label" for="field-programme">
                {r.programme}
              </label>
              <select class="form-select" id="field-programme" name="programme">
                <option value="" selected={!report.programme}>
                  {r.allProgrammes}
                </option>
                {PROGRAMMES.map((p) => (
                  <option value={p} selected={report.programme === p}>
                    {p}
                  </option>
                ))}
              </select>
            </div>
            <button class="button button-secondary" type="submit">
              {r.show}
            </button>
          </fieldset>
        </form>
        <h2>{r.downloads}</h2>
        <p>
          <a href={download('/staff/reports/workbook.xlsx', report)}>{r.workbook(report.year)}</a>
        </p>
        <nav aria-label={r.contents}>
          <ul class="academy-compact-list">
            {report.sections.map((s) => (
              <li>
                <a href={`#table-${s.table}`}>{s.title}</a>
              </li>
            ))}
          </ul>
        </nav>
        {report.sections.map((s) => (
          <section class="academy-figure" aria-labelledby={`table-${s.table}`}>
            <h2 id={`table-${s.table}`}>{s.title}</h2>
            <figure class="academy-chart">
              <div dangerouslySetInnerHTML={{ __html: s.svg }} />
              <figcaption>{r.chartOf(s.title)}</figcaption>
            </figure>
            <Table
              caption={s.title}
              head={s.sheet.headings}
              rowHeader
              rows={s.sheet.rows.map((row) => row.map((value, i) => cell(value, s.sheet.headings[i] ?? '')))}
            />
            <p>
              <a href={download('/staff/reports/table.csv', report, { table: s.table })}>{r.csv(s.title)}</a>
            </p>
          </section>
        ))}
      </div>
    </Layout>
  );
}
