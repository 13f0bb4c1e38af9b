import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded files in PostgreSQL: chunks of 1 MiB beside the material's row. Stored uncompressed (EXTERNAL):
 * recordings, images and PDFs barely compress, and an uncompressed value lets `substring` fetch only the
 * slices of a chunk a byte range needs.
 */
export class MaterialChunks1795710000000 implements MigrationInterface {
  name = 'MaterialChunks1795710000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "material_chunks" ("material_id" uuid NOT NULL, "n" integer NOT NULL, "data" bytea NOT NULL, CONSTRAINT "PK_30eb070f11321328ad860becbfb" PRIMARY KEY ("material_id", "n"))`,
    );
    await queryRunner.query(`ALTER TABLE "material_chunks" ALTER COLUMN "data" SET STORAGE EXTERNAL`);
    await queryRunner.query(
      `ALTER TABLE "material_chunks" ADD CONSTRAINT "FK_4afede580d716266ea5775eb0ae" FOREIGN KEY ("material_id") REFERENCES "materials"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "material_chunks" DROP CONSTRAINT "FK_4afede580d716266ea5775eb0ae"`);
    await queryRunner.query(`DROP TABLE "material_chunks"`);
  }
}
