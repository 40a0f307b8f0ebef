/**
 * Decides what writing a generated file would change, without writing it, with the same rules as
 * src/stack/writeGeneratedFile: a user's file is never replaced; only a file we generated and
 * nobody edited since is. Lets `apply --dry` show the infrastructure diff and write nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { readGeneratedState } from '../stack/generatedHeader';

export interface InfraFileChange {
  /** Relative to the project root, with forward slashes. */
  path: string;
  /** Undefined when the file does not exist yet. */
  before?: string;
  after: string;
}

export interface PlannedFile {
  change?: InfraFileChange;
  /** Why an existing file is left as it is (shown to the user). */
  kept?: string;
}

export const toProjectPath = (root: string, file: string) => relative(root, file).replace(/\\/g, '/');

export function planFileChange(root: string, target: string, content: string, regenerable: boolean): PlannedFile {
  const path = toProjectPath(root, target);
  if (!existsSync(target)) return { change: { path, after: content } };
  const existing = readFileSync(target, 'utf8');
  if (existing === content) return {};
  if (!regenerable) {
    return { kept: `${path} already exists with other content; it was left as it is. Compare it with the generated version if synth fails.` };
  }
  const state = readGeneratedState(existing);
  if (state === 'generated-intact') return { change: { path, before: existing, after: content } };
  return {
    kept:
      state === 'generated-edited'
        ? `${path} was edited by hand since it was generated; it was not overwritten. Move the edits into .migration/dynamodb.json (or delete the file) and re-run.`
        : `${path} exists and was not written by dynamodb-codemod; it was not overwritten. Rename it or merge the generated stack by hand, then re-run.`,
  };
}
