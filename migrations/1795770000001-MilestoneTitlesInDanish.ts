import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Default milestones are titled in the student's language (issue 19): those of Danish-speaking students still
 * carrying the English default title get the Danish one. A title someone changed is left alone.
 */
export class MilestoneTitlesInDanish1795770000001 implements MigrationInterface {
  name = 'MilestoneTitlesInDanish1795770000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "project_milestones" m SET "title" = d."da"
         FROM "projects" p, "users" u,
              (VALUES ('proposal', 'Proposal', 'Projektforslag'),
                      ('midway', 'Midway presentation', 'Midtvejsfremlæggelse'),
                      ('final', 'Final presentation', 'Afsluttende præsentation')) AS d("kind", "en", "da")
        WHERE p."id" = m."project_id" AND u."id" = p."student_id" AND u."locale" = 'da'
          AND m."kind" = d."kind" AND m."title" = d."en"`,
    );
  }

  public async down(): Promise<void> {
    // The Danish titles stay: they are what the students read.
  }
}
