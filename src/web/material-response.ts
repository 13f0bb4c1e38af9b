import type { Response } from 'express';
import type { MaterialsService } from '../applications/materials.service.js';

type MaterialDownload = Awaited<ReturnType<MaterialsService['download']>>;

/** What a material answer carries for the browser's own players: only the service itself, nothing that runs. */
export const MATERIAL_CSP =
  "default-src 'none'; img-src 'self'; media-src 'self'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";

/**
 * Streams an application's material to a page's reader (the jury's player, the staff desk's link): PDF, images,
 * audio and video inline (the download's `Content-Disposition`), seekable (`Range` → 206, 416 naming the length),
 * `nosniff` kept by the service's headers. Who may read it is the applications room's check in `download`.
 */
export function sendMaterial(res: Response, download: MaterialDownload): void {
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Content-Security-Policy', MATERIAL_CSP);
  if (!download.satisfiable) {
    res.status(416).setHeader('Content-Range', `bytes */${download.size}`).end();
    return;
  }
  res.status(download.status);
  for (const [name, value] of Object.entries(download.headers)) res.setHeader(name, value);
  download.stream.on('error', () => res.destroy());
  download.stream.pipe(res);
}
