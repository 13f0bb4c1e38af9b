import { MigrationInterface, QueryRunner } from 'typeorm';

export class Admissions1795670453372 implements MigrationInterface {
  name = 'Admissions1795670453372';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "decisions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "application_id" uuid NOT NULL, "intake_id" uuid NOT NULL, "track" character varying(40) NOT NULL, "main_subject" character varying(100) NOT NULL, "rank" integer, "grade" integer, "proposed_outcome" character varying(12), "explanation" text NOT NULL DEFAULT '', "outcome" character varying(12) NOT NULL, "override_reason" text, "decided_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_48eee6fa229cd5e43648f6a2ec3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_493f91586c9f0bce4ba71c41c7" ON "decisions"  ("application_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_eee37d61bdabb3f3a43fd86832" ON "decisions"  ("intake_id", "track") `,
    );
    await queryRunner.query(
      `CREATE TABLE "results_publications" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "intake_id" uuid NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "published_by" uuid NOT NULL, CONSTRAINT "PK_894116f41ff750501e2a51f2561" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_293de8e964c41f20700b1ed2b7" ON "results_publications"  ("intake_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "offers" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "application_id" uuid NOT NULL, "applicant_id" uuid NOT NULL, "intake_id" uuid NOT NULL, "track" character varying(40) NOT NULL, "main_subject" character varying(100) NOT NULL, "respond_by" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'open', "from_waitlist" boolean NOT NULL DEFAULT false, "responded_at" TIMESTAMP WITH TIME ZONE, "enrolment_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4c88e956195bba85977da21b8f4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_9776f4b29f47b095c0c97aab36" ON "offers"  ("application_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_22bab7518be204166b8f33fba4" ON "offers"  ("status", "respond_by") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_090b6f8469e3eb069f50838e6e" ON "offers"  ("intake_id", "track", "status") `,
    );
    // The generator does not see the hand-written constraints of earlier migrations; only these are new.
    await queryRunner.query(
      `ALTER TABLE "decisions" ADD CONSTRAINT "decisions_application_fk" FOREIGN KEY ("application_id") REFERENCES "applications"("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "offers" ADD CONSTRAINT "offers_application_fk" FOREIGN KEY ("application_id") REFERENCES "applications"("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "results_publications" ADD CONSTRAINT "results_publications_intake_fk" FOREIGN KEY ("intake_id") REFERENCES "intakes"("id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "results_publications" DROP CONSTRAINT "results_publications_intake_fk"`,
    );
    await queryRunner.query(`ALTER TABLE "offers" DROP CONSTRAINT "offers_application_fk"`);
    await queryRunner.query(`ALTER TABLE "decisions" DROP CONSTRAINT "decisions_application_fk"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_090b6f8469e3eb069f50838e6e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_22bab7518be204166b8f33fba4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9776f4b29f47b095c0c97aab36"`);
    await queryRunner.query(`DROP TABLE "offers"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_293de8e964c41f20700b1ed2b7"`);
    await queryRunner.query(`DROP TABLE "results_publications"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_eee37d61bdabb3f3a43fd86832"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_493f91586c9f0bce4ba71c41c7"`);
    await queryRunner.query(`DROP TABLE "decisions"`);
  }
}
