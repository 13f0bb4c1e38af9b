import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ranking reads a round's scores without their criteria (issue 22):
 * - `scores.round_id`: the audition's round (an audition never changes round), so the jury reads a round's scores
 *   by the round, not by 10,000 audition ids; filled from the audition by a trigger when an insert leaves it out.
 * - `scores.weighted`: the score's weighted rubric score, sum(weight × value) / sum(weights), computed by the API
 *   with the round's locked rubric when it writes a score that fits it (the ranking's own function, so the same
 *   number to the last bit). NULL when unknown (scores written before this migration, rows written by hand, a
 *   score that does not fit): the ranking then reads that score's criteria and weighs them itself. A change of
 *   `criteria` that does not also set `weighted` clears it (trigger), so it can never be stale.
 * - auditions by (round_id, created_at, id): the round's auditions in the ranking's order without a sort.
 * - `jury_submit_score` takes the weighted score and writes it with `round_id`; it also reads the audition's gate
 *   row before trying to create it (the row exists from the audition's first score on). It may be given the round
 *   the caller expects the audition in (`p_round`, whose rubric the body was checked and weighed with): when the
 *   audition is in another round it writes nothing and answers 'other_round' with the round (to a panel member
 *   only), so the API needs no query of its own to learn an audition's round (a juror's auditions share one).
 */
export class RankingReadsOneRound1795740000001 implements MigrationInterface {
  name = 'RankingReadsOneRound1795740000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE scores ADD COLUMN round_id uuid, ADD COLUMN weighted double precision`,
    );
    await queryRunner.query(
      `UPDATE scores s SET round_id = a.round_id FROM auditions a WHERE a.id = s.audition_id`,
    );
    await queryRunner.query(`ALTER TABLE scores ALTER COLUMN round_id SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE scores ADD CONSTRAINT scores_round_fk FOREIGN KEY (round_id) REFERENCES rounds(id)`,
    );
    await queryRunner.query(`CREATE INDEX scores_round_idx ON scores (round_id)`);
    await queryRunner.query(`CREATE INDEX auditions_round_order_idx ON auditions (round_id, created_at, id)`);
    await queryRunner.query(`
      CREATE FUNCTION scores_round_of_audition() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        SELECT a.round_id INTO NEW.round_id FROM auditions a WHERE a.id = NEW.audition_id;
        RETURN NEW;
      END
      $fn$`);
    await queryRunner.query(`
      CREATE TRIGGER scores_round_of_audition BEFORE INSERT ON scores
        FOR EACH ROW WHEN (NEW.round_id IS NULL) EXECUTE FUNCTION scores_round_of_audition()`);
    await queryRunner.query(`
      CREATE FUNCTION scores_unweigh() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        NEW.weighted := NULL;
        RETURN NEW;
      END
      $fn$`);
    await queryRunner.query(`
      CREATE TRIGGER scores_weighted_follows_criteria BEFORE UPDATE OF criteria ON scores
        FOR EACH ROW
        WHEN (NEW.criteria IS DISTINCT FROM OLD.criteria AND NEW.weighted IS NOT DISTINCT FROM OLD.weighted)
        EXECUTE FUNCTION scores_unweigh()`);

    await queryRunner.query(
      `DROP FUNCTION jury_submit_score(uuid, uuid, jsonb, int, text, varchar, timestamptz, boolean)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION jury_submit_score(
        p_audition uuid, p_juror uuid, p_criteria jsonb, p_grade int, p_comment text,
        p_actor_role varchar, p_at timestamptz, p_fits boolean, p_weighted double precision,
        p_round uuid DEFAULT NULL
      ) RETURNS jsonb LANGUAGE plpgsql AS $fn$
      DECLARE
        v_attendance varchar;
        v_round uuid;
        v_member boolean;
        v_kind varchar;
        v_locked timestamptz;
        v_cur scores%ROWTYPE;
        v_new scores%ROWTYPE;
        v_after jsonb;
      BEGIN
        SELECT a.attendance, a.round_id,
               EXISTS (SELECT 1 FROM panel_members pm WHERE pm.panel_id = a.panel_id AND pm.user_id = p_juror)
          INTO v_attendance, v_round, v_member
          FROM auditions a WHERE a.id = p_audition;
        IF NOT FOUND OR NOT v_member THEN
          RETURN jsonb_build_object('status', 'not_found');
        END IF;
        IF p_round IS NOT NULL AND p_round <> v_round THEN
          -- p_fits and p_weighted were worked out with another round's rubric: nothing written, try again.
          RETURN jsonb_build_object('status', 'other_round', 'roundId', v_round);
        END IF;
        IF NOT p_fits THEN
          RETURN jsonb_build_object('status', 'invalid');
        END IF;
        SELECT c.kind INTO v_kind FROM conflicts c WHERE c.audition_id = p_audition AND c.juror_id = p_juror;
        IF FOUND THEN
          RETURN jsonb_build_object('status', 'recused', 'kind', v_kind);
        END IF;
        PERFORM pg_advisory_xact_lock(hashtextextended('score:' || p_audition::text || ':' || p_juror::text, 0));
        SELECT r.locked_at INTO v_locked FROM audition_results r WHERE r.audition_id = p_audition FOR SHARE;
        IF NOT FOUND THEN
          INSERT INTO audition_results (audition_id) VALUES (p_audition) ON CONFLICT DO NOTHING;
          SELECT r.locked_at INTO v_locked FROM audition_results r WHERE r.audition_id = p_audition FOR SHARE;
        END IF;
        IF v_locked IS NOT NULL THEN
          RETURN jsonb_build_object('status', 'locked', 'lockedAt', v_locked);
        END IF;
        IF v_attendance = 'no_show' THEN
          RETURN jsonb_build_object('status', 'no_show');
        END IF;
        v_after := jsonb_build_object('jurorId', p_juror, 'criteria', p_criteria, 'grade', p_grade, 'comment', p_comment);

        SELECT * INTO v_cur FROM scores s WHERE s.audition_id = p_audition AND s.juror_id = p_juror FOR UPDATE;
        IF NOT FOUND THEN
          INSERT INTO scores (audition_id, juror_id, round_id, criteria, grade, comment, revision, weighted)
          VALUES (p_audition, p_juror, v_round, p_criteria, p_grade, p_comment, 1, p_weighted)
          ON CONFLICT (audition_id, juror_id) DO NOTHING
          RETURNING * INTO v_new;
          IF FOUND THEN
            INSERT INTO audit_records (at, actor_id, actor_role, action, entity, entity_id, before, after)
            VALUES (p_at, p_juror, p_actor_role, 'score.submitted', 'audition', p_audition::text, NULL,
                    v_after || jsonb_build_object('revision', 1));
            RETURN jsonb_build_object('status', 'ok', 'score', to_jsonb(v_new));
          END IF;
          -- Someone inserted first outside the advisory lock (it has committed): revise that one.
          SELECT * INTO v_cur FROM scores s WHERE s.audition_id = p_audition AND s.juror_id = p_juror FOR UPDATE;
        END IF;

        IF v_cur.panel_seen_at IS NOT NULL THEN
          -- Blind scoring holds: the same score again (a retry) answers it unchanged; anything else is refused.
          IF v_cur.criteria = p_criteria AND v_cur.grade = p_grade AND v_cur.comment IS NOT DISTINCT FROM p_comment THEN
            RETURN jsonb_build_object('status', 'ok', 'score', to_jsonb(v_cur));
          END IF;
          RETURN jsonb_build_object('status', 'final', 'panelSeenAt', v_cur.panel_seen_at);
        END IF;
        UPDATE scores SET criteria = p_criteria, grade = p_grade, comment = p_comment, weighted = p_weighted,
                          revision = revision + 1, updated_at = now()
         WHERE id = v_cur.id
        RETURNING * INTO v_new;
        INSERT INTO audit_records (at, actor_id, actor_role, action, entity, entity_id, before, after)
        VALUES (p_at, p_juror, p_actor_role, 'score.revised', 'audition', p_audition::text,
                jsonb_build_object('jurorId', p_juror, 'revision', v_cur.revision, 'criteria', v_cur.criteria,
                                   'grade', v_cur.grade, 'comment', v_cur.comment),
                v_after || jsonb_build_object('revision', v_cur.revision + 1));
        RETURN jsonb_build_object('status', 'ok', 'score', to_jsonb(v_new));
      END
      $fn$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP FUNCTION jury_submit_score(uuid, uuid, jsonb, int, text, varchar, timestamptz, boolean, double precision, uuid)`,
    );
    await queryRunner.query(`DROP TRIGGER scores_weighted_follows_criteria ON scores`);
    await queryRunner.query(`DROP FUNCTION scores_unweigh()`);
    await queryRunner.query(`DROP TRIGGER scores_round_of_audition ON scores`);
    await queryRunner.query(`DROP FUNCTION scores_round_of_audition()`);
    await queryRunner.query(`DROP INDEX auditions_round_order_idx`);
    await queryRunner.query(`ALTER TABLE scores DROP COLUMN weighted, DROP COLUMN round_id`);
    // The function of migration 1795740000000 comes back as it was.
    const { ScoreWriteFunction1795740000000 } = await import('./1795740000000-ScoreWriteFunction.js');
    await new ScoreWriteFunction1795740000000().up(queryRunner);
  }
}
