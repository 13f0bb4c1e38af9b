import { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalogue1795668767092 implements MigrationInterface {
  name = 'Catalogue1795668767092';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "programmes" ("code" character varying(10) NOT NULL, "name_da" character varying(200) NOT NULL, "name_en" character varying(200) NOT NULL, CONSTRAINT "PK_716cd216ca31adaa70e65bb1899" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "tracks" ("programme_code" character varying(10) NOT NULL, "code" character varying(40) NOT NULL, "name_da" character varying(200) NOT NULL, "name_en" character varying(200) NOT NULL, "requirements" jsonb NOT NULL DEFAULT '{}', "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_65fc1f0729bfaaa2bc68acc27c3" PRIMARY KEY ("programme_code", "code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "intakes" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "programme_code" character varying(10) NOT NULL, "year" integer NOT NULL, "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "auditions_from" TIMESTAMP WITH TIME ZONE NOT NULL, "auditions_to" TIMESTAMP WITH TIME ZONE NOT NULL, "results_at" TIMESTAMP WITH TIME ZONE NOT NULL, "offer_response_days" integer NOT NULL, "seats" jsonb NOT NULL, "quotas" jsonb NOT NULL DEFAULT '[]', "min_age" integer NOT NULL, "max_age" integer NOT NULL, "age_reference_date" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "intakes_programme_year_key" UNIQUE ("programme_code", "year"), CONSTRAINT "PK_a90d2ecf82eb04f663a52d34fef" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "rubrics" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "intake_id" uuid NOT NULL, "track" character varying(40) NOT NULL, "criteria" jsonb NOT NULL, "locked_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "rubrics_intake_track_key" UNIQUE ("intake_id", "track"), CONSTRAINT "PK_3dfcdc7f63f3fa048ebe0293a90" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "tracks" ADD CONSTRAINT "FK_c2cabde4739a25d1028a13699dc" FOREIGN KEY ("programme_code") REFERENCES "programmes"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "intakes" ADD CONSTRAINT "FK_f5873eff195cbff78a95889b682" FOREIGN KEY ("programme_code") REFERENCES "programmes"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "rubrics" ADD CONSTRAINT "FK_40814d04d8073fb6bf21e15b5e2" FOREIGN KEY ("intake_id") REFERENCES "intakes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // Reference data: the academy's programmes and tracks, and what each track asks of an application
    // (read by missingRequirements in src/catalogue/requirements.ts). Frozen here on purpose: a later
    // change of requirements is a new migration, so every database tells the same story.
    await queryRunner.query(`INSERT INTO "programmes" ("code", "name_da", "name_en") VALUES
            ('MGK', 'Musikalsk Grundkursus', 'Music Foundation Course'),
            ('BGK', 'Billedkunstnerisk Grundkursus', 'Visual Art Foundation Course'),
            ('TGK', 'Teatrets Grundkursus', 'Theatre Foundation Course')`);
    const repertoire = {
      repertoire: { minPieces: 2, maxPieces: 3, maxTotalMinutes: 10 },
      motivation: { required: true },
      bringDa: 'Dit instrument og noder til akkompagnatøren til de værker, du spiller.',
      bringEn: 'Your instrument, and sheet music for the accompanist for the pieces you play.',
    };
    const tracks: [string, string, string, string, number, object][] = [
      ['MGK', 'classical', 'Klassisk', 'Classical', 1, repertoire],
      ['MGK', 'rhythmic', 'Rytmisk', 'Rhythmic', 2, repertoire],
      [
        'MGK',
        'production',
        'Produktion',
        'Production',
        3,
        {
          uploads: [
            { kind: 'work', min: 2, labelDa: 'værk', labelEn: 'work' },
            { kind: 'cv', min: 1, labelDa: 'CV', labelEn: 'CV' },
          ],
          motivation: { required: true },
          bringDa: 'En computer eller et lagermedie med dine værker, og hovedtelefoner.',
          bringEn: 'A laptop or drive with your works, and headphones.',
        },
      ],
      [
        'BGK',
        'visual-art',
        'Billedkunst',
        'Visual art',
        1,
        {
          uploads: [{ kind: 'portfolio', min: 1, labelDa: 'portfolio', labelEn: 'portfolio' }],
          motivation: { required: true },
          bringDa: 'Tre til fem originale værker og din skitsebog.',
          bringEn: 'Three to five original works and your sketchbook.',
        },
      ],
      [
        'TGK',
        'theatre',
        'Teater',
        'Theatre',
        1,
        {
          namedPieces: [
            { key: 'monologue', labelDa: 'monolog', labelEn: 'monologue' },
            { key: 'song', labelDa: 'sang', labelEn: 'song' },
          ],
          motivation: { required: true },
          bringDa: 'Tøj du kan bevæge dig frit i, og noder til din sang.',
          bringEn: 'Clothes you can move freely in, and sheet music for your song.',
        },
      ],
    ];
    for (const [programme, code, nameDa, nameEn, position, requirements] of tracks) {
      await queryRunner.query(
        `INSERT INTO "tracks" ("programme_code", "code", "name_da", "name_en", "position", "requirements")
                 VALUES ($1, $2, $3, $4, $5, $6)`,
        [programme, code, nameDa, nameEn, position, JSON.stringify(requirements)],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rubrics" DROP CONSTRAINT "FK_40814d04d8073fb6bf21e15b5e2"`);
    await queryRunner.query(`ALTER TABLE "intakes" DROP CONSTRAINT "FK_f5873eff195cbff78a95889b682"`);
    await queryRunner.query(`ALTER TABLE "tracks" DROP CONSTRAINT "FK_c2cabde4739a25d1028a13699dc"`);
    await queryRunner.query(`DROP TABLE "rubrics"`);
    await queryRunner.query(`DROP TABLE "intakes"`);
    await queryRunner.query(`DROP TABLE "tracks"`);
    await queryRunner.query(`DROP TABLE "programmes"`);
  }
}
