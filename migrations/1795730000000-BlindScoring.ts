import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Blind scoring that holds: the moment a juror was first shown the panel's scores for an audition. From then on
 * their own score is final; a change goes through the chair or staff with a reason (audited).
 */
export class BlindScoring1795730000000 implements MigrationInterface {
  name = 'BlindScoring1795730000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scores" ADD "panel_seen_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scores" DROP COLUMN "panel_seen_at"`);
  }
}
