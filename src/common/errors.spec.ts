import { QueryFailedError } from 'typeorm';
import { isExclusionViolation, isUniqueViolation } from './errors.js';

const refused = (code: string, constraint?: string) =>
  new QueryFailedError('INSERT …', [], Object.assign(new Error('refused'), { code, constraint }));

describe('PostgreSQL refusals', () => {
  it('tells a unique violation (23505) from an exclusion violation (23P01)', () => {
    expect(isUniqueViolation(refused('23505'))).toBe(true);
    expect(isUniqueViolation(refused('23P01'))).toBe(false);
    expect(isExclusionViolation(refused('23P01'))).toBe(true);
    expect(isExclusionViolation(refused('23505'))).toBe(false);
  });

  it('matches a named constraint only when asked for that one', () => {
    expect(isExclusionViolation(refused('23P01', 'slots_room_no_overlap'), 'slots_room_no_overlap')).toBe(
      true,
    );
    expect(isExclusionViolation(refused('23P01', 'slots_room_no_overlap'), 'other')).toBe(false);
  });

  it('is false for anything that is not a failed query', () => {
    expect(isUniqueViolation(new Error('23505'))).toBe(false);
    expect(isExclusionViolation(undefined)).toBe(false);
  });
});
