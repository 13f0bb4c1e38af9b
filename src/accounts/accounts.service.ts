import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull, LessThan, MoreThan, Not, Repository } from 'typeorm';
import type { AuthUser } from '../common/auth.js';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode, invalid, isUniqueViolation, notFound } from '../common/errors.js';
import { Links } from '../common/links.js';
import { PRIVACY_NOTICE_VERSION } from '../common/privacy-notice.js';
import { ageOn, copenhagenDate, isCalendarDate, toCopenhagenIso } from '../common/time.js';
import type { Env } from '../config/env.js';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { NotificationsService, type Recipient } from '../notifications/notifications.service.js';
import { TOKEN_ALGORITHM, type AccessTokenClaims } from './access-token.js';
import type {
  AcceptInvitationDto,
  ChangePasswordDto,
  CreateUserDto,
  LoginDto,
  RegisterDto,
  ResetPasswordDto,
  InvitationState,
  UpdateMeDto,
  UpdateUserDto,
  UserQuery,
} from './dto/accounts.dto.js';
import { INVITABLE_ROLES } from './dto/accounts.dto.js';
import { containsPattern, invitationState } from './invitation-state.js';
import type { Page } from '../common/pagination.js';
import { AccountToken, type TokenPurpose } from './account-token.entity.js';
import { SessionsService } from './sessions.service.js';
import { UserLiveness } from './user-liveness.js';
import { Consent } from './consent.entity.js';
import { Invitation } from './invitation.entity.js';
import { WebSession } from './web-session.entity.js';
import { newToken, sha256 } from './tokens.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import { User, type Role } from './user.entity.js';
import { mapUser, type UserView } from './accounts.mapper.js';
import { erasePersonalRows, exportPersonalRows, type DataSubject } from '../common/personal-data.js';
import { ACCOUNTS_PERSONAL_DATA } from './personal-data.js';

export const ADULT_AGE = 18;
/** A password-reset link works once, for an hour. */
export const RESET_TTL_MS = 3600_000;
/** The verification link of the welcome e-mail works for a week (a new one can be asked for any time). */
export const VERIFY_TTL_MS = 7 * 24 * 3600_000;
/** At most this many live reset links per account, whoever asks (the endpoint is also throttled per client). */
const RESETS_PER_HOUR = 3;

/** What GET /api/me answers: the person and whether their address is verified. */
export type MeView = UserView & { emailVerified: boolean };

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: UserView;
}

/** A juror, teacher or staff member as staff's list shows them: the account and where their invitation stands. */
export type StaffUserView = UserView & { invitation: InvitationState; invitationExpiresAt?: string };

export interface InvitationIssued {
  user: UserView;
  token: string;
  link: string;
  expiresAt: Date;
}

const WRONG_CREDENTIALS = 'E-mail or password is wrong';

@Injectable()
export class AccountsService {
  private dummyHash?: Promise<string>;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<Env, true>,
    private readonly clock: Clock,
    private readonly links: Links,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly liveness: UserLiveness,
    private readonly sessions: SessionsService,
  ) {}

  /**
   * Who a token (or a page session) stands for, if they still may act: the user exists, is active and has this
   * role (and, given a token version, it is still the user's). Null otherwise. No database round trip in the
   * common case (see UserLiveness: a few seconds' cache per process, invalidated across processes on changes).
   */
  activeUser(sub: string, role: Role, tokenVersion?: number): Promise<AuthUser | null> {
    return this.liveness.check(sub, role, tokenVersion);
  }

  /**
   * Staff deactivate or reactivate an account, or change a juror's, teacher's or staff member's role. Either
   * bumps the token version, so every token issued before stops working at once in every API process.
   */
  async updateUser(actor: AuthUser, userId: string, dto: UpdateUserDto): Promise<UserView> {
    const updated = await this.dataSource.transaction(async (tx) => {
      const user = await tx.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('user', userId);
      const role = dto.role ?? user.role;
      const active = dto.active ?? user.active;
      if (role === user.role && active === user.active) return { user, changed: false };
      if (role !== user.role && user.role === 'applicant') {
        throw new DomainError(
          ErrorCode.InvalidState,
          "An applicant's role does not change; invite the person as a juror, teacher or staff member with another e-mail",
        );
      }
      if (user.id === actor.id) {
        throw new DomainError(
          ErrorCode.InvalidState,
          'You cannot deactivate your own account or change your own role; ask another staff member',
        );
      }
      await tx.update(User, { id: user.id }, { role, active, tokenVersion: () => 'token_version + 1' });
      // Signed in on a page with the old role or as a deactivated person: those sessions end too.
      await this.sessions.endAllOf(user.id, { em: tx });
      await this.audit.record(tx, {
        actor,
        action: 'user.updated',
        entity: 'user',
        entityId: user.id,
        before: { role: user.role, active: user.active },
        after: { role, active },
      });
      return { user: Object.assign(user, { role, active }), changed: true };
    });
    if (updated.changed) await this.liveness.changed(userId);
    return mapUser(updated.user);
  }

  /**
   * Jurors, teachers and staff (never applicants, never anonymised people) for staff's list: by role, active or
   * not, part of the name or e-mail; by name. Each with where their invitation stands (invite again when expired).
   */
  async listUsers(query: UserQuery): Promise<Page<StaffUserView>> {
    const where = ['u.role = ANY($1::varchar[])', 'u.erased_at IS NULL'];
    const params: unknown[] = [query.role ? [query.role] : [...INVITABLE_ROLES]];
    if (query.active) {
      params.push(query.active === 'true');
      where.push(`u.active = $${params.length}`);
    }
    if (query.q) {
      params.push(containsPattern(query.q));
      where.push(`(u.name ILIKE $${params.length} OR u.email ILIKE $${params.length})`);
    }
    params.push(query.limit, query.offset);
    const rows = (await this.dataSource.query(
      `SELECT u.id, u.email, u.name, u.role, u.locale, u.active, u.phone, (u.password_hash IS NOT NULL) AS password_set,
              (SELECT max(i.expires_at) FROM invitations i WHERE i.user_id = u.id AND i.accepted_at IS NULL)
                AS link_expires_at,
              count(*) OVER () AS total
         FROM users u
        WHERE ${where.join(' AND ')}
        ORDER BY lower(u.name), u.id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )) as Array<Record<string, unknown>>;
    const total = rows.length
      ? Number(rows[0].total)
      : query.offset > 0
        ? await this.countUsers(where, params.slice(0, -2))
        : 0;
    const now = this.clock.now();
    return {
      items: rows.map((row) => {
        const user = this.users.create({
          id: row.id as string,
          email: row.email as string,
          name: row.name as string,
          role: row.role as Role,
          locale: row.locale as User['locale'],
          active: row.active as boolean,
          phone: row.phone as string | null,
        });
        const expiresAt = (row.link_expires_at as Date | null) ?? null;
        const state = invitationState(row.password_set as boolean, expiresAt, now);
        return {
          ...mapUser(user),
          invitation: state,
          ...(state !== 'accepted' && expiresAt ? { invitationExpiresAt: toCopenhagenIso(expiresAt) } : {}),
        };
      }),
      total,
    };
  }

  private async countUsers(where: string[], params: unknown[]): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM users u WHERE ${where.join(' AND ')}`,
      params,
    )) as Array<{ n: number }>;
    return row.n;
  }

  /**
   * Staff invite a juror, teacher or staff member again (the link expired, or the e-mail went astray): a new link
   * is e-mailed and every older unused one stops working. Refused once the person has set a password (they sign
   * in, or use "forgot password") and while the account is deactivated. Audited.
   */
  async reinvite(actor: AuthUser, userId: string): Promise<InvitationIssued> {
    return this.dataSource.transaction(async (tx) => {
      const user = await tx
        .createQueryBuilder(User, 'u')
        .addSelect('u.passwordHash')
        .setLock('pessimistic_write')
        .where('u.id = :id', { id: userId })
        .getOne();
      if (!user || user.erasedAt || user.role === 'applicant') throw notFound('user', userId);
      if (user.passwordHash) {
        throw new DomainError(
          ErrorCode.InvalidState,
          'This person has already accepted the invitation and signs in; if they forgot the password, they can ask for a new one at sign-in',
          [{ field: 'userId', reason: 'accepted' }],
        );
      }
      if (!user.active) {
        throw new DomainError(
          ErrorCode.InvalidState,
          'This account has been deactivated; reactivate it before inviting again',
          [{ field: 'userId', reason: 'deactivated' }],
        );
      }
      const now = this.clock.now();
      await tx.update(
        Invitation,
        { userId, acceptedAt: IsNull(), expiresAt: MoreThan(now) },
        { expiresAt: now },
      );
      const issued = await this.issueInvitation(tx, user);
      await this.audit.record(tx, {
        actor,
        action: 'user.reinvited',
        entity: 'user',
        entityId: user.id,
        after: { role: user.role, expiresAt: toCopenhagenIso(issued.expiresAt) },
      });
      await this.notifications.enqueue(tx, {
        type: 'invitation',
        to: await this.contactOf(user.id, tx),
        data: { role: user.role, link: issued.link, expiresAt: issued.expiresAt.toISOString() },
      });
      return issued;
    });
  }

  /** This room's rows about a person, per table, for an export (what and how: ./personal-data.ts). */
  exportPersonalData(em: EntityManager, subject: DataSubject) {
    return exportPersonalRows(em, ACCOUNTS_PERSONAL_DATA, subject);
  }

  /** Anonymises or deletes this room's rows about a person in the caller's transaction (./personal-data.ts). */
  async erasePersonalData(em: EntityManager, subject: DataSubject) {
    return erasePersonalRows(em, ACCOUNTS_PERSONAL_DATA, subject);
  }

  async register(dto: RegisterDto): Promise<UserView> {
    const today = copenhagenDate(this.clock.now());
    if (!isCalendarDate(dto.birthDate) || dto.birthDate >= today) {
      throw invalid('birthDate', 'birthDate must be a real date in the past, like 2010-05-17');
    }
    if (ageOn(dto.birthDate, today) > 120) throw invalid('birthDate', 'birthDate is too far in the past');
    const minor = ageOn(dto.birthDate, today) < ADULT_AGE;
    if (minor && !dto.guardian) {
      throw invalid('guardian', 'guardian (name and e-mail) is required for applicants under 18');
    }
    if (dto.guardian && dto.guardian.email.toLowerCase() === dto.email.toLowerCase()) {
      throw invalid(
        'guardian.email',
        "guardian.email must be the guardian's own address, not the applicant's",
      );
    }
    const problem = passwordProblem(dto.password, dto.email);
    if (problem) throw invalid('password', problem);
    if (dto.privacyNoticeVersion !== undefined && dto.privacyNoticeVersion !== PRIVACY_NOTICE_VERSION) {
      throw new DomainError(
        ErrorCode.InvalidState,
        `The privacy notice has changed (now version ${PRIVACY_NOTICE_VERSION}); read it again and register`,
        [{ field: 'privacyNoticeVersion', messages: [`must be ${PRIVACY_NOTICE_VERSION}`] }],
      );
    }

    const user = this.users.create({
      email: dto.email,
      name: dto.name,
      role: 'applicant',
      birthDate: dto.birthDate,
      locale: dto.locale ?? 'da',
      guardianName: dto.guardian?.name ?? null,
      guardianEmail: dto.guardian?.email ?? null,
      guardianPhone: dto.guardian?.phone ?? null,
      passwordHash: await this.hash(dto.password),
    });
    await this.dataSource.transaction(async (tx) => {
      await this.insertUnique(tx, user);
      // What the applicant, and a minor's guardian beside them, were told: the notice's version and when.
      const at = this.clock.now();
      await tx.insert(Consent, [
        { userId: user.id, kind: 'privacy-notice', version: PRIVACY_NOTICE_VERSION, at },
        ...(minor && user.guardianEmail
          ? [{ userId: user.id, kind: 'guardian-notice' as const, version: PRIVACY_NOTICE_VERSION, at }]
          : []),
      ]);
      // The welcome (a minor's guardian gets a copy naming the applicant) and, to the applicant alone, the link
      // that verifies the address: a guardian's click must not stand for the applicant's.
      const contact = this.recipientOf(user);
      await this.notifications.enqueue(tx, {
        type: 'welcome',
        to: contact,
        data: { link: this.links.home() },
      });
      await this.sendVerification(user.id, tx, contact);
    });
    return mapUser(user);
  }

  /** A new link to verify the address, e-mailed to the person (not their guardian). Returns the token. */
  async sendVerification(
    userId: string,
    em?: EntityManager,
    known?: Recipient,
  ): Promise<{ token: string; expiresAt: Date }> {
    const run = async (tx: EntityManager) => {
      const { guardian: _guardian, ...contact } = known ?? (await this.contactOf(userId, tx));
      const issued = await this.issueToken(tx, userId, 'verify-email', VERIFY_TTL_MS);
      await this.notifications.enqueue(tx, {
        type: 'verify_email',
        to: contact,
        data: { link: this.links.verifyEmail(issued.token), expiresAt: issued.expiresAt.toISOString() },
      });
      return issued;
    };
    return em ? run(em) : this.dataSource.transaction(run);
  }

  /** Send the verification link again: only while the address is not verified yet. */
  async resendVerification(userId: string): Promise<void> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw notFound('user', userId);
    if (user.emailVerifiedAt) {
      throw new DomainError(ErrorCode.InvalidState, 'Your e-mail address is already verified');
    }
    await this.sendVerification(userId);
  }

  async verifyEmail(token: string): Promise<MeView> {
    const user = await this.dataSource.transaction(async (tx) => {
      const link = await this.useToken(tx, token, 'verify-email');
      await tx.update(
        User,
        { id: link.userId, emailVerifiedAt: IsNull() },
        { emailVerifiedAt: this.clock.now() },
      );
      return tx.findOneByOrFail(User, { id: link.userId });
    });
    return { ...mapUser(user), emailVerified: true };
  }

  async emailVerified(userId: string): Promise<boolean> {
    const user = await this.users.findOne({
      select: { id: true, emailVerifiedAt: true },
      where: { id: userId },
    });
    return !!user?.emailVerifiedAt;
  }

  async updateMe(userId: string, dto: UpdateMeDto): Promise<MeView> {
    return this.dataSource.transaction(async (tx) => {
      const user = await tx.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user)
        throw new DomainError(ErrorCode.Unauthenticated, 'This account no longer exists; sign in again');
      if (dto.guardian && dto.guardian.email.toLowerCase() === user.email.toLowerCase()) {
        throw invalid(
          'guardian.email',
          "guardian.email must be the guardian's own address, not the applicant's",
        );
      }
      if (dto.name !== undefined) user.name = dto.name;
      if (dto.phone !== undefined) user.phone = dto.phone === '' ? null : dto.phone;
      if (dto.locale !== undefined) user.locale = dto.locale;
      if (dto.guardian) {
        user.guardianName = dto.guardian.name;
        user.guardianEmail = dto.guardian.email;
        user.guardianPhone = dto.guardian.phone ?? null;
      }
      await tx.save(User, user);
      return { ...mapUser(user), emailVerified: !!user.emailVerifiedAt };
    });
  }

  /**
   * A new password, given the current one. Every other browser session of the person ends (`keepSessionId`:
   * the one that asked, on a page).
   */
  async changePassword(userId: string, dto: ChangePasswordDto, keepSessionId?: string): Promise<void> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: userId })
      .getOne();
    if (!user?.passwordHash || !(await verifyPassword(dto.currentPassword, user.passwordHash))) {
      throw invalid('currentPassword', 'currentPassword is wrong');
    }
    const problem = passwordProblem(dto.password, user.email);
    if (problem) throw invalid('password', problem);
    const passwordHash = await this.hash(dto.password);
    await this.dataSource.transaction(async (tx) => {
      await tx.update(User, { id: userId }, { passwordHash });
      await this.sessions.endAllOf(userId, { keep: keepSessionId, em: tx });
    });
  }

  /**
   * Forgotten password: e-mails a single-use link valid for an hour, if the address has an account. The caller
   * answers the same either way, so nobody learns who has an account.
   */
  async forgotPassword(email: string): Promise<void> {
    const user = await this.users
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    if (!user) return;
    await this.dataSource.transaction(async (tx) => {
      const live = await tx.count(AccountToken, {
        where: {
          userId: user.id,
          purpose: 'reset-password',
          usedAt: IsNull(),
          expiresAt: MoreThan(this.clock.now()),
        },
      });
      if (live >= RESETS_PER_HOUR) return;
      const { guardian: _guardian, ...contact } = await this.contactOf(user.id, tx);
      const issued = await this.issueToken(tx, user.id, 'reset-password', RESET_TTL_MS);
      await this.notifications.enqueue(tx, {
        type: 'password_reset',
        to: contact,
        data: { link: this.links.resetPassword(issued.token), expiresAt: issued.expiresAt.toISOString() },
      });
    });
  }

  /** Sets a new password from a reset link: the link is used up, and every session of the person ends. */
  async resetPassword(dto: ResetPasswordDto): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const link = await this.useToken(tx, dto.token, 'reset-password');
      const user = await tx.findOneByOrFail(User, { id: link.userId });
      const problem = passwordProblem(dto.password, user.email);
      if (problem) throw invalid('password', problem);
      const now = this.clock.now();
      // The link came to the address, so the address is verified too.
      await tx.update(
        User,
        { id: user.id },
        { passwordHash: await this.hash(dto.password), emailVerifiedAt: user.emailVerifiedAt ?? now },
      );
      await tx.update(
        AccountToken,
        { userId: user.id, purpose: 'reset-password', usedAt: IsNull() },
        { usedAt: now },
      );
      await this.sessions.endAllOf(user.id, { em: tx });
    });
  }

  async login(dto: LoginDto): Promise<LoginResult> {
    return this.issueAccessToken(await this.checkCredentials(dto));
  }

  /** The person these credentials belong to (signing in on a page); wrong e-mail or password: 401. */
  async authenticate(dto: LoginDto): Promise<UserView> {
    return mapUser(await this.checkCredentials(dto));
  }

  /** A wrong e-mail and a wrong password take the same time and get the same answer. */
  private async checkCredentials(dto: LoginDto): Promise<User> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email: dto.email })
      .getOne();
    // Unknown e-mail and wrong password take the same time and give the same answer.
    const valid = await verifyPassword(dto.password, user?.passwordHash ?? (await this.dummy()));
    if (!user?.passwordHash || !valid) throw new DomainError(ErrorCode.Unauthenticated, WRONG_CREDENTIALS);
    if (!user.active) {
      throw new DomainError(
        ErrorCode.Unauthenticated,
        'This account has been deactivated; ask the academy if you think it should not be',
      );
    }
    return user;
  }

  async me(userId: string): Promise<MeView> {
    const user = await this.users.findOneBy({ id: userId });
    // An anonymised person's token may live a few minutes more; their account is gone all the same.
    if (!user || user.erasedAt)
      throw new DomainError(ErrorCode.Unauthenticated, 'This account no longer exists; sign in again');
    return { ...mapUser(user), emailVerified: !!user.emailVerifiedAt };
  }

  /** Staff add a juror, teacher or colleague; the person sets their own password from the invitation. */
  async invite(actor: Actor, dto: CreateUserDto, em?: EntityManager): Promise<InvitationIssued> {
    const run = async (tx: EntityManager) => {
      const user = tx.create(User, {
        email: dto.email,
        name: dto.name,
        role: dto.role,
        locale: dto.locale ?? 'da',
      });
      await this.insertUnique(tx, user);
      const issued = await this.issueInvitation(tx, user);
      await this.audit.record(tx, {
        actor,
        action: 'user.invited',
        entity: 'user',
        entityId: user.id,
        after: { email: user.email, role: user.role },
      });
      await this.notifications.enqueue(tx, {
        type: 'invitation',
        to: await this.contactOf(user.id, tx),
        data: { role: user.role, link: issued.link, expiresAt: issued.expiresAt.toISOString() },
      });
      return issued;
    };
    return em ? run(em) : this.dataSource.transaction(run);
  }

  async acceptInvitation(dto: AcceptInvitationDto): Promise<LoginResult> {
    const user = await this.dataSource.transaction(async (tx) => {
      const invitation = await tx.findOne(Invitation, {
        where: { tokenHash: sha256(dto.token) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation) {
        throw invalid('token', 'This invitation link is not valid; ask the academy for a new one');
      }
      if (invitation.acceptedAt) {
        throw new DomainError(
          ErrorCode.InvalidState,
          'This invitation has already been used; sign in instead',
        );
      }
      if (invitation.expiresAt <= this.clock.now()) {
        throw new DomainError(
          ErrorCode.DeadlinePassed,
          'This invitation has expired; ask the academy for a new one',
        );
      }
      const invited = await tx.findOneByOrFail(User, { id: invitation.userId });
      if (!invited.active) {
        throw new DomainError(ErrorCode.InvalidState, 'This account has been deactivated; ask the academy');
      }
      const problem = passwordProblem(dto.password, invited.email);
      if (problem) throw invalid('password', problem);
      invitation.acceptedAt = this.clock.now();
      await tx.save(invitation);
      // The invitation came to the address: it is verified.
      await tx.update(
        User,
        { id: invited.id },
        { passwordHash: await this.hash(dto.password), emailVerifiedAt: this.clock.now() },
      );
      return invited;
    });
    return this.issueAccessToken(user);
  }

  /**
   * A fresh invitation link for a resend of the invitation e-mail (the sent one's token is no longer stored):
   * 409 once the person has set their password, since then they simply sign in.
   */
  async reissueInvitation(tx: EntityManager, userId: string): Promise<Record<string, unknown>> {
    const user = await tx.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw notFound('user', userId);
    const accepted = await tx.exists(Invitation, { where: { userId, acceptedAt: Not(IsNull()) } });
    if (accepted || !user.active) {
      throw new DomainError(
        ErrorCode.InvalidState,
        accepted
          ? 'This person has already accepted the invitation and signs in; nothing to resend'
          : 'This account has been deactivated; reactivate it before inviting again',
      );
    }
    const issued = await this.issueInvitation(tx, user);
    return { link: issued.link, expiresAt: issued.expiresAt.toISOString() };
  }

  /** The first staff account (CLI): with a password it is set at once, otherwise an invitation link is made. */
  async createStaff(
    email: string,
    name: string,
    password?: string,
  ): Promise<{ user: UserView; link?: string }> {
    if (password !== undefined) {
      const problem = passwordProblem(password, email);
      if (problem) throw invalid('password', problem);
      const user = this.users.create({
        email,
        name,
        role: 'staff',
        locale: 'da',
        passwordHash: await this.hash(password),
        // Made by whoever runs the server, who vouches for the address.
        emailVerifiedAt: this.clock.now(),
      });
      await this.dataSource.transaction(async (tx) => {
        await this.insertUnique(tx, user);
        await this.audit.record(tx, {
          actor: null,
          action: 'user.created',
          entity: 'user',
          entityId: user.id,
          after: { email, role: 'staff' },
        });
      });
      return { user: mapUser(user) };
    }
    const issued = await this.invite(null, { email, name, role: 'staff' });
    return { user: issued.user, link: issued.link };
  }

  /**
   * Where a message to this person goes (accounts owns people's contact details): their address, name and
   * language, and their guardian while a minor. `em`: read inside the caller's transaction (e.g. a user created
   * in it and not yet committed).
   */
  async contactOf(userId: string, em?: EntityManager): Promise<Recipient> {
    const contact = (await this.contactsOf([userId], em)).get(userId);
    if (!contact) throw notFound('user', userId);
    return contact;
  }

  /** Where messages to many people go, in one query (results day, a round's invitations); unknown ids are left out. */
  async contactsOf(userIds: readonly string[], em?: EntityManager): Promise<Map<string, Recipient>> {
    if (!userIds.length) return new Map();
    const rows = (await (em ?? this.dataSource.manager).query(
      `SELECT id, email, name, locale, birth_date::text AS birth_date, guardian_name, guardian_email
         FROM users WHERE id = ANY($1::uuid[])`,
      [[...new Set(userIds)]],
    )) as Array<{
      id: string;
      email: string;
      name: string;
      locale: Recipient['locale'];
      birth_date: string | null;
      guardian_name: string | null;
      guardian_email: string | null;
    }>;
    const today = copenhagenDate(this.clock.now());
    return new Map(
      rows.map((row) => [
        row.id,
        this.recipientOf(
          {
            id: row.id,
            email: row.email,
            name: row.name,
            locale: row.locale,
            birthDate: row.birth_date,
            guardianName: row.guardian_name,
            guardianEmail: row.guardian_email,
          },
          today,
        ),
      ]),
    );
  }

  /** Where a person's messages go (and a minor's guardian's copy): for a row read above or a user already in hand. */
  private recipientOf(
    user: Pick<User, 'id' | 'email' | 'name' | 'locale' | 'birthDate' | 'guardianName' | 'guardianEmail'>,
    today = copenhagenDate(this.clock.now()),
  ): Recipient {
    const minor = user.birthDate ? ageOn(user.birthDate, today) < ADULT_AGE : false;
    return {
      userId: user.id,
      email: user.email,
      name: user.name,
      locale: user.locale,
      ...(minor && user.guardianEmail
        ? { guardian: { name: user.guardianName ?? '', email: user.guardianEmail } }
        : {}),
    };
  }

  /**
   * Locks the person's row for their erasure; null when there is no such person or they were anonymised already
   * (so two workers, or staff and the retention sweep, erase a person once).
   */
  async lockForErasure(em: EntityManager, userId: string): Promise<UserView | null> {
    const user = await em.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
    return user && !user.erasedAt ? mapUser(user) : null;
  }

  /** Those of `ids` whose data was not anonymised yet. */
  async notErasedAmong(ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await this.users.find({ select: { id: true }, where: { id: In(ids), erasedAt: IsNull() } });
    return rows.map((u) => u.id);
  }

  /** Retention: invitation, verification and reset links and page sessions past their expiry are deleted. */
  async purgeExpiredTokens(now: Date): Promise<number> {
    let purged = 0;
    for (const entity of [Invitation, AccountToken, WebSession]) {
      purged +=
        (await this.dataSource.getRepository(entity).delete({ expiresAt: LessThan(now) })).affected ?? 0;
    }
    return purged;
  }

  /** Names of many people at once, for lists and timetables. */
  /** Birth dates by user id, for the yearly figures' age on the reference date (null when not given). */
  async birthDatesOf(ids: string[]): Promise<Map<string, string | null>> {
    if (!ids.length) return new Map();
    const rows = await this.users.find({ select: { id: true, birthDate: true }, where: { id: In(ids) } });
    return new Map(rows.map((u) => [u.id, u.birthDate]));
  }

  async namesOf(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = (await this.dataSource.query('SELECT id, name FROM users WHERE id = ANY($1::uuid[])', [
      [...new Set(ids)],
    ])) as Array<{ id: string; name: string }>;
    return new Map(rows.map((u) => [u.id, u.name]));
  }

  /** Name and e-mail of many people at once, for staff lists (no guardian copies: that is recipientOf's job). */
  async peopleOf(ids: string[]): Promise<Map<string, { name: string; email: string }>> {
    if (!ids.length) return new Map();
    const rows = (await this.dataSource.query(
      'SELECT id, name, email FROM users WHERE id = ANY($1::uuid[])',
      [[...new Set(ids)]],
    )) as Array<{ id: string; name: string; email: string }>;
    return new Map(rows.map((u) => [u.id, { name: u.name, email: u.email }]));
  }

  /** Ids of the people with this role whose name or e-mail contains `q` (case-insensitive), for staff searches. */
  async idsMatching(q: string, role: Role): Promise<string[]> {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = (await this.dataSource.query(
      'SELECT id FROM users WHERE role = $1 AND (name ILIKE $2 OR email ILIKE $2)',
      [role, pattern],
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  /** Everyone with this role, e.g. every staff member for a digest. */
  async idsWithRole(role: Role): Promise<string[]> {
    return (await this.users.find({ select: { id: true }, where: { role } })).map((u) => u.id);
  }

  /** The users among `ids` that have one of these roles. */
  async withRole(ids: string[], roles: Role[]): Promise<UserView[]> {
    if (!ids.length) return [];
    return (await this.users.findBy({ id: In(ids), role: In(roles) })).map(mapUser);
  }

  async findUser(userId: string): Promise<UserView | null> {
    const user = await this.users.findOneBy({ id: userId });
    return user ? mapUser(user) : null;
  }

  private async issueInvitation(tx: EntityManager, user: User): Promise<InvitationIssued> {
    const token = newToken();
    const expiresAt = new Date(
      this.clock.now().getTime() + this.config.get('INVITATION_TTL_HOURS') * 3600_000,
    );
    await tx.insert(Invitation, { userId: user.id, tokenHash: sha256(token), expiresAt, acceptedAt: null });
    const link = this.links.acceptInvitation(token);
    return { user: mapUser(user), token, link, expiresAt };
  }

  private async issueToken(
    tx: EntityManager,
    userId: string,
    purpose: TokenPurpose,
    ttlMs: number,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken();
    const expiresAt = new Date(this.clock.now().getTime() + ttlMs);
    await tx.insert(AccountToken, { userId, purpose, tokenHash: sha256(token), expiresAt, usedAt: null });
    return { token, expiresAt };
  }

  /** Whether an e-mailed link still works, without using it (a page says at once that it has expired). */
  async linkState(token: string, purpose: TokenPurpose): Promise<'valid' | 'invalid' | 'used' | 'expired'> {
    const link = await this.dataSource
      .getRepository(AccountToken)
      .findOneBy({ tokenHash: sha256(token), purpose });
    if (!link) return 'invalid';
    if (link.usedAt) return 'used';
    return link.expiresAt <= this.clock.now() ? 'expired' : 'valid';
  }

  /** The live link a token names, marked used; a wrong, used or expired one is refused saying which. */
  private async useToken(tx: EntityManager, token: string, purpose: TokenPurpose): Promise<AccountToken> {
    const link = await tx.findOne(AccountToken, {
      where: { tokenHash: sha256(token), purpose },
      lock: { mode: 'pessimistic_write' },
    });
    if (!link) throw invalid('token', 'This link is not valid; ask for a new one');
    if (link.usedAt) {
      throw new DomainError(ErrorCode.InvalidState, 'This link has already been used; ask for a new one', [
        { field: 'token', reason: 'used' },
      ]);
    }
    if (link.expiresAt <= this.clock.now()) {
      throw new DomainError(ErrorCode.DeadlinePassed, 'This link has expired; ask for a new one', [
        { field: 'token', reason: 'expired' },
      ]);
    }
    link.usedAt = this.clock.now();
    await tx.save(link);
    return link;
  }

  private async issueAccessToken(user: User): Promise<LoginResult> {
    const expiresIn = this.config.get('ACCESS_TOKEN_TTL_SECONDS');
    const claims: AccessTokenClaims = { sub: user.id, role: user.role, ver: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(claims, { algorithm: TOKEN_ALGORITHM, expiresIn });
    return { accessToken, tokenType: 'Bearer', expiresIn, user: mapUser(user) };
  }

  private async insertUnique(em: EntityManager, user: User): Promise<void> {
    try {
      await em.save(User, user);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(
          ErrorCode.AlreadyExists,
          `An account with the e-mail ${user.email} already exists; sign in instead`,
          [{ field: 'email', messages: ['already registered'] }],
        );
      }
      throw error;
    }
  }

  private hash(password: string): Promise<string> {
    return hashPassword(password, this.config.get('PASSWORD_COST_LOG2'));
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.hash(randomBytes(16).toString('hex'));
    return this.dummyHash;
  }
}
