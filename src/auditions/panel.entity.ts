import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';

export const PANEL_ROLES = ['chair', 'subject_examiner', 'external_examiner'] as const;
export type PanelRole = (typeof PANEL_ROLES)[number];

/** A jury panel of one round: a chair (prøveleder), a subject examiner (fagcensor), an external examiner. */
@Entity('panels')
@Index(['roundId', 'name'], { unique: true })
export class Panel {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @Column({ length: 120 })
  name: string;

  @OneToMany(() => PanelMember, (m) => m.panel, { cascade: ['insert'] })
  members?: PanelMember[];
}

@Entity('panel_members')
@Index(['panelId', 'userId'], { unique: true })
@Index(['panelId', 'role'], { unique: true })
@Index(['userId'])
export class PanelMember {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'panel_id', type: 'uuid' })
  panelId: string;

  @ManyToOne(() => Panel, (p) => p.members, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'panel_id' })
  panel?: Panel;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 20 })
  role: PanelRole;
}
