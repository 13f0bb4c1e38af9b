import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A time in a room before one panel. Two slots in one room never overlap: besides the check in the service,
 * an exclusion constraint in the migration makes the database refuse it even under concurrent writes.
 */
@Entity('slots')
@Index(['roundId', 'startsAt'])
@Index(['panelId', 'startsAt'])
export class Slot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @Column({ name: 'panel_id', type: 'uuid' })
  panelId: string;

  @Column({ length: 120 })
  venue: string;

  @Column({ length: 120 })
  room: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;
}
