import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ROLES, type Role } from '../common/auth.js';
import { LOCALES, type Locale } from '../common/locale.js';

// A user's role and language are the academy's words for everyone (common), stored here per person.
export { LOCALES, ROLES, type Locale, type Role };

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored as given (trimmed); unique case-insensitively (index users_email_lower_key on lower(email), in the migration). */
  @Column({ length: 254 })
  email: string;

  @Column({ length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  /** scrypt hash with its parameters; null until an invited person sets a password. */
  @Column({ name: 'password_hash', type: 'varchar', length: 400, nullable: true, select: false })
  passwordHash: string | null;

  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate: string | null;

  @Column({ type: 'varchar', length: 2, default: 'da' })
  locale: Locale;

  /** A minor's guardian (værge) gets a copy of every message to the applicant. */
  @Column({ name: 'guardian_name', type: 'varchar', length: 200, nullable: true })
  guardianName: string | null;

  @Column({ name: 'guardian_email', type: 'varchar', length: 254, nullable: true })
  guardianEmail: string | null;

  @Column({ name: 'guardian_phone', type: 'varchar', length: 40, nullable: true })
  guardianPhone: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  /** When the person proved the address (the link in the welcome e-mail, a password reset, an invitation). */
  @Column({ name: 'email_verified_at', type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null;

  /** A deactivated account can neither sign in nor use a token it already has. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Carried by every access token (`ver`); bumped on deactivation or a role change, so older tokens stop working. */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion: number;

  /** Set when the person's data was anonymised (erasure or the end of retention): they can no longer sign in. */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
