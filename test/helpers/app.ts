import { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule, type ProcessRole } from '../../src/app.module.js';
import { validateEnv, type Env } from '../../src/config/env.js';
import { configureHttpApp } from '../../src/http-app.js';

export interface TestApp {
  app: INestApplication;
  env: Env;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/** The real application (HTTP and, by default, its workers) on the test database and Redis prefix. */
export async function startApp(
  options: { env?: Record<string, string>; role?: ProcessRole; controllers?: Type[] } = {},
): Promise<TestApp> {
  const env = validateEnv({ ...process.env, ...options.env });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.register(env, options.role ?? { http: true, worker: true })],
    controllers: options.controllers ?? [],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureHttpApp(app);
  await app.init();
  return {
    app,
    env,
    http: () => request(app.getHttpServer()),
    close: () => app.close(),
  };
}
