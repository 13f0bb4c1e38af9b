import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type AttendanceStatus = 'scheduled' | 'checked_in' | 'no_show';

/** One application in one round before one panel: in a slot, or (pre-screen) judged on its uploads. */
@Entity('auditions')
@Index(['roundId', 'applicationId'], { unique: true })
@Index(['slotId'], { unique: true, where: 'slot_id IS NOT NULL' })
@Index(['panelId'])
@Index(['applicationId'])
export class Audition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'panel_id', type: 'uuid' })
  panelId: string;

  @Column({ name: 'slot_id', type: 'uuid', nullable: true })
  slotId: string | null;

  @Column({ type: 'varchar', length: 12, default: 'scheduled' })
  attendance: AttendanceStatus;

  @Column({ name: 'attendance_at', type: 'timestamptz', nullable: true })
  attendanceAt: Date | null;

  /** Set when staff advance the applicant to the next round. */
  @Column({ name: 'advanced_at', type: 'timestamptz', nullable: true })
  advancedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
