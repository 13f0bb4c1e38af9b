import { Module, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { diskStorage } from 'multer';
import { mkdir } from 'node:fs/promises';
import { Sweeper } from '../common/sweeper.js';
import type { Env } from '../config/env.js';
import { Application } from './application.entity.js';
import { ApplicationsController, IntakeApplicationsController } from './applications.controller.js';
import { ApplicationBackground } from './background.entity.js';
import { ApplicationsService } from './applications.service.js';
import { Material } from './material.entity.js';
import { MaterialsService } from './materials.service.js';
import { fileStorageProvider } from './storage/storage.provider.js';
import { removeLeftOverUploads, uploadFolder } from './storage/upload-folder.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Application, ApplicationBackground, Material]),
    MulterModule.registerAsync({
      inject: [ConfigService],
      // Files land in this process's temporary folder first (at the client's pace, outside any transaction);
      // only a checked file is then copied into the storage under its id.
      useFactory: (config: ConfigService<Env, true>) => ({
        storage: diskStorage({
          // Made again if something cleared the temporary folder since the last upload.
          destination: (_req, _file, done) => {
            const dir = uploadFolder();
            mkdir(dir, { recursive: true }).then(
              () => done(null, dir),
              (error: Error) => done(error, dir),
            );
          },
        }),
        limits: { fileSize: config.get('UPLOAD_MAX_BYTES'), files: 1, fields: 10 },
      }),
    }),
  ],
  controllers: [ApplicationsController, IntakeApplicationsController],
  providers: [ApplicationsService, MaterialsService, fileStorageProvider],
  // The web pages are a second face of this room: they upload with the same multer settings and service.
  exports: [ApplicationsService, MaterialsService, MulterModule],
})
export class ApplicationsModule implements OnModuleInit {
  constructor(
    private readonly sweeper: Sweeper,
    private readonly applications: ApplicationsService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.sweeper.every('application-deadline-reminders', () => this.applications.remindDrafts());
    // Partial files of a process on this machine that was killed mid-upload.
    await removeLeftOverUploads();
  }
}
