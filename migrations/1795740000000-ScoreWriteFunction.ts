import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A juror's score write in one statement (issue 22): `jury_submit_score` checks the seat on the audition's panel
 * and recusal, queues two devices of one juror on the (audition, juror) advisory lock, holds the audition's gate
 * row FOR SHARE (recording the result waits for it; a score after the result sees `locked_at`), refuses a
 * no-show, applies blind scoring (a score is final once its juror saw the panel's), and inserts or revises the
 * score with its audit record. The same rules and lock order as JuryService's transaction, in one round trip: run
 * on its own, the statement is its own transaction. It answers `{status, ...}`; only 'ok' wrote anything.
 * `p_fits`: whether the score fits the (locked) rubric, checked by the caller; the answer 'invalid' comes after
 * the panel check, so a stranger learns nothing about the audition from a wrong body.
 */
export class ScoreWriteFunction1795740000000 implements MigrationInterface {
  name = 'ScoreWriteFunction1795740000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION jury_submit_score(
        p_audition uuid, p_juror uuid, p_criteria jsonb, p_grade int, p_comment text,
        p_actor_role varchar, p_at timestamptz, p_fits boolean
      ) RETURNS jsonb LANGUAGE plpgsql AS $fn$
      DECLARE
        v_attendance varchar;
        v_member boolean;
        v_kind varchar;
        v_locked timestamptz;
        v_cur scores%ROWTYPE;
        v_new scores%ROWTYPE;
        v_after jsonb;
      BEGIN
        SELECT a.attendance,
               EXISTS (SELECT 1 FROM panel_members pm WHERE pm.panel_id = a.panel_id AND pm.user_id = p_juror)
          INTO v_attendance, v_member
          FROM auditions a WHERE a.id = p_audition;
        IF NOT FOUND OR NOT v_member THEN
          RETURN jsonb_build_object('status', 'not_found');
        END IF;
        IF NOT p_fits THEN
          RETURN jsonb_build_object('status', 'invalid');
        END IF;
        SELECT c.kind INTO v_kind FROM conflicts c WHERE c.audition_id = p_audition AND c.juror_id = p_juror;
        IF FOUND THEN
          RETURN jsonb_build_object('status', 'recused', 'kind', v_kind);
        END IF;
        PERFORM pg_advisory_xact_lock(hashtextextended('score:' || p_audition::text || ':' || p_juror::text, 0));
        INSERT INTO audition_results (audition_id) VALUES (p_audition) ON CONFLICT DO NOTHING;
        SELECT r.locked_at INTO v_locked FROM audition_results r WHERE r.audition_id = p_audition FOR SHARE;
        IF v_locked IS NOT NULL THEN
          RETURN jsonb_build_object('status', 'locked', 'lockedAt', v_locked);
        END IF;
        IF v_attendance = 'no_show' THEN
          RETURN jsonb_build_object('status', 'no_show');
        END IF;
        v_after := jsonb_build_object('jurorId', p_juror, 'criteria', p_criteria, 'grade', p_grade, 'comment', p_comment);

        SELECT * INTO v_cur FROM scores s WHERE s.audition_id = p_audition AND s.juror_id = p_juror FOR UPDATE;
        IF NOT FOUND THEN
          INSERT INTO scores (audition_id, juror_id, criteria, grade, comment, revision)
          VALUES (p_audition, p_juror, p_criteria, p_grade, p_comment, 1)
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
        UPDATE scores SET criteria = p_criteria, grade = p_grade, comment = p_comment,
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
      `DROP FUNCTION jury_submit_score(uuid, uuid, jsonb, int, text, varchar, timestamptz, boolean)`,
    );
  }
}
