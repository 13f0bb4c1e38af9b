import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { Quota } from './intake-rules.js';
import { Programme } from './programme.entity.js';

/** One admission year of one programme (optag): its dates, seats, quotas and age bounds. */
@Entity('intakes')
@Unique('intakes_programme_year_key', ['programmeCode', 'year'])
export class Intake {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'programme_code', length: 10 })
  programmeCode: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_code' })
  programme?: Programme;

  @Column({ type: 'int' })
  year: number;

  @Column({ name: 'opens_at', type: 'timestamptz' })
  opensAt: Date;

  @Column({ name: 'closes_at', type: 'timestamptz' })
  closesAt: Date;

  @Column({ name: 'auditions_from', type: 'timestamptz' })
  auditionsFrom: Date;

  @Column({ name: 'auditions_to', type: 'timestamptz' })
  auditionsTo: Date;

  @Column({ name: 'results_at', type: 'timestamptz' })
  resultsAt: Date;

  @Column({ name: 'offer_response_days', type: 'int' })
  offerResponseDays: number;

  /** Seats per track code; the intake's tracks are exactly these keys. */
  @Column({ type: 'jsonb' })
  seats: Record<string, number>;

  @Column({ type: 'jsonb', default: [] })
  quotas: Quota[];

  @Column({ name: 'min_age', type: 'int' })
  minAge: number;

  @Column({ name: 'max_age', type: 'int' })
  maxAge: number;

  /** The day ages are counted on (1 August of the intake year by default). */
  @Column({ name: 'age_reference_date', type: 'date' })
  ageReferenceDate: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
