import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { createValidationPipe } from './common/validation.js';
import { isPagePath, renderUnroutedError } from './web/errors.js';
import { serveWebAssets } from './web/assets.js';

/** Everything an HTTP app needs on top of its modules; shared by main.ts and the e2e tests. */
export function configureHttpApp(app: INestApplication): INestApplication {
  const production = process.env.NODE_ENV === 'production';
  app.useLogger(app.get(Logger));
  // helmet's strict default CSP (no inline scripts); upgrading requests to https only where there is https.
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': production ? [] : null } },
    }),
  );
  // Page forms post flat names (`guardian.name`, `repertoire[0].title`): kept as written, not expanded by qs.
  (app as NestExpressApplication).useBodyParser('urlencoded', { extended: false, limit: '200kb' });
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
