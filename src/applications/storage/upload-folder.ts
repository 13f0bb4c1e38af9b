import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = 'academy-uploads';

/**
 * Where multer writes a file while it arrives: a folder of this process's own, under the system's temporary
 * folder, so that the folder of a process killed mid-upload can be told apart and removed.
 */
export function uploadFolder(pid = process.pid): string {
  return join(tmpdir(), ROOT, String(pid));
}

/**
 * Removes the upload folders of processes that are gone: a killed process leaves the applicant's partial file
 * behind, which no row points at. Folders of live processes (another API process on this machine) stay.
 */
export async function removeLeftOverUploads(): Promise<string[]> {
  const root = join(tmpdir(), ROOT);
  const names = await readdir(root).catch(() => [] as string[]);
  const gone = names.filter((name) => /^\d+$/.test(name) && !isRunning(Number(name)));
  for (const name of gone) await rm(join(root, name), { recursive: true, force: true });
  return gone;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: running, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
