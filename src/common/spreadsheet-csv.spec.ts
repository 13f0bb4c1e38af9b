import { spreadsheetCsv } from './spreadsheet-csv.js';

interface Person {
  name: string;
  score: number | null;
}
const columns = [
  { header: 'Navn', cell: (p: Person) => p.name },
  { header: 'Point', cell: (p: Person) => p.score },
];

describe('a CSV for a Danish Excel', () => {
  it('starts with a byte order mark, separates by semicolons, ends lines with CRLF, writes decimals with a comma', () => {
    const csv = spreadsheetCsv(columns, [
      { name: 'Åse Ørsted', score: 10.5 },
      { name: 'Bo', score: null },
    ]);
    expect(csv).toBe('\uFEFFNavn;Point\r\nÅse Ørsted;10,5\r\nBo;\r\n');
  });

  it('quotes semicolons, quotes and line breaks', () => {
    const csv = spreadsheetCsv(columns, [{ name: 'Jensen; "Maja"\nB', score: -3 }]);
    expect(csv.split('\r\n')[1]).toBe('"Jensen; ""Maja""\nB";-3');
  });

  it('defuses a text cell that would start a formula, a tab or a carriage return included', () => {
    const csv = spreadsheetCsv(columns, [
      { name: '=HYPERLINK("x")', score: 1 },
      { name: '\t=1+1', score: 2 },
      { name: '@SUM(A1)', score: 3 },
    ]);
    expect(csv.split('\r\n').slice(1, 4)).toEqual(['"\'=HYPERLINK(""x"")";1', "'\t=1+1;2", "'@SUM(A1);3"]);
  });
});
