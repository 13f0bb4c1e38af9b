import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import type { AuthUser } from '../common/auth.js';
import { policy } from '../common/policy.js';
import { ApplicationsService } from '../applications/applications.service.js';
import { AuditService } from '../audit/audit.service.js';
import { AuditionsService, type AuditionInfo, type PanelSeat } from '../auditions/auditions.service.js';
import { CatalogueService, type RubricInfo } from '../catalogue/catalogue.service.js';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode, invalid, isUniqueViolation, notFound } from '../common/errors.js';
import { toCopenhagenIso } from '../common/time.js';
import type { Env } from '../config/env.js';
import { AuditionResult } from './audition-result.entity.js';
import { Conflict } from './conflict.entity.js';
import type { ConflictDto, ResultDto, ScoreCorrectionDto, ScoreDto } from './dto/jury.dto.js';
import {
  rankRound,
  weightedScore,
  type AuditionForRanking,
  type JurorScoreInput,
  type RankingMethod,
  type RoundRanking,
} from './ranking.js';
import { mapConflict, mapResult, mapScore } from './jury.mapper.js';
import { Score } from './score.entity.js';
import { assertScoreFits, panelStrength, scoreProblems } from './scoring.js';
import { jurorMayRead } from './access-window.js';
import { erasePersonalRows, exportPersonalRows, type DataSubject } from '../common/personal-data.js';
import { JURY_PERSONAL_DATA } from './personal-data.js';

export type { RankingMethod };

export type JuryRanking = RoundRanking & { roundId: string; intakeId: string; track: string };

/** When each of these intakes' results were published (admissions knows; it tells the jury at start-up). */
export type ResultsPublishedAt = (intakeIds: string[]) => Promise<Map<string, Date>>;

/** The sentence a ranking response states its method with. */
export function describeMethod(method: RankingMethod): string {
  const base =
    "Each juror's score is the rubric's weighted mean, sum(weight × value) / sum(weights), so weights are " +
    'normalised and only their proportions count. ';
  const z =
    "Each juror's scores are then turned into z-scores across this round ((score − the juror's mean) / the " +
    "juror's standard deviation), so a harsh and a lenient juror count the same; a juror with fewer than 3 " +
    'scores or a standard deviation of 0 cannot be normalised: their scores are read on the whole round’s ' +
    'pooled mean and deviation, and they are listed in flaggedJurors. ';
  const rest =
    "An audition's score is the mean over its panel's jurors; scores of recused jurors (conflict of interest) " +
    "do not count. Ties are broken by the panel's agreed grade, then by the number of jurors who passed the " +
    'applicant (02 or better); auditions equal on all three share a rank and are marked tied. No-shows, ' +
    'withdrawn applications and auditions without a score are not ranked (notRanked).';
  return base + (method === 'zscore' ? z : 'No per-juror normalisation. ') + rest;
}

type GateRow = {
  locked_at: Date | null;
  grade: number | null;
  passed: boolean | null;
  note: string | null;
  decided_by: string | null;
};
type ScoreRow = {
  id: string;
  criteria: Record<string, number>;
  grade: number;
  comment: string | null;
  revision: number;
  panel_seen_at: Date | null;
};

@Injectable()
export class JuryService {
  constructor(
    @InjectRepository(Score) private readonly scores: Repository<Score>,
    @InjectRepository(Conflict) private readonly conflicts: Repository<Conflict>,
    @InjectRepository(AuditionResult) private readonly results: Repository<AuditionResult>,
    private readonly dataSource: DataSource,
    private readonly auditions: AuditionsService,
    private readonly applications: ApplicationsService,
    private readonly catalogue: CatalogueService,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: ConfigService<Env, true>,
  ) {}

  private resultsPublishedAt: ResultsPublishedAt = () => Promise.resolve(new Map());

  /** Admissions registers where the results' publication is read (it imports the jury, not the other way). */
  setResultsPublishedAt(source: ResultsPublishedAt): void {
    this.resultsPublishedAt = source;
  }

  /**
   * Of these applications, the ids a panel member may still read (dossier, material): not withdrawn, and not
   * past JUROR_ACCESS_DAYS_AFTER_RESULTS days after their intake's results were published.
   */
  private async readable(applicationIds: string[]): Promise<Set<string>> {
    const summaries = await this.applications.summaries(applicationIds);
    const published = await this.resultsPublishedAt([...new Set(summaries.map((s) => s.intakeId))]);
    const now = this.clock.now();
    const days = this.config.get('JUROR_ACCESS_DAYS_AFTER_RESULTS');
    return new Set(
      summaries
        .filter((s) =>
          jurorMayRead({
            now,
            withdrawn: s.status === 'withdrawn',
            resultsPublishedAt: published.get(s.intakeId) ?? null,
            daysAfterResults: days,
          }),
        )
        .map((s) => s.id),
    );
  }

  /** This room's rows about a person, per table, for an export (what and how: ./personal-data.ts). */
  exportPersonalData(em: EntityManager, subject: DataSubject) {
    return exportPersonalRows(em, JURY_PERSONAL_DATA, subject);
  }

  /** Anonymises or deletes this room's rows about a person in the caller's transaction (./personal-data.ts). */
  async erasePersonalData(em: EntityManager, subject: DataSubject) {
    return erasePersonalRows(em, JURY_PERSONAL_DATA, subject);
  }

  // ---- what a juror sees ---------------------------------------------------------------------

  /** The caller's panels' auditions with what the jury judges, their own score and progress; never others' scores. */
  async myAuditions(user: AuthUser) {
    // Withdrawn applications vanish at once, and every audition once its access window closed (least access).
    const all = await this.auditions.timetable(user);
    const readable = await this.readable([...new Set(all.map((r) => r.applicationId))]);
    const rows = all.filter((r) => readable.has(r.applicationId));
    const ids = rows.map((r) => r.id);
    const [dossiers, mine, recusals, results] = await Promise.all([
      this.applications.dossiers(rows.map((r) => r.applicationId)),
      ids.length ? this.scores.findBy({ jurorId: user.id, auditionId: In(ids) }) : [],
      ids.length ? this.conflicts.findBy({ jurorId: user.id, auditionId: In(ids) }) : [],
      ids.length ? this.results.findBy({ auditionId: In(ids) }) : [],
    ]);
    const dossier = new Map(dossiers.map((d) => [d.id, d]));
    const score = new Map(mine.map((s) => [s.auditionId, s]));
    const recused = new Set(recusals.map((c) => c.auditionId));
    const locked = new Set(results.filter((r) => r.lockedAt).map((r) => r.auditionId));
    const items = rows.map((r) => {
      // A recused juror keeps the time and place in their timetable but not the applicant's dossier.
      const d = recused.has(r.id) ? undefined : dossier.get(r.applicationId);
      const s = score.get(r.id);
      return {
        ...r,
        motivation: d?.motivation ?? null,
        repertoire: d?.repertoire ?? [],
        namedPieces: d?.namedPieces ?? {},
        materials: d?.materials ?? [],
        recused: recused.has(r.id),
        locked: locked.has(r.id),
        myScore: s ? mapScore(s) : null,
      };
    });
    // What is left to score: not recused, not a no-show.
    const toScore = items.filter((i) => !i.recused && i.attendance !== 'no_show');
    const scored = toScore.filter((i) => i.myScore).length;
    return { total: toScore.length, scored, remaining: toScore.length - scored, items };
  }

  /**
   * One audition of the caller's panels as the jury's page shows it: the timetable row with the dossier (not for a
   * recused juror), the caller's seat, the rubric to score with, the caller's own score, the panel's scores once
   * the caller's is in (seeing them makes the caller's final: the blind rule), the agreed result, and how far the
   * panel has come (counts only: no values before one's own score). 404 off the panel or once unreadable.
   */
  async auditionSheet(user: AuthUser, auditionId: string) {
    const mine = await this.myAuditions(user);
    const item = mine.items.find((i) => i.id === auditionId);
    if (!item) throw notFound('audition', auditionId);
    const { audition, panelRole } = await this.auditions.auditionForJuror(
      this.dataSource.manager,
      auditionId,
      user.id,
    );
    const round = await this.auditions.getRound(item.roundId);
    const [rubric, members, recusals, scoreRows, result] = await Promise.all([
      this.catalogue.getRubric(round.intakeId, round.track),
      this.auditions.panelMembers([audition.panelId]),
      this.conflicts.findBy({ auditionId }),
      this.dataSource.query('SELECT juror_id FROM scores WHERE audition_id = $1', [auditionId]) as Promise<
        Array<{ juror_id: string }>
      >,
      this.results.findOneBy({ auditionId }),
    ]);
    const recused = new Set(recusals.map((c) => c.jurorId));
    const scoring = members.filter((m) => !recused.has(m.userId)).map((m) => m.userId);
    const scoredBy = new Set(scoreRows.map((r) => r.juror_id));
    const panel = item.myScore && !item.recused ? await this.listScores(user, auditionId) : null;
    return {
      ...item,
      // Listing the panel's scores has just made the caller's own final; show it as it now stands.
      myScore: panel?.scores.find((s) => s.jurorId === user.id) ?? item.myScore,
      panelRole: panelRole!,
      round: { id: round.id, name: round.name, kind: round.kind, track: round.track },
      criteria: rubric.criteria,
      panelScores: panel?.scores ?? null,
      result: result?.lockedAt ? mapResult(result) : null,
      progress: {
        members: members.length,
        scoring: scoring.length,
        scored: scoring.filter((id) => scoredBy.has(id)).length,
        recused: members.length - scoring.length,
      },
    };
  }

  /**
   * Whether the juror judges one of the application's auditions: on its panel and not recused from it. A recused
   * juror takes no part in that audition, so the applicant's material is none of their business (data minimisation).
   */
  /** Why this juror may not leave the panel (they have scored on it), or null. */
  async scoresOnPanel(em: EntityManager, panelId: string, userId: string): Promise<string | null> {
    const [row] = (await em.query(
      `SELECT count(*)::int AS n FROM scores s JOIN auditions a ON a.id = s.audition_id
        WHERE a.panel_id = $1 AND s.juror_id = $2`,
      [panelId, userId],
    )) as Array<{ n: number }>;
    return row.n ? `This juror has scored ${row.n} audition(s) of the panel and keeps the seat` : null;
  }

  async judgesApplication(userId: string, applicationId: string): Promise<boolean> {
    const auditionIds = await this.auditions.auditionsJudgedBy(userId, applicationId);
    if (!auditionIds.length) return false;
    if (!(await this.readable([applicationId])).has(applicationId)) return false;
    const recused = new Set(
      (await this.conflicts.findBy({ jurorId: userId, auditionId: In(auditionIds) })).map(
        (c) => c.auditionId,
      ),
    );
    return auditionIds.some((id) => !recused.has(id));
  }

  // ---- scores -------------------------------------------------------------------------------

  /**
   * A juror's score: the first or a revision. Race design:
   * - Two devices of one juror queue on a transaction-scoped advisory lock of (audition, juror), taken first,
   *   so they write one after the other (the first insert included): the last wins, both are audited.
   * - Then the audition's gate row (audition_results) is held FOR SHARE for the rest of the transaction: jurors
   *   score side by side, recording the result (FOR UPDATE) waits for every score in flight, and a score
   *   arriving after it waits, re-reads the row, sees `locked_at` and gets 409. Taking the gate only after the
   *   per-juror queue keeps queued writes from holding it, so the lock is not starved by a burst of writes.
   */
  async submitScore(user: AuthUser, auditionId: string, dto: ScoreDto) {
    // The audition's round as this process knows it, else the round of the juror's last score (a juror's auditions
    // share a round): the statement itself says when the guess is wrong, and writes nothing then.
    const known = this.auditions.knownRoundOf(auditionId);
    const guess = known ?? this.lastRoundOfJuror.get(user.id) ?? null;
    if (guess) {
      const criteria = await this.lockedCriteriaOfRound(guess);
      if (criteria) {
        const written = await this.submitScoreInOneStatement(user, auditionId, dto, criteria, guess);
        if (written !== OTHER_ROUND) return written;
      }
    }
    const criteria = await this.lockedCriteriaOf(auditionId);
    if (criteria) {
      const written = await this.submitScoreInOneStatement(user, auditionId, dto, criteria, null);
      if (written !== OTHER_ROUND) return written;
    }
    return this.submitScoreFirstOfRubric(user, auditionId, dto);
  }

  /** The round of each juror's last score write in this process (bounded; only a guess, checked by the statement). */
  private readonly lastRoundOfJuror = new Map<string, string>();

  private rememberJurorRound(jurorId: string, roundId: string): void {
    if (this.lastRoundOfJuror.get(jurorId) === roundId) return;
    this.lastRoundOfJuror.delete(jurorId);
    this.lastRoundOfJuror.set(jurorId, roundId);
    if (this.lastRoundOfJuror.size > 10_000)
      this.lastRoundOfJuror.delete(this.lastRoundOfJuror.keys().next().value!);
  }

  /**
   * The common case, the rubric of the audition's round being locked (and cached): the body is checked against it
   * here, and everything else (panel seat, recusal, the two locks, no-show, blind scoring, the write and its audit
   * record) is one statement, `jury_submit_score` (migration 1795740000000), with the same rules and lock order as
   * the transaction below: one round trip instead of eighteen. `roundId`: the round whose rubric `criteria` is,
   * when it is a guess (the statement answers 'other_round', writing nothing, when the audition is in another).
   */
  private async submitScoreInOneStatement(
    user: AuthUser,
    auditionId: string,
    dto: ScoreDto,
    criteria: RubricInfo['criteria'],
    roundId: string | null,
  ) {
    const fits = scoreProblems(criteria, dto.criteria, dto.grade).length === 0;
    const [{ answer }] = (await this.dataSource.query(
      'SELECT jury_submit_score($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) AS answer',
      [
        auditionId,
        user.id,
        JSON.stringify(dto.criteria),
        dto.grade,
        dto.comment ?? null,
        user.role,
        this.clock.now(),
        fits,
        fits ? weightedScore(criteria, dto.criteria as Record<string, number>) : null,
        roundId,
      ],
    )) as Array<{ answer: ScoreAnswer }>;
    if (answer.status === 'other_round') {
      this.auditions.learnRoundOf(auditionId, answer.roundId);
      this.rememberJurorRound(user.id, answer.roundId);
      return OTHER_ROUND;
    }
    if (answer.status !== 'not_found') {
      // A panel member's audition: its round is the guess when there was one, else the one just looked up.
      const round = roundId ?? this.auditions.knownRoundOf(auditionId);
      if (round) {
        this.auditions.learnRoundOf(auditionId, round);
        this.rememberJurorRound(user.id, round);
      }
    }
    switch (answer.status) {
      case 'ok':
        return mapScore(scoreFromJson(answer.score));
      case 'not_found':
        throw notFound('audition', auditionId);
      case 'invalid':
        assertScoreFits(criteria, dto.criteria, dto.grade);
        throw new Error('a score judged not to fit the rubric fits it');
      case 'recused':
        throw recusedError(answer.kind, 'score');
      case 'locked':
        throw lockedError(new Date(answer.lockedAt));
      case 'no_show':
        throw noShowError();
      case 'final':
        throw scoreFinalError(new Date(answer.panelSeenAt), auditionId, user.id);
    }
  }

  /** The criteria of the audition's round's rubric when it is locked (then cached); null: take the long way. */
  private async lockedCriteriaOf(auditionId: string): Promise<RubricInfo['criteria'] | null> {
    const roundId = await this.auditions.roundOf(auditionId);
    return roundId ? this.lockedCriteriaOfRound(roundId) : null;
  }

  private async lockedCriteriaOfRound(roundId: string): Promise<RubricInfo['criteria'] | null> {
    const round = await this.auditions.getRound(roundId);
    const rubric = await this.catalogue.getRubric(round.intakeId, round.track);
    return rubric.lockedAt ? rubric.criteria : null;
  }

  /** The first score given with a rubric locks it, in the score's transaction (and an unknown audition gets 404). */
  private async submitScoreFirstOfRubric(user: AuthUser, auditionId: string, dto: ScoreDto) {
    const { audition: peek } = await this.assertJuror(this.dataSource.manager, user, auditionId);
    const round = await this.auditions.getRound(peek.roundId);
    // A locked rubric never changes again: read it without a lock; else lock it in the transaction.
    const rubric = await this.catalogue.getRubric(round.intakeId, round.track);
    if (rubric.lockedAt) assertScoreFits(rubric.criteria, dto.criteria, dto.grade);

    return this.dataSource.transaction(async (tx) => {
      const { audition } = await this.assertJuror(tx, user, auditionId);
      await this.assertNotRecused(tx, auditionId, user.id, 'score');
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `score:${auditionId}:${user.id}`,
      ]);
      const gate = await this.gate(tx, auditionId, 'FOR SHARE');
      if (gate.locked_at) throw lockedError(gate.locked_at);
      if (audition.attendance === 'no_show') throw noShowError();
      let criteria = rubric.criteria;
      if (!rubric.lockedAt) {
        ({ criteria } = await this.catalogue.lockRubric(tx, round.intakeId, round.track));
        assertScoreFits(criteria, dto.criteria, dto.grade);
      }
      const after = {
        criteria: dto.criteria as Record<string, number>,
        grade: dto.grade,
        comment: dto.comment ?? null,
      };
      // The ranking's weighted score under the rubric now locked, written with the score (migration 1795740000001).
      const weighted = weightedScore(criteria, after.criteria);

      let current = await this.ownScore(tx, auditionId, user.id);
      if (!current) {
        const inserted = (await tx.query(
          `INSERT INTO scores (audition_id, juror_id, round_id, criteria, grade, comment, revision, weighted)
           VALUES ($1, $2, $3, $4, $5, $6, 1, $7)
           ON CONFLICT (audition_id, juror_id) DO NOTHING
           RETURNING id, revision`,
          [
            auditionId,
            user.id,
            audition.roundId,
            JSON.stringify(after.criteria),
            after.grade,
            after.comment,
            weighted,
          ],
        )) as Array<{ id: string; revision: number }>;
        if (inserted.length) {
          await this.audit.record(tx, {
            actor: user,
            action: 'score.submitted',
            entity: 'audition',
            entityId: auditionId,
            after: { jurorId: user.id, revision: 1, ...after },
          });
          return this.scoreView(tx, inserted[0].id);
        }
        // Someone inserted first outside the advisory lock (it has committed): revise that one.
        current = await this.ownScore(tx, auditionId, user.id);
        if (!current) throw new Error('score row vanished while locked');
      }
      if (current.panel_seen_at) {
        // Blind scoring holds: once the panel's scores were shown to this juror, their own is final. Sending the
        // same score again (a retry) answers it unchanged; anything else goes through the chair or staff.
        if (sameScore(current, after)) return this.scoreView(tx, current.id);
        throw scoreFinalError(current.panel_seen_at, auditionId, user.id);
      }
      await tx.query(
        `UPDATE scores SET criteria = $2, grade = $3, comment = $4, weighted = $5, revision = revision + 1,
                           updated_at = now()
          WHERE id = $1`,
        [current.id, JSON.stringify(after.criteria), after.grade, after.comment, weighted],
      );
      await this.audit.record(tx, {
        actor: user,
        action: 'score.revised',
        entity: 'audition',
        entityId: auditionId,
        before: {
          jurorId: user.id,
          revision: current.revision,
          criteria: current.criteria,
          grade: current.grade,
          comment: current.comment,
        },
        after: { jurorId: user.id, revision: current.revision + 1, ...after },
      });
      return this.scoreView(tx, current.id);
    });
  }

  /**
   * A correction of a juror's score by the panel's chair (another juror's) or staff (anyone's), with a reason:
   * the way a score changes once its juror has seen the panel's. Same races as submitScore (the per-juror
   * advisory lock, then the gate FOR SHARE), audited as `score.corrected` with the reason.
   */
  async correctScore(user: AuthUser, auditionId: string, jurorId: string, dto: ScoreCorrectionDto) {
    const em = this.dataSource.manager;
    if (policy.isStaff(user)) {
      await this.auditions.getAudition(auditionId);
    } else {
      const { role } = await this.assertJuror(em, user, auditionId);
      await this.assertNotRecused(em, auditionId, user.id, 'correct');
      policy.allowedOr403(role === 'chair', "Only the panel's chair or staff may correct a juror's score");
      policy.allowedOr403(
        jurorId !== user.id,
        "The chair's own score is corrected by staff: ask the academy's staff, giving the reason",
      );
    }
    const { audition } = await this.auditions.auditionForJuror(em, auditionId, jurorId);
    const round = await this.auditions.getRound(audition.roundId);
    const rubric = await this.catalogue.getRubric(round.intakeId, round.track);
    assertScoreFits(rubric.criteria, dto.criteria, dto.grade);

    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `score:${auditionId}:${jurorId}`,
      ]);
      const gate = await this.gate(tx, auditionId, 'FOR SHARE');
      if (gate.locked_at) throw lockedError(gate.locked_at);
      const current = await this.ownScore(tx, auditionId, jurorId);
      if (!current) throw notFound(`score by juror ${jurorId} of audition`, auditionId);
      const after = {
        criteria: dto.criteria as Record<string, number>,
        grade: dto.grade,
        comment: dto.comment ?? null,
      };
      // A score exists, so the rubric is locked: its weighted score is written with it (else left to the ranking).
      const weighted = rubric.lockedAt ? weightedScore(rubric.criteria, after.criteria) : null;
      await tx.query(
        `UPDATE scores SET criteria = $2, grade = $3, comment = $4, weighted = $5, revision = revision + 1,
                           updated_at = now()
          WHERE id = $1`,
        [current.id, JSON.stringify(after.criteria), after.grade, after.comment, weighted],
      );
      await this.audit.record(tx, {
        actor: user,
        action: 'score.corrected',
        entity: 'audition',
        entityId: auditionId,
        before: {
          jurorId,
          revision: current.revision,
          criteria: current.criteria,
          grade: current.grade,
          comment: current.comment,
        },
        after: { jurorId, revision: current.revision + 1, ...after },
        reason: dto.reason,
      });
      return this.scoreView(tx, current.id);
    });
  }

  /**
   * Staff see every score; a juror of the panel only once their own is in (blind until then); recused: 403.
   * Showing them to a juror marks that juror's own score as final (panel_seen_at) before anything is read: a
   * revision racing this waits for the mark (the row lock) and is refused, or lands first and is what they see.
   */
  async listScores(user: AuthUser, auditionId: string) {
    const audition = await this.auditions.getAudition(auditionId);
    if (!policy.isStaff(user)) {
      const em = this.dataSource.manager;
      await this.assertJuror(em, user, auditionId);
      await this.assertNotRecused(em, auditionId, user.id, 'view');
      const marked = (await em.query(
        `UPDATE scores SET panel_seen_at = COALESCE(panel_seen_at, $3)
          WHERE audition_id = $1 AND juror_id = $2 RETURNING id`,
        [auditionId, user.id, this.clock.now()],
      )) as [Array<{ id: string }>, number];
      policy.allowedOr403(
        marked[0].length > 0,
        "Scores are blind: submit your own score first, then you can see the panel's (your score is final from then on)",
      );
    }
    const [scores, recusals, result, members] = await Promise.all([
      this.scores.find({ where: { auditionId }, order: { createdAt: 'ASC' } }),
      this.conflicts.findBy({ auditionId }),
      this.results.findOneBy({ auditionId }),
      this.auditions.panelMembers([audition.panelId]),
    ]);
    const names = await this.accounts.namesOf(scores.map((s) => s.jurorId));
    const recused = new Set(recusals.map((c) => c.jurorId));
    const roles = new Map(members.map((m) => [m.userId, m.role]));
    return {
      auditionId,
      locked: Boolean(result?.lockedAt),
      result: result?.lockedAt ? mapResult(result) : null,
      scores: scores.map((s) => ({
        ...mapScore(s),
        jurorName: names.get(s.jurorId) ?? '',
        panelRole: roles.get(s.jurorId) ?? null,
        // A recused juror's score stays on record but is left out of the ranking.
        counts: !recused.has(s.jurorId) && roles.has(s.jurorId),
      })),
    };
  }

  // ---- conflicts of interest ----------------------------------------------------------------

  /** A juror declares their own conflict, or staff record one for a panel member: recused from this audition. */
  async declareConflict(user: AuthUser, auditionId: string, dto: ConflictDto) {
    const em = this.dataSource.manager;
    let jurorId: string;
    let audition: AuditionInfo;
    if (policy.isStaff(user)) {
      if (!dto.jurorId) {
        await this.auditions.getAudition(auditionId);
        throw invalid('jurorId', 'jurorId is required: the panel member who is recused');
      }
      jurorId = dto.jurorId;
      const seat = await this.auditions.auditionForJuror(em, auditionId, jurorId);
      audition = seat.audition;
      if (!seat.panelRole) {
        throw invalid('jurorId', `jurorId must be a member of this audition's panel; ${jurorId} is not`);
      }
    } else {
      ({ audition } = await this.assertJuror(em, user, auditionId));
      policy.allowedOr403(
        !dto.jurorId || dto.jurorId === user.id,
        'A juror declares their own conflicts; staff record them for others',
      );
      jurorId = user.id;
    }
    try {
      return await this.dataSource.transaction(async (tx) => {
        const conflict = await tx.save(
          tx.create(Conflict, {
            auditionId,
            jurorId,
            kind: dto.kind ?? 'other',
            reason: dto.reason,
            recordedBy: user.id,
          }),
        );
        const scored = (await tx.countBy(Score, { auditionId, jurorId })) > 0;
        const members = await this.auditions.panelMembers([audition.panelId], tx);
        const recused = await tx.findBy(Conflict, { auditionId });
        const panel = panelStrength(
          members.map((m) => m.userId),
          recused.map((c) => c.jurorId),
        );
        await this.audit.record(tx, {
          actor: user,
          action: 'conflict.declared',
          entity: 'audition',
          entityId: auditionId,
          after: { jurorId, kind: conflict.kind, reason: conflict.reason, scoreExcluded: scored },
        });
        return {
          ...mapConflict(conflict),
          // Their score (if any) stays on record (and in the audit) but no longer counts.
          scoreExcluded: scored,
          panel,
        };
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(ErrorCode.AlreadyExists, 'This juror is already recused from this audition');
      }
      throw error;
    }
  }

  /** Auditions of a round whose panel has fewer than two scoring members left: staff must act. */
  async flags(roundId: string) {
    await this.auditions.getRound(roundId);
    const auditions = await this.auditions.auditionsOfRound(roundId);
    const { strength } = await this.panelsOf(auditions);
    const recusals = auditions.length
      ? await this.conflicts.findBy({ auditionId: In(auditions.map((a) => a.id)) })
      : [];
    return {
      roundId,
      flagged: auditions
        .filter((a) => strength.get(a.id)!.needsAttention)
        .map((a) => ({
          auditionId: a.id,
          applicationId: a.applicationId,
          panelId: a.panelId,
          ...strength.get(a.id)!,
          recused: recusals
            .filter((c) => c.auditionId === a.id)
            .map((c) => ({ jurorId: c.jurorId, kind: c.kind, reason: c.reason })),
        })),
    };
  }

  // ---- deliberation and the lock ------------------------------------------------------------

  /** The chair (or staff) records the panel's agreed result; from then on no score can be written. */
  async recordResult(user: AuthUser, auditionId: string, dto: ResultDto) {
    await this.auditions.getAudition(auditionId);
    return this.dataSource.transaction(async (tx) => {
      const audition = await this.auditions.getAudition(auditionId, tx);
      if (!policy.isStaff(user)) {
        const { role } = await this.assertJuror(tx, user, auditionId);
        policy.allowedOr403(role === 'chair', "Only the panel's chair (or staff) records the result");
        await this.assertNotRecused(tx, auditionId, user.id, 'result');
      }
      // Waits for every score in flight (they hold the gate FOR SHARE); later ones will see the lock.
      const gate = await this.gate(tx, auditionId, 'FOR UPDATE');
      if (gate.locked_at) {
        throw new DomainError(
          ErrorCode.Locked,
          `The result was already recorded on ${toCopenhagenIso(gate.locked_at)}; staff can reopen it`,
        );
      }
      if (audition.attendance === 'no_show') {
        throw new DomainError(ErrorCode.InvalidState, 'A no-show gets no result');
      }
      const lockedAt = this.clock.now();
      await tx.update(
        AuditionResult,
        { auditionId },
        { grade: dto.grade, passed: dto.passed, note: dto.note ?? null, decidedBy: user.id, lockedAt },
      );
      await this.audit.record(tx, {
        actor: user,
        action: 'audition.result_recorded',
        entity: 'audition',
        entityId: auditionId,
        before: gate.grade === null ? null : { grade: gate.grade, passed: gate.passed, note: gate.note },
        after: {
          grade: dto.grade,
          passed: dto.passed,
          note: dto.note ?? null,
          lockedAt: toCopenhagenIso(lockedAt),
        },
      });
      return mapResult((await tx.findOneBy(AuditionResult, { auditionId }))!);
    });
  }

  /** Staff unlock a recorded result, with a reason: the agreed result is cleared until the panel records it again. */
  async reopen(user: AuthUser, auditionId: string, reason: string) {
    await this.auditions.getAudition(auditionId);
    return this.dataSource.transaction(async (tx) => {
      const gate = await this.gate(tx, auditionId, 'FOR UPDATE');
      if (!gate.locked_at) throw new DomainError(ErrorCode.InvalidState, 'The audition is not locked');
      const reopenedAt = this.clock.now();
      await tx.update(
        AuditionResult,
        { auditionId },
        { grade: null, passed: null, note: null, decidedBy: null, lockedAt: null, reopenedAt },
      );
      await this.audit.record(tx, {
        actor: user,
        action: 'audition.reopened',
        entity: 'audition',
        entityId: auditionId,
        before: {
          grade: gate.grade,
          passed: gate.passed,
          note: gate.note,
          decidedBy: gate.decided_by,
          lockedAt: toCopenhagenIso(gate.locked_at),
        },
        after: { grade: null, passed: null, lockedAt: null },
        reason,
      });
      return mapResult((await tx.findOneBy(AuditionResult, { auditionId }))!);
    });
  }

  // ---- ranking ------------------------------------------------------------------------------

  /** For the yearly figures: which of these auditions the panel passed (the agreed, locked result). */
  async passedAuditions(auditionIds: string[]): Promise<Set<string>> {
    if (!auditionIds.length) return new Set();
    const rows = (await this.results.manager.query(
      `SELECT audition_id FROM audition_results
        WHERE audition_id = ANY($1::uuid[]) AND passed AND locked_at IS NOT NULL`,
      [auditionIds],
    )) as Array<{ audition_id: string }>;
    return new Set(rows.map((r) => r.audition_id));
  }

  /** Ranking of one round (one track); rows carry applicationId, rank, score, grade and passed (the agreed result). */
  async roundRanking(roundId: string, method: RankingMethod = 'none'): Promise<JuryRanking> {
    return (await this.rank(roundId, method)).ranking;
  }

  /** The round with the highest order for that intake and track: its results decide admission. */
  async finalRoundOf(intakeId: string, track: string): Promise<{ id: string } | null> {
    const rounds = (await this.auditions.listRounds(intakeId)).filter((r) => r.track === track);
    if (!rounds.length) return null;
    const last = rounds.reduce((a, b) => (b.order > a.order ? b : a));
    return { id: last.id };
  }

  /** The staff view: the ranking with names, the method stated in words, and auditions that need attention. */
  async rankingView(roundId: string, method: RankingMethod = 'none') {
    const { ranking, auditions, members } = await this.rank(roundId, method);
    const byApplication = new Map(auditions.map((a) => [a.applicationId, a]));
    const [{ strength }, summaries] = await Promise.all([
      this.panelsOf(auditions, members),
      this.applications.summaries(auditions.map((a) => a.applicationId)),
    ]);
    const applicant = new Map(summaries.map((s) => [s.id, s.applicantId]));
    const names = await this.accounts.namesOf(summaries.map((s) => s.applicantId));
    const extra = (applicationId: string) => {
      const a = byApplication.get(applicationId)!;
      return {
        auditionId: a.id,
        applicantName: names.get(applicant.get(applicationId) ?? '') ?? '',
        needsAttention: strength.get(a.id)!.needsAttention,
      };
    };
    return {
      roundId: ranking.roundId,
      intakeId: ranking.intakeId,
      track: ranking.track,
      normalization: ranking.method,
      method: describeMethod(ranking.method),
      flaggedJurors: ranking.flaggedJurors,
      ranking: ranking.ranking.map((r) => ({ ...r, ...extra(r.applicationId) })),
      notRanked: ranking.notRanked.map((r) => ({ ...r, ...extra(r.applicationId) })),
      skippedScores: ranking.skippedScores,
    };
  }

  /**
   * Loads the round in four queries sent at once, none with a list of the round's ids: its auditions in order (an
   * index holds that order) and then their panels' seats, the round's scores with the agreed results, the
   * recusals among those scores and the track's withdrawn applications; then ranks it in memory in one pass.
   * Round and rubric come from caches. The scores come as one text (30,000 rows of a national round would be
   * 30,000 row objects to parse and collect): each score's audition, juror, grade, weighted score as written with
   * it, and the audition's agreed grade and pass, '-' for none. Scores whose weighted score is not known (written
   * before it was kept, or by hand) have their criteria read in one more query and are weighed by the ranking.
   */
  private async rank(roundId: string, method: RankingMethod) {
    const round = await this.auditions.getRound(roundId);
    const rubric = await this.catalogue.getRubric(round.intakeId, round.track);
    const [{ auditions, members }, [{ scores: text }], recusals, withdrawn] = await Promise.all([
      this.auditions.auditionsOfRound(roundId).then(async (auditions) => ({
        auditions,
        members: await this.auditions.panelMembers(auditions.map((a) => a.panelId)),
      })),
      this.scores.query(
        `SELECT string_agg(s.audition_id || ' ' || s.juror_id || ' ' || s.grade || ' ' ||
                           coalesce(s.weighted::text, '-') || ' ' || coalesce(r.grade::text, '-') || ' ' ||
                           coalesce(r.passed::text, '-'), ' ') AS scores
           FROM scores s
           LEFT JOIN audition_results r ON r.audition_id = s.audition_id AND r.locked_at IS NOT NULL
          WHERE s.round_id = $1`,
        [roundId],
      ) as Promise<Array<{ scores: string | null }>>,
      this.conflicts.query(
        `SELECT c.audition_id, c.juror_id FROM conflicts c
           JOIN scores s ON s.audition_id = c.audition_id AND s.juror_id = c.juror_id
          WHERE s.round_id = $1`,
        [roundId],
      ) as Promise<Array<{ audition_id: string; juror_id: string }>>,
      this.applications.withdrawnInTrack(round.intakeId, round.track),
    ]);
    const fields = text ? text.split(' ') : [];
    let unweighed: Map<string, Record<string, number>> | null = null;
    for (let k = 3; k < fields.length; k += 6) {
      if (fields[k] !== '-') continue;
      const rows = (await this.scores.query(
        // Every score's: one written meanwhile (weighted now) must not come back without its criteria.
        'SELECT audition_id, juror_id, criteria FROM scores WHERE round_id = $1',
        [roundId],
      )) as Array<{ audition_id: string; juror_id: string; criteria: Record<string, number> }>;
      unweighed = new Map(rows.map((r) => [`${r.audition_id} ${r.juror_id}`, r.criteria]));
      break;
    }
    const seats = new Map<string, Set<string>>();
    for (const m of members) seats.set(m.panelId, (seats.get(m.panelId) ?? new Set()).add(m.userId));
    const recused = new Map<string, Set<string>>();
    for (const c of recusals)
      recused.set(c.audition_id, (recused.get(c.audition_id) ?? new Set()).add(c.juror_id));
    const index = new Map<string, number>();
    const input: AuditionForRanking[] = auditions.map((a, i) => {
      index.set(a.id, i);
      return {
        applicationId: a.applicationId,
        agreedGrade: null,
        passed: null,
        noShow: a.attendance === 'no_show',
        withdrawn: withdrawn.has(a.applicationId),
        scores: [],
      };
    });
    for (let k = 0; k + 5 < fields.length; k += 6) {
      const auditionId = fields[k];
      const jurorId = fields[k + 1];
      const i = index.get(auditionId);
      if (i === undefined) continue;
      const audition = input[i];
      // The agreed result comes with every score of the audition; a ranked audition has at least one score.
      if (fields[k + 4] !== '-' || fields[k + 5] !== '-') {
        audition.agreedGrade = fields[k + 4] === '-' ? null : Number(fields[k + 4]);
        audition.passed = fields[k + 5] === '-' ? null : fields[k + 5] === 'true';
      }
      // Only scores of the audition's current panel members who are not recused count.
      if (!seats.get(auditions[i].panelId)?.has(jurorId)) continue;
      if (recused.get(auditionId)?.has(jurorId)) continue;
      const weighted = fields[k + 3] === '-' ? null : Number(fields[k + 3]);
      (audition.scores as JurorScoreInput[]).push({
        jurorId,
        criteria: weighted === null ? (unweighed?.get(`${auditionId} ${jurorId}`) ?? {}) : null,
        weighted,
        grade: Number(fields[k + 2]),
      });
    }
    const ranked = rankRound({ criteria: rubric.criteria, auditions: input }, method);
    return {
      ranking: { ...ranked, roundId, intakeId: round.intakeId, track: round.track },
      auditions,
      members,
    };
  }

  // ---- internals ----------------------------------------------------------------------------

  /**
   * The one check that the caller sits on the audition's panel, in the caller's transaction: their seat, or 404
   * (another panel's auditions do not exist for them). Staff pass no juror check; callers decide where they may.
   */
  private async assertJuror(
    em: EntityManager,
    user: AuthUser,
    auditionId: string,
  ): Promise<{ audition: AuditionInfo; role: PanelSeat['role'] }> {
    const { audition, panelRole } = await this.auditions.auditionForJuror(em, auditionId, user.id);
    policy.visibleOr404(panelRole !== null, 'audition', auditionId);
    return { audition, role: panelRole! };
  }

  private async assertNotRecused(
    em: EntityManager,
    auditionId: string,
    jurorId: string,
    what: 'score' | 'view' | 'result' | 'correct',
  ): Promise<void> {
    const conflict = await em.findOneBy(Conflict, { auditionId, jurorId });
    if (conflict) throw recusedError(conflict.kind, what);
  }

  /** The audition's gate row, created on first use, locked in the given mode for the rest of the transaction. */
  private async gate(
    tx: EntityManager,
    auditionId: string,
    mode: 'FOR SHARE' | 'FOR UPDATE',
  ): Promise<GateRow> {
    await tx.query('INSERT INTO audition_results (audition_id) VALUES ($1) ON CONFLICT DO NOTHING', [
      auditionId,
    ]);
    const rows = (await tx.query(
      `SELECT locked_at, grade, passed, note, decided_by FROM audition_results WHERE audition_id = $1 ${mode}`,
      [auditionId],
    )) as GateRow[];
    return rows[0];
  }

  private async ownScore(tx: EntityManager, auditionId: string, jurorId: string): Promise<ScoreRow | null> {
    const rows = (await tx.query(
      `SELECT id, criteria, grade, comment, revision, panel_seen_at FROM scores
        WHERE audition_id = $1 AND juror_id = $2 FOR UPDATE`,
      [auditionId, jurorId],
    )) as ScoreRow[];
    return rows[0] ?? null;
  }

  private async scoreView(tx: EntityManager, id: string) {
    return mapScore((await tx.findOneBy(Score, { id }))!);
  }

  /** Who is recused from these auditions (rounds of thousands: the ids go as one array). */
  private async recusalsOf(auditionIds: string[]): Promise<Array<Pick<Conflict, 'auditionId' | 'jurorId'>>> {
    const rows = (await this.dataSource.query(
      'SELECT audition_id, juror_id FROM conflicts WHERE audition_id = ANY($1::uuid[])',
      [auditionIds],
    )) as Array<{ audition_id: string; juror_id: string }>;
    return rows.map((r) => ({ auditionId: r.audition_id, jurorId: r.juror_id }));
  }

  /**
   * Per audition: its panel's members and who is recused (this room's own record), and the panel's strength (how many may still score, whether staff must act). `seats`: the panels'
   * members when the caller has them already.
   */
  private async panelsOf(auditions: AuditionInfo[], seats?: PanelSeat[]) {
    const [members, recusals] = auditions.length
      ? await Promise.all([
          seats ?? this.auditions.panelMembers(auditions.map((a) => a.panelId)),
          this.recusalsOf(auditions.map((a) => a.id)),
        ])
      : [[], []];
    const byPanel = new Map<string, Set<string>>();
    for (const m of members) byPanel.set(m.panelId, (byPanel.get(m.panelId) ?? new Set()).add(m.userId));
    const recusedBy = new Map<string, Set<string>>();
    for (const c of recusals)
      recusedBy.set(c.auditionId, (recusedBy.get(c.auditionId) ?? new Set()).add(c.jurorId));
    return {
      strength: new Map(
        auditions.map((a) => [
          a.id,
          panelStrength([...(byPanel.get(a.panelId) ?? [])], [...(recusedBy.get(a.id) ?? [])]),
        ]),
      ),
    };
  }
}

function lockedError(lockedAt: Date): DomainError {
  return new DomainError(
    ErrorCode.Locked,
    `The panel recorded its result on ${toCopenhagenIso(lockedAt)}: scores can no longer change (staff can reopen it)`,
  );
}

function recusedError(kind: string, what: 'score' | 'view' | 'result' | 'correct'): DomainError {
  const doing = {
    score: 'score it',
    view: 'see its scores',
    result: 'record its result',
    correct: 'correct its scores',
  }[what];
  return new DomainError(
    ErrorCode.Forbidden,
    `You are recused from this audition (conflict of interest: ${kind}), so you cannot ${doing}`,
  );
}

function noShowError(): DomainError {
  return new DomainError(ErrorCode.InvalidState, 'The applicant did not show up: there is nothing to score');
}

/** submitScoreInOneStatement: the audition is in another round than the guess, nothing was written. */
const OTHER_ROUND = Symbol('other round');

/** What jury_submit_score answers; only 'ok' wrote anything. */
type ScoreAnswer =
  | { status: 'ok'; score: Record<string, unknown> }
  | { status: 'other_round'; roundId: string }
  | { status: 'not_found' | 'invalid' | 'no_show' }
  | { status: 'recused'; kind: string }
  | { status: 'locked'; lockedAt: string }
  | { status: 'final'; panelSeenAt: string };

/** The score row as to_jsonb gives it (column names, instants as text), as the entity the mapper reads. */
function scoreFromJson(row: Record<string, unknown>): Score {
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    id: row.id as string,
    auditionId: row.audition_id as string,
    roundId: row.round_id as string,
    jurorId: row.juror_id as string,
    criteria: row.criteria as Record<string, number>,
    weighted: (row.weighted as number | null) ?? null,
    grade: row.grade as number,
    comment: (row.comment as string | null) ?? null,
    revision: row.revision as number,
    panelSeenAt: date(row.panel_seen_at),
    createdAt: date(row.created_at)!,
    updatedAt: date(row.updated_at)!,
  };
}

function scoreFinalError(seenAt: Date, auditionId: string, jurorId: string): DomainError {
  return new DomainError(
    ErrorCode.ScoreFinal,
    `Your score is final: you saw the panel's scores on ${toCopenhagenIso(seenAt)}. Ask the panel's chair or ` +
      `staff to correct it, giving the reason (PUT /api/auditions/${auditionId}/scores/${jurorId})`,
  );
}

function sameScore(
  current: ScoreRow,
  after: { criteria: Record<string, number>; grade: number; comment: string | null },
): boolean {
  const keys = Object.keys(after.criteria);
  return (
    current.grade === after.grade &&
    (current.comment ?? null) === after.comment &&
    keys.length === Object.keys(current.criteria).length &&
    keys.every((k) => current.criteria[k] === after.criteria[k])
  );
}
