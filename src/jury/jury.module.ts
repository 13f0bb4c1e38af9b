import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/applications.module.js';
import { AuditionsModule } from '../auditions/auditions.module.js';
import { AuditionResult } from './audition-result.entity.js';
import { Conflict } from './conflict.entity.js';
import { JuryController } from './jury.controller.js';
import { JuryService } from './jury.service.js';
import { Score } from './score.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Score, Conflict, AuditionResult]), AuditionsModule, ApplicationsModule],
  controllers: [JuryController],
  providers: [JuryService],
  exports: [JuryService],
})
export class JuryModule {}
