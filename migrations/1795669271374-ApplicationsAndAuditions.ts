import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApplicationsAndAuditions1795669271374 implements MigrationInterface {
  name = 'ApplicationsAndAuditions1795669271374';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "materials" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "application_id" uuid NOT NULL, "kind" character varying(30) NOT NULL, "filename" character varying(255), "content_type" character varying(100), "size" bigint, "sha256" character varying(64), "url" character varying(2000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2fd1a93ecb222a28bef28663fa0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a77789e13a662bedf754d747cd" ON "materials"  ("application_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "applications" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "applicant_id" uuid NOT NULL, "intake_id" uuid NOT NULL, "programme" character varying(8) NOT NULL, "track" character varying(40) NOT NULL, "main_subject" character varying(100) NOT NULL, "motivation" text NOT NULL DEFAULT '', "repertoire" jsonb NOT NULL DEFAULT '[]', "named_pieces" jsonb NOT NULL DEFAULT '{}', "unavailable" jsonb NOT NULL DEFAULT '[]', "status" character varying(20) NOT NULL DEFAULT 'draft', "submitted_at" TIMESTAMP WITH TIME ZONE, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "dispensation_status" character varying(12) NOT NULL DEFAULT 'none', "dispensation_reason" text, "dispensation_note" text, "deadline_reminder_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_938c0a27255637bde919591888f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_75038b371a71430fd8aec5c313" ON "applications"  ("intake_id", "track", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_a19c18335d856de3328d77ca34" ON "applications"  ("applicant_id", "intake_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "auditions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "round_id" uuid NOT NULL, "application_id" uuid NOT NULL, "panel_id" uuid NOT NULL, "slot_id" uuid, "attendance" character varying(12) NOT NULL DEFAULT 'scheduled', "attendance_at" TIMESTAMP WITH TIME ZONE, "advanced_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7eb52a8417710dbeac289f56b0d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_2dab928b2a3cafdbdbdb4cd350" ON "auditions"  ("application_id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_f801dea0d1785fa5975eeebadc" ON "auditions"  ("panel_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_54140270fff6507c16f97dfe1e" ON "auditions"  ("slot_id") WHERE slot_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_f99fa36273bdf085a333696467" ON "auditions"  ("round_id", "application_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "panels" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "round_id" uuid NOT NULL, "name" character varying(120) NOT NULL, CONSTRAINT "PK_28351db7a5287474802f65f837b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_12270a39841a0235bfe1ca01b0" ON "panels"  ("round_id", "name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "panel_members" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "panel_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" character varying(20) NOT NULL, CONSTRAINT "PK_02b94bfd5935db3ae179578b686" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_986bde8ec7546063389d3f4223" ON "panel_members"  ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_dc7ab3427691111b0f97d4d649" ON "panel_members"  ("panel_id", "role") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_94876b040e1ebede3ddf737578" ON "panel_members"  ("panel_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reschedule_requests" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "audition_id" uuid NOT NULL, "reason" text NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'requested', "note" text, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b2f9f501d24ba3ad41c368efac9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_944d03c8554a3d6f263be0b7f5" ON "reschedule_requests"  ("audition_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "rounds" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "intake_id" uuid NOT NULL, "track" character varying(40) NOT NULL, "kind" character varying(12) NOT NULL, "order" integer NOT NULL, "name" character varying(120) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9d254884a20817016e2f877c7e7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_94fe845e728ac63ae445abeaa7" ON "rounds"  ("intake_id", "track", "order") `,
    );
    await queryRunner.query(
      `CREATE TABLE "slots" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "round_id" uuid NOT NULL, "panel_id" uuid NOT NULL, "venue" character varying(120) NOT NULL, "room" character varying(120) NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8b553bb1941663b63fd38405e42" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_7eeb97c7ebafcaa22ed3cf9f83" ON "slots"  ("panel_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9d42c1d0153a269c5b2af4f8c7" ON "slots"  ("round_id", "starts_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "materials" ADD CONSTRAINT "FK_a77789e13a662bedf754d747cd3" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "panel_members" ADD CONSTRAINT "FK_e222cf3b4e087709a6e82621e22" FOREIGN KEY ("panel_id") REFERENCES "panels"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // No two slots in one room of one venue overlap, whatever races the service check.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(
      `ALTER TABLE "slots" ADD CONSTRAINT "slots_room_no_overlap" EXCLUDE USING gist (lower("venue") WITH =, lower("room") WITH =, tstzrange("starts_at", "ends_at") WITH &&)`,
    );
    await queryRunner.query(
      `ALTER TABLE "slots" ADD CONSTRAINT "slots_time_order" CHECK ("starts_at" < "ends_at")`,
    );
    // References across rooms: ids in one room always name a row of another.
    await queryRunner.query(
      `ALTER TABLE "applications" ADD CONSTRAINT "applications_applicant_fk" FOREIGN KEY ("applicant_id") REFERENCES "users"("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" ADD CONSTRAINT "applications_intake_fk" FOREIGN KEY ("intake_id") REFERENCES "intakes"("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "rounds" ADD CONSTRAINT "rounds_intake_fk" FOREIGN KEY ("intake_id") REFERENCES "intakes"("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "panels" ADD CONSTRAINT "panels_round_fk" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "slots" ADD CONSTRAINT "slots_round_fk" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "slots" ADD CONSTRAINT "slots_panel_fk" FOREIGN KEY ("panel_id") REFERENCES "panels"("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "auditions" ADD CONSTRAINT "auditions_round_fk" FOREIGN KEY ("round_id") REFERENCES "rounds"("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "auditions" ADD CONSTRAINT "auditions_application_fk" FOREIGN KEY ("application_id") REFERENCES "applications"("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "auditions" ADD CONSTRAINT "auditions_panel_fk" FOREIGN KEY ("panel_id") REFERENCES "panels"("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "auditions" ADD CONSTRAINT "auditions_slot_fk" FOREIGN KEY ("slot_id") REFERENCES "slots"("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "reschedule_requests" ADD CONSTRAINT "reschedule_requests_audition_fk" FOREIGN KEY ("audition_id") REFERENCES "auditions"("id") ON DELETE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, constraint] of [
      ['reschedule_requests', 'reschedule_requests_audition_fk'],
      ['auditions', 'auditions_slot_fk'],
      ['auditions', 'auditions_panel_fk'],
      ['auditions', 'auditions_application_fk'],
      ['auditions', 'auditions_round_fk'],
      ['slots', 'slots_panel_fk'],
      ['slots', 'slots_round_fk'],
      ['panel_members', 'panel_members_user_fk'],
      ['panels', 'panels_round_fk'],
      ['rounds', 'rounds_intake_fk'],
      ['applications', 'applications_intake_fk'],
      ['applications', 'applications_applicant_fk'],
      ['slots', 'slots_time_order'],
      ['slots', 'slots_room_no_overlap'],
    ]) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${constraint}"`);
    }
    await queryRunner.query(`ALTER TABLE "panel_members" DROP CONSTRAINT "FK_e222cf3b4e087709a6e82621e22"`);
    await queryRunner.query(`ALTER TABLE "materials" DROP CONSTRAINT "FK_a77789e13a662bedf754d747cd3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9d42c1d0153a269c5b2af4f8c7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7eeb97c7ebafcaa22ed3cf9f83"`);
    await queryRunner.query(`DROP TABLE "slots"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_94fe845e728ac63ae445abeaa7"`);
    await queryRunner.query(`DROP TABLE "rounds"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_944d03c8554a3d6f263be0b7f5"`);
    await queryRunner.query(`DROP TABLE "reschedule_requests"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_94876b040e1ebede3ddf737578"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_dc7ab3427691111b0f97d4d649"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_986bde8ec7546063389d3f4223"`);
    await queryRunner.query(`DROP TABLE "panel_members"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_12270a39841a0235bfe1ca01b0"`);
    await queryRunner.query(`DROP TABLE "panels"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f99fa36273bdf085a333696467"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_54140270fff6507c16f97dfe1e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f801dea0d1785fa5975eeebadc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2dab928b2a3cafdbdbdb4cd350"`);
    await queryRunner.query(`DROP TABLE "auditions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a19c18335d856de3328d77ca34"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_75038b371a71430fd8aec5c313"`);
    await queryRunner.query(`DROP TABLE "applications"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a77789e13a662bedf754d747cd"`);
    await queryRunner.query(`DROP TABLE "materials"`);
  }
}
