import type { NestExpressApplication } from '@nestjs/platform-express';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DKFDS_PARTS = ['css', 'fonts', 'img'] as const;

/**
 * The pages' stylesheets, fonts and icons, served by the service itself (no CDN): DKFDS from its npm package,
 * the academy's own small stylesheet and script from ./assets (copied beside the build by `npm run build`).
 */
export function serveWebAssets(app: NestExpressApplication): void {
  // The package exports only its script (dist/js/dkfds.min.js); its stylesheets, fonts and icons sit beside it.
  const dkfds = join(dirname(createRequire(import.meta.url).resolve('dkfds')), '..');
  for (const part of DKFDS_PARTS) {
    app.useStaticAssets(join(dkfds, part), {
      prefix: `/assets/dkfds/${part}/`,
      index: false,
      maxAge: '7d',
      fallthrough: true,
    });
  }
  app.useStaticAssets(join(dirname(fileURLToPath(import.meta.url)), 'assets'), {
    prefix: '/assets/',
    index: false,
    maxAge: '1h',
  });
}
