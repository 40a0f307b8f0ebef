import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes via a temp file in the same directory + rename, so a reader never sees half a file. */
export function writeFileAtomic(filePath: string, content: string): void {
  const directory = dirname(filePath);
  mkdirSync(directory, { recursive: true });
  const temporary = join(directory, `.${basename(filePath)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, filePath);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
