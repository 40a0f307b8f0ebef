/**
 * Runs the cdk-wire-table transform over every source file of an existing CDK app, in memory, the
 * way the jscodeshift CLI would (each file is read from disk as it is; nothing is written here).
 * The design and access model are handed over as temp files because the transform takes paths.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AccessModel } from '../model/access-model';
import type { TableDesign } from '../model/table-design';
import { toProjectPath, type InfraFileChange } from './planFileChange';

const SKIP_DIRS = new Set(['node_modules', 'cdk.out', '.git', 'dist', 'build', '.migration']);

export interface WireResult {
  changes: InfraFileChange[];
  /** `api.report` lines of the transform (TODOs, functions it could not wire). */
  reports: string[];
  /** Files the transform failed on: `file: message`. */
  failures: string[];
}

export function listCdkSources(cdkDir: string, skip: Set<string>, depth = 0): string[] {
  if (depth > 8) return [];
  return readdirSync(cdkDir).sort().flatMap((name) => {
    if (SKIP_DIRS.has(name) || name.startsWith('.')) return [];
    const full = join(cdkDir, name);
    if (statSync(full).isDirectory()) return listCdkSources(full, skip, depth + 1);
    if (!/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name) || /\.d\.[mc]?ts$/.test(name) || skip.has(resolve(full))) return [];
    return [full];
  });
}

type Transformer = (file: { path: string; source: string }, api: unknown, options: Record<string, unknown>) => string | undefined | null;

function loadTransformer(): Transformer {
  // Loaded lazily: jscodeshift and the transform are only needed for CDK projects.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('../../transforms/cdk-wire-table') as { default?: Transformer } & Transformer;
  return loaded.default ?? loaded;
}

export function wireCdkApp(
  root: string,
  cdkDir: string,
  design: TableDesign,
  model: AccessModel,
  options: { databaseStackFile: string },
): WireResult {
  const result: WireResult = { changes: [], reports: [], failures: [] };
  // Handler code is apply's business; the generated stack is ours, not the user's app.
  const skip = new Set([resolve(options.databaseStackFile), ...(design.handlers ?? []).map((handler) => resolve(root, handler.file))]);
  const files = listCdkSources(cdkDir, skip);
  if (files.length === 0) return result;
  const scratch = mkdtempSync(join(tmpdir(), 'dynamodb-codemod-wire-'));
  try {
    const designPath = join(scratch, 'dynamodb.json');
    const modelPath = join(scratch, 'access-model.json');
    writeFileSync(designPath, JSON.stringify(design));
    writeFileSync(modelPath, JSON.stringify(model));
    const transformer = loadTransformer();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const j = (require('jscodeshift') as { withParser(parser: string): unknown }).withParser('tsx');
    const api = { jscodeshift: j, j, stats: () => undefined, report: (message: string) => result.reports.push(message) };
    const transformOptions = { design: designPath, root, accessModel: modelPath, databaseStack: options.databaseStackFile };
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      try {
        const output = transformer({ path: file, source }, api, transformOptions);
        if (typeof output === 'string' && output !== source) result.changes.push({ path: toProjectPath(root, file), before: source, after: output });
      } catch (error) {
        result.failures.push(`${toProjectPath(root, file)}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return result;
}
