import { MigrationInterface, QueryRunner } from 'typeorm';

export class StudentsAndProjects1795669787151 implements MigrationInterface {
  name = 'StudentsAndProjects1795669787151';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "at_risk_digests" ("week" character varying(10) NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, "project_count" integer NOT NULL, CONSTRAINT "PK_6534a5900f22f3377f8193429e8" PRIMARY KEY ("week"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "project_check_ins" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "project_id" uuid NOT NULL, "supervisor_id" uuid NOT NULL, "note" text NOT NULL, "on_track" boolean NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_4a7aa95e1c3b8436af02b5699d8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ddd3cc78c74e1c81c1171d1b95" ON "project_check_ins"  ("project_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "project_milestones" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "project_id" uuid NOT NULL, "kind" character varying(12) NOT NULL DEFAULT 'custom', "title" character varying(200) NOT NULL, "due_date" date NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE, "completed_by" uuid, "due_reminder_at" TIMESTAMP WITH TIME ZONE, "overdue_reminder_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0c561300a12c6ba3ad793dff4b8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a59e7e0769859735b9f5084ad1" ON "project_milestones"  ("project_id", "due_date") `,
    );
    await queryRunner.query(
      `CREATE TABLE "projects" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "enrolment_id" uuid NOT NULL, "student_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "goal" text NOT NULL, "description" text NOT NULL, "format" character varying(20) NOT NULL, "presentation_date" date NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'proposed', "supervisor_id" uuid, "return_comment" text, "approved_at" TIMESTAMP WITH TIME ZONE, "submitted_at" TIMESTAMP WITH TIME ZONE, "assessment" jsonb, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6271df0a7aed1d6c0691ce6ac50" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_739f2dd8faf279ff6ba6dd4180" ON "projects"  ("student_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_685554b1ab2ba2c55d97945272" ON "projects"  ("supervisor_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_c8ac160cfb94c8375886870044" ON "projects"  ("enrolment_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "annual_exams" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "enrolment_id" uuid NOT NULL, "year" smallint NOT NULL, "subjects" jsonb NOT NULL, "passed" boolean NOT NULL, "held_on" date NOT NULL, "advances_on" date, "recorded_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4805a68cedcf9d6feec358d833d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_1e8dba3b666baeca5514285a6a" ON "annual_exams"  ("enrolment_id", "year") `,
    );
    await queryRunner.query(
      `CREATE TABLE "enrolments" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "user_id" uuid NOT NULL, "application_id" uuid NOT NULL, "programme" character varying(8) NOT NULL, "track" character varying(40) NOT NULL, "main_subject" character varying(100) NOT NULL, "cohort" integer NOT NULL, "year" smallint NOT NULL DEFAULT '1', "advances_on" date, "status" character varying(12) NOT NULL DEFAULT 'active', "starts_on" date NOT NULL, "left_reason" text, "left_on" date, "completed_on" date, "final_exam" jsonb, "outcome" jsonb, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6e79971fbd26967c4da9ed52770" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e3efdacbcec04ecaee323363ca" ON "enrolments"  ("programme", "cohort", "status") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_7eb4b01f52fb0ce0e3136d87c7" ON "enrolments"  ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_c784a1e884074b9d87cbb35525" ON "enrolments"  ("application_id") `,
    );
    // Enrolments reference the accepted application by id only: the admissions room owns that link.
    await queryRunner.query(
      `ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "annual_exams" ADD CONSTRAINT "annual_exams_enrolment_fk" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "projects_enrolment_fk" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "projects_student_fk" FOREIGN KEY ("student_id") REFERENCES "users"("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "projects_supervisor_fk" FOREIGN KEY ("supervisor_id") REFERENCES "users"("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_project_fk" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_check_ins" ADD CONSTRAINT "project_check_ins_project_fk" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "project_check_ins" DROP CONSTRAINT "project_check_ins_project_fk"`);
    await queryRunner.query(
      `ALTER TABLE "project_milestones" DROP CONSTRAINT "project_milestones_project_fk"`,
    );
    await queryRunner.query(`ALTER TABLE "projects" DROP CONSTRAINT "projects_supervisor_fk"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP CONSTRAINT "projects_student_fk"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP CONSTRAINT "projects_enrolment_fk"`);
    await queryRunner.query(`ALTER TABLE "annual_exams" DROP CONSTRAINT "annual_exams_enrolment_fk"`);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP CONSTRAINT "enrolments_user_fk"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c784a1e884074b9d87cbb35525"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7eb4b01f52fb0ce0e3136d87c7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e3efdacbcec04ecaee323363ca"`);
    await queryRunner.query(`DROP TABLE "enrolments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1e8dba3b666baeca5514285a6a"`);
    await queryRunner.query(`DROP TABLE "annual_exams"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c8ac160cfb94c8375886870044"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_685554b1ab2ba2c55d97945272"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_739f2dd8faf279ff6ba6dd4180"`);
    await queryRunner.query(`DROP TABLE "projects"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a59e7e0769859735b9f5084ad1"`);
    await queryRunner.query(`DROP TABLE "project_milestones"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ddd3cc78c74e1c81c1171d1b95"`);
    await queryRunner.query(`DROP TABLE "project_check_ins"`);
    await queryRunner.query(`DROP TABLE "at_risk_digests"`);
  }
}
