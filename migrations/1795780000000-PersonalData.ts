import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data (issue 20): when a person was anonymised, what they were told at registration, their erasure
 * requests, and the one narrow exception to the audit trail's append-only rule: while a transaction has set
 * academy.erasing, a record's before/after may become audit_redact() of what they were and its reason
 * '[erased]'; nothing else of a record may change and no record may be deleted.
 */
export class PersonalData1795780000000 implements MigrationInterface {
  name = 'PersonalData1795780000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE TABLE "consents" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "user_id" uuid NOT NULL, "kind" character varying(30) NOT NULL, "version" character varying(20) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_consents" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "consents_user_idx" ON "consents" ("user_id")`);
    await queryRunner.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "consents_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "erasure_requests" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "user_id" uuid NOT NULL, "reason" text, "status" character varying(12) NOT NULL DEFAULT 'requested', "refusal_reason" text, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_erasure_requests" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "erasure_requests_user_idx" ON "erasure_requests" ("user_id")`);
    // At most one open request per person: asking twice answers the open one.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "erasure_requests_one_open" ON "erasure_requests" ("user_id") WHERE status = 'requested'`,
    );
    await queryRunner.query(
      `ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id")`,
    );
    // Keeps ids, dates, numbers, booleans and lower-case codes; every other string, and every value under a key
    // that names free text or a person, becomes '[erased]'.
    await queryRunner.query(`CREATE FUNCTION audit_redact(v jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
      BEGIN
        IF v IS NULL THEN RETURN NULL; END IF;
        CASE jsonb_typeof(v)
          WHEN 'object' THEN
            RETURN (SELECT coalesce(jsonb_object_agg(key, CASE
                      WHEN jsonb_typeof(value) <> 'null' AND lower(key) IN ('email', 'name', 'reason', 'comment',
                        'note', 'title', 'goal', 'description', 'examiner', 'motivation', 'phone', 'guardian')
                      THEN to_jsonb('[erased]'::text)
                      ELSE audit_redact(value) END), '{}'::jsonb)
                    FROM jsonb_each(v));
          WHEN 'array' THEN
            RETURN (SELECT coalesce(jsonb_agg(audit_redact(e.value) ORDER BY e.n), '[]'::jsonb)
                    FROM jsonb_array_elements(v) WITH ORDINALITY AS e(value, n));
          WHEN 'string' THEN
            IF (v #>> '{}') ~ '^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]+)?(Z|[+-][0-9:]+)?|[a-z][a-z0-9_.-]{0,39}|-?[0-9.]+|\\[erased\\])$'
            THEN RETURN v; END IF;
            RETURN to_jsonb('[erased]'::text);
          ELSE RETURN v;
        END CASE;
      END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND current_setting('academy.erasing', true) = 'on'
          AND NEW.id = OLD.id AND NEW.at = OLD.at
          AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.actor_role IS NOT DISTINCT FROM OLD.actor_role
          AND NEW.action = OLD.action AND NEW.entity = OLD.entity AND NEW.entity_id = OLD.entity_id
          AND NEW.before IS NOT DISTINCT FROM audit_redact(OLD.before)
          AND NEW.after IS NOT DISTINCT FROM audit_redact(OLD.after)
          AND (NEW.reason IS NOT DISTINCT FROM OLD.reason OR NEW.reason = '[erased]') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_records is append-only';
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit_records is append-only'; END $$`);
    await queryRunner.query(`DROP FUNCTION audit_redact(jsonb)`);
    await queryRunner.query(`DROP TABLE "erasure_requests"`);
    await queryRunner.query(`DROP TABLE "consents"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "erased_at"`);
  }
}
