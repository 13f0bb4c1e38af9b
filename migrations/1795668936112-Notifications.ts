import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795668936112 implements MigrationInterface {
  name = 'Notifications1795668936112';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "type" character varying(60) NOT NULL, "recipient_user_id" uuid NOT NULL, "to_address" character varying(254) NOT NULL, "to_name" character varying(200) NOT NULL, "locale" character varying(2) NOT NULL, "guardian_copy" boolean NOT NULL DEFAULT false, "data" jsonb NOT NULL, "topic" character varying(200), "application_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "delivery" integer NOT NULL DEFAULT '1', "last_error" character varying(1000), "send_at" TIMESTAMP WITH TIME ZONE NOT NULL, "relayed_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "resend_of" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_fc7d216ba00b1d261c9e818939" ON "notifications"  ("topic") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_dd75186e413a1f6e0d1ef8e121" ON "notifications"  ("application_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_due_idx" ON "notifications"  ("status", "send_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."notifications_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_dd75186e413a1f6e0d1ef8e121"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fc7d216ba00b1d261c9e818939"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
  }
}
