import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { ProjectStatus } from './project-status.js';

export const PROJECT_FORMATS = ['concert', 'exhibition', 'performance', 'production'] as const;
export type ProjectFormat = (typeof PROJECT_FORMATS)[number];

export interface Assessment {
  grade: number;
  examiner: string;
  note: string | null;
  assessedAt: string;
}

/** An afgangsprojekt: the year-3 student's own project, framed by their artistic goal. One per enrolment. */
@Entity('projects')
@Index(['enrolmentId'], { unique: true })
@Index(['supervisorId'])
@Index(['studentId'])
export class Project {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId: string;

  /** The student's user account. */
  @Column({ name: 'student_id', type: 'uuid' })
  studentId: string;

  @Column({ length: 200 })
  title: string;

  /** The artistic goal. */
  @Column({ type: 'text' })
  goal: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 20 })
  format: ProjectFormat;

  @Column({ name: 'presentation_date', type: 'date' })
  presentationDate: string;

  @Column({ type: 'varchar', length: 20, default: 'proposed' })
  status: ProjectStatus;

  /** The vejleder: a teacher. */
  @Column({ name: 'supervisor_id', type: 'uuid', nullable: true })
  supervisorId: string | null;

  /** Staff's comment when sending the proposal back. */
  @Column({ name: 'return_comment', type: 'text', nullable: true })
  returnComment: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  assessment: Assessment | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
