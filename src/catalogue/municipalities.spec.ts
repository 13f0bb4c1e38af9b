import { MUNICIPALITIES, REGIONS, municipalityByCode } from './municipalities.js';

describe('the Danish municipalities', () => {
  it('are the 98 municipalities with unique three-digit codes, each in one of the five regions', () => {
    expect(MUNICIPALITIES).toHaveLength(98);
    expect(new Set(MUNICIPALITIES.map((m) => m.code)).size).toBe(98);
    expect(new Set(MUNICIPALITIES.map((m) => m.name)).size).toBe(98);
    for (const m of MUNICIPALITIES) expect(m.code).toMatch(/^\d{3}$/);
    const perRegion = Object.fromEntries(
      REGIONS.map((r) => [r, MUNICIPALITIES.filter((m) => m.region === r).length]),
    );
    expect(perRegion).toEqual({
      'Region Nordjylland': 11,
      'Region Midtjylland': 19,
      'Region Syddanmark': 22,
      'Region Hovedstaden': 29,
      'Region Sjælland': 17,
    });
  });

  it('finds Aalborg by its code', () => {
    expect(municipalityByCode('851')).toEqual({ code: '851', name: 'Aalborg', region: 'Region Nordjylland' });
    expect(municipalityByCode('999')).toBeUndefined();
  });
});
