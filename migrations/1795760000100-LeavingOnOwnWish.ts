import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a student left: a failed annual exam (every enrolment that has left so far) or their own wish, so the
 * staff pages and the figures can tell the two apart without reading the free-text reason.
 */
export class LeavingOnOwnWish1795760000100 implements MigrationInterface {
  name = 'LeavingOnOwnWish1795760000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enrolments" ADD "left_kind" character varying(16)`);
    await queryRunner.query(`UPDATE "enrolments" SET "left_kind" = 'failed_exam' WHERE "status" = 'left'`);
    await queryRunner.query(
      `ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_left_kind_check"
         CHECK ("left_kind" IN ('failed_exam', 'own_wish') AND "status" = 'left' OR "left_kind" IS NULL AND "status" <> 'left')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enrolments" DROP CONSTRAINT "enrolments_left_kind_check"`);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP COLUMN "left_kind"`);
  }
}
