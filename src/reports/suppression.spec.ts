import { rate, shown, suppress } from './suppression.js';

describe('small-number suppression', () => {
  it('hides counts of 1 to 4, shows 0 and 5 and up', () => {
    expect(suppress({ rows: [[0, 1, 4, 5, 37]], total: [0, 1, 4, 5, 37] })).toEqual({
      rows: [[0, '<5', '<5', 5, 37]],
      total: [0, '<5', '<5', 5, 37],
    });
    expect([0, 1, 4, 5].map(shown)).toEqual([0, '<5', '<5', 5]);
  });

  it('hides a second row when one hidden row could be worked out from the total', () => {
    // 12 = 3 + 9: with the total shown, 9 would give the 3 away, so 9 is hidden too.
    expect(suppress({ rows: [[3], [9]], total: [12] })).toEqual({ rows: [['<5'], ['<5']], total: [12] });
  });

  it('picks the smallest other non-zero row, never a zero', () => {
    const out = suppress({ rows: [[2], [0], [20], [7], [30]], total: [59] });
    expect(out.rows.map((r) => r[0])).toEqual(['<5', 0, 20, '<5', 30]);
    expect(out.total).toEqual([59]);
  });

  it('leaves the column alone when two or more rows are already hidden', () => {
    const out = suppress({ rows: [[2], [3], [10]], total: [15] });
    expect(out.rows.map((r) => r[0])).toEqual(['<5', '<5', 10]);
  });

  it('needs nothing more when the total itself is hidden', () => {
    const out = suppress({ rows: [[2], [0], [1]], total: [3] });
    expect(out).toEqual({ rows: [['<5'], [0], ['<5']], total: ['<5'] });
  });

  it('works column by column', () => {
    const out = suppress({
      rows: [
        [20, 6, 4],
        [10, 8, 6],
      ],
      total: [30, 14, 10],
    });
    expect(out.rows).toEqual([
      [20, 6, '<5'],
      [10, 8, '<5'],
    ]);
    expect(out.total).toEqual([30, 14, 10]);
  });

  it('never leaves a column where the total minus the shown rows is one hidden count (property)', () => {
    for (let seed = 1; seed < 500; seed++) {
      let x = seed;
      const next = () => ((x = (x * 1103515245 + 12345) % 2147483648), x % 9);
      const rows = Array.from({ length: 1 + (seed % 6) }, () => [next()]);
      const total = [rows.reduce((sum, r) => sum + r[0], 0)];
      const out = suppress({ rows, total });
      const hidden = out.rows.filter((r) => r[0] === '<5').length;
      if (out.total[0] !== '<5') expect(hidden === 0 || hidden >= 2).toBe(true);
      out.rows.forEach((r, i) => {
        if (rows[i][0] > 0 && rows[i][0] < 5) expect(r[0]).toBe('<5');
        if (r[0] !== '<5') expect(r[0]).toBe(rows[i][0]);
      });
    }
  });

  it('gives a rate only of shown counts', () => {
    expect(rate(6, 8)).toBe(75);
    expect(rate('<5', 20)).toBeNull();
    expect(rate(5, '<5')).toBeNull();
    expect(rate(0, 0)).toBeNull();
    expect(rate(7, 9)).toBe(77.8);
  });
});
