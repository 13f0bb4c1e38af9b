import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import type { TrackRequirements } from './requirements.js';

export const PROGRAMME_CODES = ['MGK', 'BGK', 'TGK'] as const;

/** MGK (music), BGK (visual art), TGK (theatre): reference data loaded by a migration. */
@Entity('programmes')
export class Programme {
  @PrimaryColumn({ length: 10 })
  code: string;

  @Column({ name: 'name_da', length: 200 })
  nameDa: string;

  @Column({ name: 'name_en', length: 200 })
  nameEn: string;

  @OneToMany(() => Track, (track) => track.programme)
  tracks?: Track[];
}

/** A track (linje) of a programme, with what it requires of an application. */
@Entity('tracks')
export class Track {
  @PrimaryColumn({ name: 'programme_code', length: 10 })
  programmeCode: string;

  @PrimaryColumn({ length: 40 })
  code: string;

  @Column({ name: 'name_da', length: 200 })
  nameDa: string;

  @Column({ name: 'name_en', length: 200 })
  nameEn: string;

  /** Data read by `missingRequirements`; see requirements.ts for its shape. */
  @Column({ type: 'jsonb', default: {} })
  requirements: TrackRequirements;

  /** Display order within the programme. */
  @Column({ type: 'int', default: 0 })
  position: number;

  @ManyToOne(() => Programme, (programme) => programme.tracks, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_code' })
  programme?: Programme;
}
