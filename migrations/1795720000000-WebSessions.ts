import { MigrationInterface, QueryRunner } from 'typeorm';

/** Signed-in browsers of the web pages (issue 16): the hash of the cookie's id, its user and CSRF token. */
export class WebSessions1795720000000 implements MigrationInterface {
  name = 'WebSessions1795720000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "web_sessions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "token_hash" char(64) NOT NULL, "user_id" uuid NOT NULL, "csrf_token" varchar(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_web_sessions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_web_sessions_token_hash" ON "web_sessions" ("token_hash")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_web_sessions_user_id" ON "web_sessions" ("user_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_web_sessions_expires_at" ON "web_sessions" ("expires_at")`);
    await queryRunner.query(
      `ALTER TABLE "web_sessions" ADD CONSTRAINT "FK_web_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "web_sessions"`);
  }
}
