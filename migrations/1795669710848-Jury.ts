import { MigrationInterface, QueryRunner } from 'typeorm';

/** Jury: scores, conflicts of interest, and the audition's agreed result (which is also its lock). */
export class Jury1795669710848 implements MigrationInterface {
  name = 'Jury1795669710848';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audition_results" ("audition_id" uuid NOT NULL, "grade" integer, "passed" boolean, "note" text, "decided_by" uuid, "locked_at" TIMESTAMP WITH TIME ZONE, "reopened_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_430986e31d92f604b1485c7a1e7" PRIMARY KEY ("audition_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "conflicts" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "audition_id" uuid NOT NULL, "juror_id" uuid NOT NULL, "kind" character varying(10) NOT NULL, "reason" text NOT NULL, "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a1b90d7fdf566d825842f26cf86" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_313db49eb55061895c3b578479" ON "conflicts"  ("juror_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_69f835068a9ab5babbd842caeb" ON "conflicts"  ("audition_id", "juror_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "scores" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "audition_id" uuid NOT NULL, "juror_id" uuid NOT NULL, "criteria" jsonb NOT NULL, "grade" integer NOT NULL, "comment" text, "revision" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c36917e6f26293b91d04b8fd521" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_9c593bf68ce8835e97d4fbb628" ON "scores"  ("juror_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_0ec74f61778787e14258eabab4" ON "scores"  ("audition_id", "juror_id") `,
    );
    // Hand-written (TypeORM does not model these): the grade is on the 7-point scale, and every row hangs off
    // a real audition and person.
    await queryRunner.query(
      `ALTER TABLE "scores" ADD CONSTRAINT "scores_grade_scale" CHECK ("grade" IN (12, 10, 7, 4, 2, 0, -3))`,
    );
    await queryRunner.query(
      `ALTER TABLE "audition_results" ADD CONSTRAINT "audition_results_grade_scale" CHECK ("grade" IN (12, 10, 7, 4, 2, 0, -3))`,
    );
    for (const [table, name, column, target] of FOREIGN_KEYS) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}") REFERENCES "${target}"("id")`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "scores"`);
    await queryRunner.query(`DROP TABLE "conflicts"`);
    await queryRunner.query(`DROP TABLE "audition_results"`);
  }
}

const FOREIGN_KEYS: Array<[string, string, string, string]> = [
  ['scores', 'scores_audition_fk', 'audition_id', 'auditions'],
  ['scores', 'scores_juror_fk', 'juror_id', 'users'],
  ['conflicts', 'conflicts_audition_fk', 'audition_id', 'auditions'],
  ['conflicts', 'conflicts_juror_fk', 'juror_id', 'users'],
  ['audition_results', 'audition_results_audition_fk', 'audition_id', 'auditions'],
];
