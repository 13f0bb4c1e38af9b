import { INestApplication, RequestMethod } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ConfigService } from '@nestjs/config';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { createValidationPipe } from './common/validation.js';
import type { Env } from './config/env.js';
import { countStatementsPerRequest } from './database/statement-count.js';

/** Everything an HTTP app needs on top of its modules; shared by main.ts and the e2e tests. */
export function configureHttpApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.use(helmet());
  if (app.get(ConfigService<Env, true>).get('BENCH_STATEMENTS')) app.use(countStatementsPerRequest);
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
