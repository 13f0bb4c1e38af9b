import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per ISO week in which the at-risk digest was written: the claim that makes it go once. */
@Entity('at_risk_digests')
export class AtRiskDigest {
  /** e.g. 2033-W45 (Copenhagen time). */
  @PrimaryColumn({ length: 10 })
  week: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;

  @Column({ name: 'project_count', type: 'int' })
  projectCount: number;
}
