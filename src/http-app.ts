import { INestApplication, RequestMethod } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { createValidationPipe } from './common/validation.js';
import type { Env } from './config/env.js';

/** Everything an HTTP app needs on top of its modules; shared by main.ts and the e2e tests. */
export function configureHttpApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
  // Behind the academy's reverse proxy the client is the address the proxy saw (X-Forwarded-For), trusted only as
  // far as TRUST_PROXY says; without it every client would share the proxy's address (and its rate limits).
  const express = app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void };
  express.set('trust proxy', app.get(ConfigService<Env, true>).get('TRUST_PROXY'));
  app.use(helmet());
  // Almost every answer holds personal data (applicants are often minors): no browser, proxy or shared device
  // keeps a copy. Only the public API description may be cached.
  app.use(
    (req: { path: string }, res: { setHeader(name: string, value: string): void }, next: () => void) => {
      if (!req.path.startsWith('/api/docs')) res.setHeader('Cache-Control', 'no-store');
      next();
    },
  );
  app.setGlobalPrefix('api', { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Aalborg Talentakademi — admissions and progression')
      .setDescription(
        'Applications, auditions, jury scores, admissions, offers and students of MGK, BGK and TGK. ' +
          'Errors share one shape: {statusCode, code, message, details?, requestId}.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
