import { jurorMayRead } from './access-window.js';

describe('jurorMayRead', () => {
  const published = new Date('2027-05-01T10:00:00Z');
  const at = (iso: string, withdrawn = false, resultsPublishedAt: Date | null = published) =>
    jurorMayRead({ now: new Date(iso), withdrawn, resultsPublishedAt, daysAfterResults: 30 });

  it('open while the results are not published, and for the configured days after', () => {
    expect(at('2027-03-01T10:00:00Z', false, null)).toBe(true);
    expect(at('2027-05-01T10:00:00Z')).toBe(true);
    expect(at('2027-05-31T09:59:59Z')).toBe(true);
  });

  it('closed from exactly that many days after publication', () => {
    expect(at('2027-05-31T10:00:00Z')).toBe(false);
    expect(at('2028-01-01T00:00:00Z')).toBe(false);
  });

  it('closed at once for a withdrawn application', () => {
    expect(at('2027-03-01T10:00:00Z', true, null)).toBe(false);
  });
});
