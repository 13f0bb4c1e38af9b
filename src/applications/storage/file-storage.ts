import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';

/** What a stored file is: its length and the SHA-256 of its bytes (hex), as counted while it was written. */
export interface StoredFile {
  size: number;
  sha256: string;
}

/** Bytes `start` to `end` of a file, both included (as in an HTTP Range). */
export interface ByteRange {
  start: number;
  end: number;
}

/** A file the storage has no bytes for: never expected for a material row, so a bug or lost data. */
export class StoredFileMissing extends Error {
  constructor(readonly key: string) {
    super(`No stored bytes for ${key}`);
    this.name = 'StoredFileMissing';
  }
}

/**
 * Where uploaded material's bytes live, by key (the material's id). Two drivers, chosen by STORAGE_DRIVER:
 * PostgreSQL (the default: chunks beside the rows, so every API process serves every file and a backup holds
 * them) and the local disk (UPLOAD_DIR, one machine only).
 *
 * An abstract class rather than an interface so that Nest can inject it by type.
 */
export abstract class FileStorage {
  /**
   * Writes `content` under `key`, streaming: never the whole file in memory. The PostgreSQL driver writes
   * inside `tx`, so the bytes commit or roll back with the caller's rows. The disk driver writes at once: a
   * caller whose transaction fails calls `delete(key)`.
   */
  abstract put(key: string, content: Readable, tx: EntityManager): Promise<StoredFile>;

  /**
   * The bytes of `key`, all of them or `range` (which must lie within the file), read as the stream is
   * consumed. Rejects with StoredFileMissing when there are none.
   */
  abstract get(key: string, range?: ByteRange): Promise<Readable>;

  /** The stored length of `key`, or null when nothing is stored under it. */
  abstract stat(key: string): Promise<{ size: number } | null>;

  /**
   * Removes the bytes of `key`; nothing happens when there are none, so it may be called twice. Call it after
   * the transaction that deleted the key's row committed: the PostgreSQL driver's chunks are already gone with
   * the row (their foreign key cascades, in that transaction), the disk driver's file goes now.
   */
  abstract delete(key: string): Promise<void>;
}
