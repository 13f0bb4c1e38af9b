import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export interface SubjectGrade {
  subject: string;
  grade: number;
}

/** An årsprøve after year 1 or 2: grades per subject on the 7-point scale, and the staff decision. */
@Entity('annual_exams')
@Index(['enrolmentId', 'year'], { unique: true })
export class AnnualExam {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId: string;

  @Column({ type: 'smallint' })
  year: number;

  @Column({ type: 'jsonb' })
  subjects: SubjectGrade[];

  @Column()
  passed: boolean;

  /** Copenhagen date the result was recorded. */
  @Column({ name: 'held_on', type: 'date' })
  heldOn: string;

  /** When passed: the 1 August the student moves on. */
  @Column({ name: 'advances_on', type: 'date', nullable: true })
  advancesOn: string | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
