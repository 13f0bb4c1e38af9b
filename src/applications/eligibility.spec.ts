import { ageEligibility } from './eligibility.js';

const bounds = { minAge: 14, maxAge: 25, ageReferenceDate: '2027-08-01' };

describe('ageEligibility', () => {
  it('is eligible from the 14th birthday on the reference date to the day before the 26th', () => {
    expect(ageEligibility('2013-08-01', bounds, 'none')).toMatchObject({ age: 14, eligible: true });
    expect(ageEligibility('2013-08-02', bounds, 'none')).toMatchObject({ age: 13, eligible: false });
    expect(ageEligibility('2001-08-02', bounds, 'none')).toMatchObject({ age: 25, eligible: true });
    expect(ageEligibility('2001-08-01', bounds, 'none')).toMatchObject({ age: 26, eligible: false });
  });

  it('outside the bounds only a granted dispensation makes the applicant eligible', () => {
    expect(ageEligibility('2014-01-01', bounds, 'requested')).toMatchObject({
      eligible: false,
      withinBounds: false,
    });
    expect(ageEligibility('2014-01-01', bounds, 'refused').message).toMatch(/refused/);
    expect(ageEligibility('2014-01-01', bounds, 'granted')).toMatchObject({
      eligible: true,
      withinBounds: false,
    });
  });

  it('says what to do when too young', () => {
    expect(ageEligibility('2014-01-01', bounds, 'none').message).toMatch(
      /14–25 years old on 2027-08-01; you will be 13.*dispensation/,
    );
  });
});
