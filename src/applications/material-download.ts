import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type { Readable } from 'node:stream';
import rangeParser from 'range-parser';
import { DomainError, ErrorCode } from '../common/errors.js';
import { downloadName } from './materials.js';
import type { ByteRange } from './storage/file-storage.js';

/** The stored file of a material, as a download needs it. */
export interface DownloadableMaterial {
  filename: string | null;
  contentType: string;
  size: number;
  sha256: string;
}

/** What a download answers: the whole file (200), a range of it (206), or nothing for a range past its end (416). */
export type MaterialDownload =
  | { satisfiable: false; size: number }
  | { satisfiable: true; status: 200 | 206; headers: Record<string, string>; stream: Readable };

/**
 * Which bytes of a file of `size` bytes to send (RFC 9110 §14): one satisfiable range → those bytes; a range
 * wholly past the end → 'unsatisfiable'; no Range, a malformed one, several ranges, another unit than bytes,
 * or an If-Range that no longer names this file → 'whole'.
 */
export function requestedBytes(
  size: number,
  range: string | undefined,
  ifRange: string | undefined,
  etag: string,
): ByteRange | 'whole' | 'unsatisfiable' {
  if (!range || (ifRange !== undefined && ifRange !== etag)) return 'whole';
  const parsed = rangeParser(size, range, { combine: true });
  if (parsed === -1) return 'unsatisfiable';
  if (parsed === -2 || parsed.type !== 'bytes' || parsed.length !== 1) return 'whole';
  return { start: parsed[0].start, end: parsed[0].end };
}

/**
 * Types the browser shows with its own viewer or player (PDF, images, audio, video) and that run no script of
 * the file's: these open in the page (`inline`), so the jury's players can show and seek them. The type is the
 * one detected from the file's first bytes at upload, never the uploader's claim.
 */
const SHOWN_INLINE = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'audio/mpeg',
  'audio/wav',
  'audio/x-wav',
  'audio/flac',
  'audio/x-flac',
  'audio/ogg',
  'audio/mp4',
  'audio/x-m4a',
  'video/mp4',
]);

/**
 * How the browser is told to treat a material: safe types shown in the page, anything else saved as a file;
 * both under the (cleaned) name.
 */
export function dispositionOf(material: Pick<DownloadableMaterial, 'filename' | 'contentType'>): string {
  const how = SHOWN_INLINE.has(material.contentType) ? 'inline' : 'attachment';
  return `${how}; filename="${encodeURIComponent(downloadName(material.filename, material.contentType))}"`;
}

/** The strong validator of a stored file: its content never changes under the same id. */
export const etagOf = (material: Pick<DownloadableMaterial, 'sha256'>) => `"${material.sha256}"`;

/** The status and headers that go with `bytes` of the material, read from `stream`. */
export function downloadOf(
  material: DownloadableMaterial,
  bytes: ByteRange | 'whole',
  stream: Readable,
): MaterialDownload {
  const part = bytes === 'whole' ? undefined : bytes;
  return {
    satisfiable: true,
    status: part ? 206 : 200,
    headers: {
      'Content-Type': material.contentType,
      'Content-Length': String(part ? part.end - part.start + 1 : material.size),
      'Content-Disposition': dispositionOf(material),
      ETag: etagOf(material),
      ...(part ? { 'Content-Range': `bytes ${part.start}-${part.end}/${material.size}` } : {}),
    },
    stream,
  };
}

/** Puts a download on the response (the controller returns what this returns); 416 names the file's length. */
export function answerDownload(res: Response, download: MaterialDownload): StreamableFile {
  res.setHeader('Accept-Ranges', 'bytes');
  if (!download.satisfiable) {
    res.setHeader('Content-Range', `bytes */${download.size}`);
    const message = `The requested range lies outside the file, which has ${download.size} bytes`;
    throw new DomainError(ErrorCode.RangeNotSatisfiable, message, [{ field: 'range', messages: [message] }]);
  }
  res.status(download.status);
  for (const [name, value] of Object.entries(download.headers)) res.setHeader(name, value);
  return new StreamableFile(download.stream);
}
