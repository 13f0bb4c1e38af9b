import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** One bar or point of a chart: a category, the series it belongs to, its count, and what its label says. */
export interface ChartDatum {
  category: string;
  series: string;
  value: number;
  label: string;
}

export interface ChartInput {
  /** An id unique on the page (the SVG's title is referred to by it). */
  id: string;
  title: string;
  data: ChartDatum[];
  kind: 'bars' | 'lines';
  /** What the value axis counts ("Ansøgninger"). */
  valueTitle: string;
}

/** The academy's two colours and two quieter ones (DKFDS blue first), enough for the series we draw. */
const COLOURS = ['#0059b3', '#e6a117', '#2e7d32', '#6d6d6d'];

/**
 * A chart as SVG, drawn on the server by Vega-Lite (compiled to Vega, rendered headless without a canvas), so the
 * page prints and needs no script. The SVG is an image with a title; the table beside it carries the figures.
 * Suppressed counts ("<5") are drawn as an empty bar with their label, never as a number.
 */
export async function chartSvg(input: ChartInput): Promise<string> {
  const categories = [...new Set(input.data.map((d) => d.category))];
  const series = [...new Set(input.data.map((d) => d.series))];
  const spec: TopLevelSpec =
    input.kind === 'bars'
      ? {
          width: 420,
          height: { step: series.length > 1 ? 12 : 18 },
          data: { values: input.data },
          encoding: {
            y: { field: 'category', type: 'nominal', sort: categories, title: null },
            ...(series.length > 1 ? { yOffset: { field: 'series', sort: series } } : {}),
            x: { field: 'value', type: 'quantitative', title: input.valueTitle },
          },
          layer: [
            {
              mark: { type: 'bar' },
              encoding: {
                color: {
                  field: 'series',
                  type: 'nominal',
                  sort: series,
                  scale: { range: COLOURS },
                  legend: series.length > 1 ? { title: null, orient: 'bottom' } : null,
                },
              },
            },
            {
              mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 },
              encoding: { text: { field: 'label' } },
            },
          ],
        }
      : {
          width: 420,
          height: 200,
          data: { values: input.data },
          mark: { type: 'line', point: true },
          encoding: {
            x: { field: 'category', type: 'ordinal', sort: categories, title: null, axis: { labelAngle: 0 } },
            y: { field: 'value', type: 'quantitative', title: input.valueTitle },
            color: {
              field: 'series',
              type: 'nominal',
              sort: series,
              scale: { range: COLOURS },
              legend: { title: null, orient: 'bottom' },
            },
          },
        };
  const { spec: vegaSpec } = compile({
    ...spec,
    config: { aria: false, font: 'IBM Plex Sans, Arial, sans-serif', background: 'white' },
  } as TopLevelSpec);
  const view = new View(parse(vegaSpec), { renderer: 'none' });
  const svg = await view.toSVG();
  await view.finalize();
  return accessible(svg, `${input.id}-title`, input.title);
}

/** The SVG as an image named by its title (screen readers read the title, then the table beside it). */
function accessible(svg: string, titleId: string, title: string): string {
  const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return (
    svg
      // Vega's own roles and ARIA on its groups and marks: the image is one, named by its title.
      .replace(/\s(role|aria-[a-z]+)="[^"]*"/g, '')
      .replace(/^<svg /, `<svg role="img" aria-labelledby="${titleId}" focusable="false" `)
      .replace(/ width="(\d+)" height="(\d+)"/, ' width="$1" height="$2" style="max-width:100%;height:auto"')
      .replace(/^(<svg[^>]*>)/, `$1<title id="${titleId}">${escaped}</title>`)
  );
}
