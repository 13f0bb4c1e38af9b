import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A supervisor's note on how the project is going. */
@Entity('project_check_ins')
@Index(['projectId', 'at'])
export class CheckIn {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @Column({ name: 'supervisor_id', type: 'uuid' })
  supervisorId: string;

  @Column({ type: 'text' })
  note: string;

  @Column({ name: 'on_track' })
  onTrack: boolean;

  /** By the academy's clock. */
  @Column({ type: 'timestamptz' })
  at: Date;
}
