import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileStorage, StoredFileMissing, type ByteRange, type StoredFile } from './file-storage.js';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Files in a folder of this machine (UPLOAD_DIR), named by key. For a deployment with one API machine that
 * prefers plain files; another machine cannot serve them, and a database backup does not hold them.
 */
export class DiskFileStorage extends FileStorage {
  constructor(private readonly dir: string) {
    super();
  }

  async put(key: string, content: Readable): Promise<StoredFile> {
    const path = this.path(key);
    const part = `${path}.part`;
    const hash = createHash('sha256');
    let size = 0;
    await mkdir(this.dir, { recursive: true });
    try {
      await pipeline(
        content,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            hash.update(chunk);
            size += chunk.length;
            yield chunk;
          }
        },
        createWriteStream(part),
      );
      // Under its key only once whole: a reader never sees half a file.
      await rename(part, path);
    } catch (error) {
      await rm(part, { force: true });
      throw error;
    }
    return { size, sha256: hash.digest('hex') };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    try {
      const file = await open(this.path(key), 'r');
      return file.createReadStream({ start: range?.start, end: range?.end });
    } catch (error) {
      if (isMissing(error)) throw new StoredFileMissing(key);
      throw error;
    }
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      return { size: (await stat(this.path(key))).size };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  /** Keys are material ids; anything with a path separator or a dot is refused rather than joined. */
  private path(key: string): string {
    if (!/^[\w-]+$/.test(key)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
    return join(this.dir, key);
  }
}
