import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What a person was told at registration (the privacy notice, and for a minor the guardian's copy): which version, when. */
@Entity('consents')
export class Consent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('consents_user_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 30 })
  kind: 'privacy-notice' | 'guardian-notice';

  @Column({ type: 'varchar', length: 20 })
  version: string;

  @Column({ type: 'timestamptz' })
  at: Date;
}
