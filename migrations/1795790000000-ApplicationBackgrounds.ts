import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The applicants' voluntary background answers (issue 21) in a table of their own, beside the application and
 * removed with it; nothing but the yearly figures reads them.
 */
export class ApplicationBackgrounds1795790000000 implements MigrationInterface {
  name = 'ApplicationBackgrounds1795790000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "application_backgrounds" (
      "application_id" uuid NOT NULL,
      "gender" character varying(20),
      "gender_description" character varying(60),
      "municipality_code" character varying(10),
      "school" character varying(200),
      "feeder_course" character varying(20),
      "feeder_course_where" character varying(200),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "application_backgrounds_pkey" PRIMARY KEY ("application_id"),
      CONSTRAINT "application_backgrounds_application_fk" FOREIGN KEY ("application_id")
        REFERENCES "applications"("id") ON DELETE CASCADE,
      CONSTRAINT "application_backgrounds_gender_check"
        CHECK ("gender" IN ('woman', 'man', 'self-described', 'prefer-not')),
      CONSTRAINT "application_backgrounds_feeder_check"
        CHECK ("feeder_course" IN ('talent-class', 'other-course', 'none', 'prefer-not')),
      CONSTRAINT "application_backgrounds_municipality_check"
        CHECK ("municipality_code" ~ '^[0-9]{3}$' OR "municipality_code" = 'prefer-not')
    )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "application_backgrounds"`);
  }
}
