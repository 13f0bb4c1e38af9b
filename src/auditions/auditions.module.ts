import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/applications.module.js';
import { Audition } from './audition.entity.js';
import { AuditionsController } from './auditions.controller.js';
import { AuditionsService } from './auditions.service.js';
import { Panel, PanelMember } from './panel.entity.js';
import { RescheduleRequest } from './reschedule-request.entity.js';
import { Round } from './round.entity.js';
import { Slot } from './slot.entity.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Round, Panel, PanelMember, Slot, Audition, RescheduleRequest]),
    ApplicationsModule,
  ],
  controllers: [AuditionsController],
  providers: [AuditionsService],
  exports: [AuditionsService],
})
export class AuditionsModule {}
