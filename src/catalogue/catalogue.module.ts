import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueController } from './catalogue.controller.js';
import { CatalogueService } from './catalogue.service.js';
import { Intake } from './intake.entity.js';
import { Programme, Track } from './programme.entity.js';
import { Rubric } from './rubric.entity.js';

/** Global: applications, auditions, jury and admissions all read intakes, tracks and rubrics here. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Programme, Track, Intake, Rubric])],
  controllers: [CatalogueController],
  providers: [CatalogueService],
  exports: [CatalogueService],
})
export class CatalogueModule {}
