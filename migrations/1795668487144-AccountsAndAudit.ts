import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountsAndAudit1795668487144 implements MigrationInterface {
  name = 'AccountsAndAudit1795668487144';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "email" character varying(254) NOT NULL, "name" character varying(200) NOT NULL, "role" character varying(16) NOT NULL, "password_hash" character varying(400), "birth_date" date, "locale" character varying(2) NOT NULL DEFAULT 'da', "guardian_name" character varying(200), "guardian_email" character varying(254), "guardian_phone" character varying(40), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "invitations" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "user_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_872ac94a64b3d44fc4b554780c" ON "invitations"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_records" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_role" character varying(16), "action" character varying(100) NOT NULL, "entity" character varying(50) NOT NULL, "entity_id" character varying(100) NOT NULL, "before" jsonb, "after" jsonb, "reason" text, CONSTRAINT "PK_f903ebdf175f062be69747b0f18" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_33967af8652334d18bd5fef624" ON "audit_records"  ("entity", "entity_id", "at") `,
    );
    // One account per e-mail address, whatever its case.
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email_lower_key" ON "users" (lower("email"))`);
    // The audit trail is append-only: the database itself refuses to change or remove a record.
    await queryRunner.query(`CREATE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit_records is append-only'; END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE ON "audit_records"
            FOR EACH ROW EXECUTE FUNCTION audit_records_append_only()`);
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "FK_fecdffec754fa4d5cea98709776" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_records_append_only ON "audit_records"`);
    await queryRunner.query(`DROP FUNCTION audit_records_append_only()`);
    await queryRunner.query(`DROP INDEX "public"."users_email_lower_key"`);
    await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "FK_fecdffec754fa4d5cea98709776"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_33967af8652334d18bd5fef624"`);
    await queryRunner.query(`DROP TABLE "audit_records"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_872ac94a64b3d44fc4b554780c"`);
    await queryRunner.query(`DROP TABLE "invitations"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
