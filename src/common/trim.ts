import { Transform } from 'class-transformer';

/** Strips surrounding white space from a string field before it is validated (what phones add). */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
