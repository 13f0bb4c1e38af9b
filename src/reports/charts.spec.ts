import { chartSvg } from './charts.js';

describe('charts drawn on the server', () => {
  it('draws a bar chart as an SVG image with its title, suppressed counts as labels only', async () => {
    const svg = await chartSvg({
      id: 'funnel-mgk',
      title: 'Tragt for MGK <2031>',
      kind: 'bars',
      valueTitle: 'Ansøgninger',
      data: [
        { category: 'Ansøgt', series: 'I alt', value: 40, label: '40' },
        { category: 'Optaget', series: 'I alt', value: 0, label: '<5' },
      ],
    });
    expect(svg).toMatch(/^<svg role="img" aria-labelledby="funnel-mgk-title"/);
    expect(svg).toContain('<title id="funnel-mgk-title">Tragt for MGK &lt;2031&gt;</title>');
    expect(svg).toContain('Ansøgt');
    expect(svg).toContain('&lt;5');
    expect(svg).not.toContain('<script');
  });

  it('draws a line chart over the years', async () => {
    const svg = await chartSvg({
      id: 'years',
      title: 'År for år',
      kind: 'lines',
      valueTitle: 'Ansøgninger',
      data: [2029, 2030, 2031].flatMap((y, i) => [
        { category: String(y), series: 'Ansøgt', value: 30 + i, label: String(30 + i) },
        { category: String(y), series: 'Optaget', value: 10 + i, label: String(10 + i) },
      ]),
    });
    expect(svg).toContain('2030');
    expect(svg).toContain('<path');
  });
});

describe('the chart as one image', () => {
  it('keeps no role or ARIA of Vega’s groups and marks, only the image’s own', async () => {
    const svg = await chartSvg({
      id: 'x',
      title: 'X',
      kind: 'bars',
      valueTitle: 'Antal',
      data: [{ category: 'A', series: 'B', value: 3, label: '3' }],
    });
    expect(svg.match(/role="/g)).toEqual(['role="']);
    expect(svg.match(/aria-[a-z]+="/g)).toEqual(['aria-labelledby="']);
  });
});
