/**
 * The one place that decides whether a generated file may be written. A user's file is never
 * overwritten silently: only a file we generated and nobody edited since is replaced.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readGeneratedState } from './generatedHeader';
import { writeFileAtomic } from './writeFileAtomic';

export type WriteStatus = 'created' | 'updated' | 'unchanged' | 'kept';

export interface WrittenFile {
  path: string;
  status: WriteStatus;
  /** Why a file was kept as it was (status 'kept'), to show to the user. */
  reason?: string;
}

/**
 * `regenerable`: the file carries our checksum header and may be replaced while it is intact.
 * Files without it (cdk.json, package.json, bin/app.ts) are only ever created, never replaced.
 */
export function writeGeneratedFile(filePath: string, content: string, regenerable: boolean, displayPath = filePath): WrittenFile {
  if (!existsSync(filePath)) {
    writeFileAtomic(filePath, content);
    return { path: displayPath, status: 'created' };
  }
  const existing = readFileSync(filePath, 'utf8');
  if (existing === content) return { path: displayPath, status: 'unchanged' };
  if (regenerable) {
    const state = readGeneratedState(existing);
    if (state === 'generated-intact') {
      writeFileAtomic(filePath, content);
      return { path: displayPath, status: 'updated' };
    }
    const reason =
      state === 'generated-edited'
        ? `${displayPath} was edited by hand since it was generated; it was not overwritten. Move the edits into .migration/dynamodb.json (or delete the file) and re-run.`
        : `${displayPath} exists and was not written by dynamodb-codemod; it was not overwritten. Rename it or merge the generated stack by hand, then re-run.`;
    return { path: displayPath, status: 'kept', reason };
  }
  return {
    path: displayPath,
    status: 'kept',
    reason: `${displayPath} already exists with other content; it was left as it is. Compare it with the generated version if synth fails.`,
  };
}
