import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const GENDER_ANSWERS = ['woman', 'man', 'self-described', 'prefer-not'] as const;
export type GenderAnswer = (typeof GENDER_ANSWERS)[number];
export const FEEDER_ANSWERS = ['talent-class', 'other-course', 'none', 'prefer-not'] as const;
export type FeederAnswer = (typeof FEEDER_ANSWERS)[number];
/** Said for the municipality or the school instead of an answer. */
export const PREFER_NOT = 'prefer-not';

/**
 * The applicant's voluntary background answers (issue 21), a table of their own beside the application: no view
 * of the application (the jury's dossier, staff's, the applicant's) reads it, and no rule uses it; only the
 * yearly figures count it. Every column may be empty (not answered), or 'prefer-not'.
 */
@Entity('application_backgrounds')
export class ApplicationBackground {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  gender: GenderAnswer | null;

  /** The applicant's own words when they describe their gender themselves. */
  @Column({ name: 'gender_description', type: 'varchar', length: 60, nullable: true })
  genderDescription: string | null;

  /** A three-digit kommunekode, or 'prefer-not'. */
  @Column({ name: 'municipality_code', type: 'varchar', length: 10, nullable: true })
  municipalityCode: string | null;

  /** School or education, free text, or 'prefer-not'. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  school: string | null;

  @Column({ name: 'feeder_course', type: 'varchar', length: 20, nullable: true })
  feederCourse: FeederAnswer | null;

  /** Where the talent class or other course was, free text. */
  @Column({ name: 'feeder_course_where', type: 'varchar', length: 200, nullable: true })
  feederCourseWhere: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
