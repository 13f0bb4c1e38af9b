import { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { createValidationPipe } from './common/validation.js';
import type { Env } from './config/env.js';
import { countStatementsPerRequest } from './database/statement-count.js';
import { isPagePath, renderUnroutedError } from './web/errors.js';
import { serveWebAssets } from './web/assets.js';

/** Everything an HTTP app needs on top of its modules; shared by main.ts and the e2e tests. */
export function configureHttpApp(app: INestApplication): INestApplication {
  const production = process.env.NODE_ENV === 'production';
  app.useLogger(app.get(Logger));
  // Behind the academy's reverse proxy the client is the address the proxy saw (X-Forwarded-For), trusted only as
  // far as TRUST_PROXY says; without it every client would share the proxy's address (and its rate limits).
  const express = app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void };
  express.set('trust proxy', app.get(ConfigService<Env, true>).get('TRUST_PROXY'));
  // No ETag computed from each answer (a hash of every body): answers are no-store, so nothing would ever send it
  // back. Downloads set their own (the file's SHA-256) and the site's assets theirs.
  express.set('etag', false);
  // helmet's strict default CSP (no inline scripts); upgrading requests to https only where there is https. The
  // jury's pages show material with the browser's own players: audio, video and a PDF frame from the service
  // itself and nowhere else (images already are 'self').
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'upgrade-insecure-requests': production ? [] : null,
          'media-src': ["'self'"],
          'frame-src': ["'self'"],
        },
      },
    }),
  );
  if (app.get(ConfigService<Env, true>).get('BENCH_STATEMENTS')) app.use(countStatementsPerRequest);
  // Page forms post flat names (`guardian.name`, `repertoire[0].title`): kept as written, not expanded by qs.
  (app as NestExpressApplication).useBodyParser('urlencoded', { extended: false, limit: '200kb' });
  // Almost every answer holds personal data (applicants are often minors): no browser, proxy or shared device
  // keeps a copy. Only the public API description and the site's stylesheet, fonts and images may be cached.
  app.use(
    (req: { path: string }, res: { setHeader(name: string, value: string): void }, next: () => void) => {
      if (!req.path.startsWith('/api/docs') && !req.path.startsWith('/assets/'))
        res.setHeader('Cache-Control', 'no-store');
      next();
    },
  );
  serveWebAssets(app as NestExpressApplication);
  app.useGlobalPipes(createValidationPipe());
  // An error outside /api (an unknown page) is answered with a page in the site's layout.
  app.useGlobalFilters(
    new HttpExceptionFilter((request, response, exception) =>
      isPagePath(request.path) ? (renderUnroutedError(request, response, exception), true) : false,
    ),
  );
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
