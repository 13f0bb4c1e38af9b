import type { EntityManager } from 'typeorm';
import { Audition } from '../auditions/audition.entity.js';

/**
 * Deliberately across the wall, to show that `npm run check` catches it: jury reading the auditions room's
 * table through its entity instead of asking AuditionsService. Removed in the next commit.
 */
export function auditionRow(em: EntityManager, auditionId: string): Promise<Audition | null> {
  return em.findOneBy(Audition, { id: auditionId });
}
