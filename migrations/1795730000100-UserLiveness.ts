import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tokens tied to live users: staff can deactivate an account, and every deactivation or role change bumps the
 * user's token version, which each access token carries, so tokens issued before it stop working at once.
 */
export class UserLiveness1795730000100 implements MigrationInterface {
  name = 'UserLiveness1795730000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "active" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "active"`);
  }
}
