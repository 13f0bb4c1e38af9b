import { Broadcast } from './broadcast.js';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from './clock.js';
import { Links } from './links.js';
import { PROCESS_ROLE, Sweeper } from './sweeper.js';
import { TestClockController } from './test-clock.controller.js';

@Global()
@Module({})
export class CommonModule {
  static register(options: {
    testClockRoutes: boolean;
    role: { http: boolean; worker: boolean };
  }): DynamicModule {
    return {
      module: CommonModule,
      providers: [Clock, Links, Sweeper, Broadcast, { provide: PROCESS_ROLE, useValue: options.role }],
      controllers: options.testClockRoutes ? [TestClockController] : [],
      exports: [Clock, Links, Sweeper, Broadcast, PROCESS_ROLE],
    };
  }
}
