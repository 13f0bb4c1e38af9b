import { invalid } from '../common/errors.js';
import { PASS_MARK } from '../common/grades.js';

export type RankingMethod = 'none' | 'zscore';

export interface RubricCriterion {
  key: string;
  weight: number;
  min: number;
  max: number;
}

export interface JurorScoreInput {
  jurorId: string;
  /** The value per criterion; may be null when `weighted` is given. */
  criteria: Readonly<Record<string, number>> | null;
  /**
   * The score's weightedScore under this rubric when the caller knows it already (the API writes it with a score
   * that fits the locked rubric): then `criteria` are not looked at. Null or absent: weighed here from `criteria`.
   */
  weighted?: number | null;
  grade: number;
  /** An explicit pass/fail from the juror; without it, a grade of 02 or better passes. */
  passed?: boolean;
}

export interface AuditionForRanking {
  applicationId: string;
  /** The panel's agreed result, once the chair has recorded it. */
  agreedGrade: number | null;
  passed: boolean | null;
  noShow: boolean;
  withdrawn: boolean;
  scores: readonly JurorScoreInput[];
}

export interface RankingInput {
  criteria: readonly RubricCriterion[];
  auditions: readonly AuditionForRanking[];
}

export interface RankedAudition {
  applicationId: string;
  /** Competition ranking: tied auditions share a rank and the next rank skips (1, 2, 2, 4). */
  rank: number;
  /** Mean over the panel's jurors: weighted rubric score ('none') or z-score ('zscore'). */
  score: number;
  grade: number | null;
  passed: boolean | null;
  /** Same score, agreed grade and jurorsPassed as another audition: staff must see it. */
  tied: boolean;
  jurorsPassed: number;
  jurors: number;
}

export type NotRankedReason = 'no-show' | 'withdrawn' | 'not scored';

export interface RoundRanking {
  method: RankingMethod;
  /** Jurors whose own scale could not be estimated ('zscore' only); see rankRound. */
  flaggedJurors: { jurorId: string; reason: string }[];
  ranking: RankedAudition[];
  /** No-shows, withdrawn applications and auditions without a usable score, in input order. */
  notRanked: { applicationId: string; reason: NotRankedReason }[];
  /** Scores left out because they do not fit the rubric (a criterion missing or out of range). */
  skippedScores: { applicationId: string; jurorId: string; reason: string }[];
}

/** Fewer scores than this and a juror's mean and spread say too little to correct for. */
export const MIN_SCORES_FOR_ZSCORE = 3;

/** Relative tolerance for "the same score": floating-point sums in a different order differ in the last bits. */
const EPSILON = 1e-9;

const sameScore = (a: number, b: number) =>
  Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b));

/** Whether a juror passed the applicant: their explicit flag, else a grade of 02 or better. */
export function jurorPassed(score: Pick<JurorScoreInput, 'grade' | 'passed'>): boolean {
  return score.passed ?? score.grade >= PASS_MARK;
}

/** sum(w_i * x_i) / sum(w_i): weights are relative, so [2, 1] and [4, 2] give the same score. */
export function weightedScore(
  criteria: readonly RubricCriterion[],
  values: Readonly<Record<string, number>>,
): number {
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    sum += c.weight * values[c.key];
    weights += c.weight;
  }
  return sum / weights;
}

function checkRubric(criteria: readonly RubricCriterion[]): void {
  if (criteria.length === 0) throw invalid('criteria', 'The rubric has no criteria');
  let total = 0;
  for (const c of criteria) {
    if (!Number.isFinite(c.weight) || c.weight < 0) {
      throw invalid('criteria', `The weight of '${c.key}' must be a number of 0 or more`);
    }
    total += c.weight;
  }
  if (total <= 0) throw invalid('criteria', 'The rubric weights add up to 0');
}

/**
 * Ranks one round (one track) of auditions.
 *
 * - Each juror's score is the weighted rubric score. With 'zscore' it becomes (x − mean_j) / sd_j over that
 *   juror's scores in the ranked auditions of the round (population SD), so a harsh and a lenient juror
 *   count the same. The audition's score is the mean over its panel's jurors.
 * - A juror with fewer than 3 scores, or who gave every audition the same score (SD 0), cannot be corrected
 *   and is flagged. Their scores are not mixed in raw (a 7.5 next to z-values would dominate): they are put
 *   on the z-scale with the whole round's pooled mean and SD, i.e. read as a juror of average severity and
 *   spread. That keeps every juror's voice and one unit throughout; a juror with SD 0 then adds the same
 *   shift to all of their auditions, which is what their scores say.
 * - Order: score, then the agreed grade (none counts lowest), then the number of jurors who passed the
 *   applicant; auditions equal on all three share a rank and are marked `tied` (input order among them).
 * - No-shows and withdrawn applications are not ranked and do not count in the jurors' statistics; they,
 *   and auditions without any usable score, are listed in `notRanked`.
 *
 * One pass over the scores to compute them and sum per juror, one to normalise, then a sort of the auditions.
 * An audition's scores are taken in the order of their jurors' ids, so the same scores give the same figures to
 * the last bit in whatever order they were read (floating-point sums depend on the order of their terms).
 */
export function rankRound(input: RankingInput, method: RankingMethod = 'none'): RoundRanking {
  const { criteria, auditions } = input;
  checkRubric(criteria);

  const notRanked: RoundRanking['notRanked'] = [];
  const skippedScores: RoundRanking['skippedScores'] = [];

  // Flat arrays: score k belongs to audition scoreAudition[k] and juror scoreJuror[k].
  let total = 0;
  for (const a of auditions) total += a.scores.length;
  const value = new Float64Array(total);
  const scoreJuror = new Int32Array(total);
  const scoreAudition = new Int32Array(total);
  const jurorIndex = new Map<string, number>();
  const jurorIds: string[] = [];
  const ranked: number[] = [];
  const passedCount: number[] = [];
  let n = 0;

  for (let ai = 0; ai < auditions.length; ai++) {
    const a = auditions[ai];
    if (a.noShow || a.withdrawn) {
      notRanked.push({ applicationId: a.applicationId, reason: a.noShow ? 'no-show' : 'withdrawn' });
      continue;
    }
    const first = n;
    let passes = 0;
    for (const s of inJurorOrder(a.scores)) {
      let weighted = s.weighted ?? null;
      if (weighted === null) {
        const problem = misfit(criteria, s.criteria ?? {});
        if (problem) {
          skippedScores.push({ applicationId: a.applicationId, jurorId: s.jurorId, reason: problem });
          continue;
        }
        weighted = weightedScore(criteria, s.criteria!);
      }
      let j = jurorIndex.get(s.jurorId);
      if (j === undefined) {
        j = jurorIds.length;
        jurorIndex.set(s.jurorId, j);
        jurorIds.push(s.jurorId);
      }
      value[n] = weighted;
      scoreJuror[n] = j;
      scoreAudition[n] = ranked.length;
      n++;
      if (jurorPassed(s)) passes++;
    }
    if (n === first) {
      notRanked.push({ applicationId: a.applicationId, reason: 'not scored' });
      continue;
    }
    ranked.push(ai);
    passedCount.push(passes);
  }

  const flaggedJurors: RoundRanking['flaggedJurors'] = [];
  if (method === 'zscore' && n > 0) {
    const nJ = jurorIds.length;
    const count = new Int32Array(nJ);
    const mean = new Float64Array(nJ);
    const sq = new Float64Array(nJ);
    let pooledMean = 0;
    for (let k = 0; k < n; k++) {
      count[scoreJuror[k]]++;
      mean[scoreJuror[k]] += value[k];
      pooledMean += value[k];
    }
    pooledMean /= n;
    for (let j = 0; j < nJ; j++) mean[j] /= count[j];
    // Second pass on deviations (not sum of squares minus square of sums) so an SD of 0 comes out as 0.
    let pooledSq = 0;
    for (let k = 0; k < n; k++) {
      const d = value[k] - mean[scoreJuror[k]];
      sq[scoreJuror[k]] += d * d;
      pooledSq += (value[k] - pooledMean) ** 2;
    }
    const pooledSd = Math.sqrt(pooledSq / n);
    const centre = new Float64Array(nJ);
    const spread = new Float64Array(nJ);
    for (let j = 0; j < nJ; j++) {
      const sd = Math.sqrt(sq[j] / count[j]);
      if (count[j] < MIN_SCORES_FOR_ZSCORE) {
        flaggedJurors.push({
          jurorId: jurorIds[j],
          reason: `only ${count[j]} score${count[j] === 1 ? '' : 's'} in the round (at least ${MIN_SCORES_FOR_ZSCORE} needed): not normalised, read on the round's pooled scale`,
        });
      } else if (sd <= EPSILON * Math.max(1, Math.abs(mean[j]))) {
        flaggedJurors.push({
          jurorId: jurorIds[j],
          reason:
            "gave every audition the same score (SD 0): not normalised, read on the round's pooled scale",
        });
      } else {
        centre[j] = mean[j];
        spread[j] = sd;
        continue;
      }
      centre[j] = pooledMean;
      spread[j] = pooledSd; // 0 when every score of the round is equal: then every z is 0
    }
    for (let k = 0; k < n; k++) {
      const j = scoreJuror[k];
      value[k] = spread[j] > 0 ? (value[k] - centre[j]) / spread[j] : 0;
    }
  }

  const sum = new Float64Array(ranked.length);
  const jurors = new Int32Array(ranked.length);
  for (let k = 0; k < n; k++) {
    sum[scoreAudition[k]] += value[k];
    jurors[scoreAudition[k]]++;
  }

  const rows = ranked.map((ai, r) => ({
    order: r,
    a: auditions[ai],
    score: sum[r] / jurors[r],
    jurorsPassed: passedCount[r],
    jurors: jurors[r],
  }));
  type Row = (typeof rows)[number];
  const gradeOf = (row: Row) => row.a.agreedGrade ?? -Infinity;
  const compare = (x: Row, y: Row) => {
    if (!sameScore(x.score, y.score)) return y.score - x.score;
    if (gradeOf(x) !== gradeOf(y)) return gradeOf(y) - gradeOf(x);
    return y.jurorsPassed - x.jurorsPassed;
  };
  rows.sort((x, y) => compare(x, y) || x.order - y.order);

  const ranking: RankedAudition[] = [];
  let groupStart = 0;
  for (let i = 0; i < rows.length; i++) {
    // Compare with the first of the group, not the previous row, so near-equal scores cannot chain.
    if (i > 0 && compare(rows[groupStart], rows[i]) !== 0) groupStart = i;
    const row = rows[i];
    ranking.push({
      applicationId: row.a.applicationId,
      rank: groupStart + 1,
      score: row.score,
      grade: row.a.agreedGrade,
      passed: row.a.passed,
      tied: false,
      jurorsPassed: row.jurorsPassed,
      jurors: row.jurors,
    });
    if (i > groupStart) {
      ranking[groupStart].tied = true;
      ranking[i].tied = true;
    }
  }

  return { method, flaggedJurors, ranking, notRanked, skippedScores };
}

const byJuror = (x: JurorScoreInput, y: JurorScoreInput) =>
  x.jurorId < y.jurorId ? -1 : x.jurorId > y.jurorId ? 1 : 0;

/** The scores ordered by juror id (as given when they already are, the common case: no copy). */
function inJurorOrder(scores: readonly JurorScoreInput[]): readonly JurorScoreInput[] {
  for (let i = 1; i < scores.length; i++) {
    if (scores[i - 1].jurorId > scores[i].jurorId) return [...scores].sort(byJuror);
  }
  return scores;
}

/** Why a score does not fit the rubric (a criterion missing, not a number, or outside min..max), or null. */
function misfit(
  criteria: readonly RubricCriterion[],
  values: Readonly<Record<string, number>>,
): string | null {
  for (const c of criteria) {
    const x = values[c.key];
    if (typeof x !== 'number' || !Number.isFinite(x)) return `criterion '${c.key}' is missing`;
    if (x < c.min || x > c.max) return `criterion '${c.key}' is ${x}, outside ${c.min}..${c.max}`;
  }
  return null;
}
