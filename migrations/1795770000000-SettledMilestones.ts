import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Approval settles a project's proposal milestone and handing in its final presentation's (issue 19): projects
 * approved or handed in before that rule get those milestones completed as of the approval or the hand-in, by
 * nobody in particular (the system), so they stop being reminded of and flagged as overdue.
 */
export class SettledMilestones1795770000000 implements MigrationInterface {
  name = 'SettledMilestones1795770000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "project_milestones" m SET "completed_at" = p."approved_at"
         FROM "projects" p
        WHERE p."id" = m."project_id" AND m."kind" = 'proposal' AND m."completed_at" IS NULL
          AND p."approved_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `UPDATE "project_milestones" m SET "completed_at" = p."submitted_at"
         FROM "projects" p
        WHERE p."id" = m."project_id" AND m."kind" = 'final' AND m."completed_at" IS NULL
          AND p."submitted_at" IS NOT NULL`,
    );
  }

  public async down(): Promise<void> {
    // Completing a milestone is not undone: which ones were open before cannot be told apart any more.
  }
}
