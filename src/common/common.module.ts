import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from './clock.js';
import { TestClockController } from './test-clock.controller.js';

@Global()
@Module({})
export class CommonModule {
  static register(options: { testClockRoutes: boolean }): DynamicModule {
    return {
      module: CommonModule,
      providers: [Clock],
      controllers: options.testClockRoutes ? [TestClockController] : [],
      exports: [Clock],
    };
  }
}
