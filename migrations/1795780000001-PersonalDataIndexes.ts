import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finding a person's rows for export, erasure and retention: the audit trail by the record or the actor (its
 * existing index leads with the entity's kind, which these lookups don't know), the outbox by recipient.
 */
export class PersonalDataIndexes1795780000001 implements MigrationInterface {
  name = 'PersonalDataIndexes1795780000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "audit_records_entity_id_idx" ON "audit_records" ("entity_id")`);
    await queryRunner.query(`CREATE INDEX "audit_records_actor_idx" ON "audit_records" ("actor_id")`);
    await queryRunner.query(
      `CREATE INDEX "notifications_recipient_idx" ON "notifications" ("recipient_user_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."notifications_recipient_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_records_actor_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_records_entity_id_idx"`);
  }
}
