/**
 * Where the shared client module goes and in which module system: next to the existing data
 * module (the file that declares or reads the first store), as `dynamodb.<ext>` for servers and
 * `shared/db.<ext>` for Lambda code (inside the folder the function's asset or bundle comes from).
 * TypeScript apps get TypeScript; JavaScript follows the app: ESM for `"type": "module"`, `.mjs`
 * or files that already use `import`, CommonJS otherwise.
 */
import type * as t from '@babel/types';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModuleFlavor } from '../../emit/renderClientModule';
import { readGeneratedState } from '../../stack/generatedHeader';
import type { ProjectAnalysis } from './analyseProject';
import type { JsonAccessor } from './findJsonAccessors';
import type { StoreTarget } from './findStoreTargets';

export interface ClientModuleLocation {
  /** Path relative to the root, forward slashes. */
  rel: string;
  flavor: ModuleFlavor;
}

export function locateClientModule(project: ProjectAnalysis, targets: StoreTarget[], accessors: Map<t.Node, JsonAccessor>): ClientModuleLocation {
  const home = pickHomeFile(targets, accessors, project);
  const dir = path.posix.dirname(home);
  const flavor = detectFlavor(project, home);
  const ext = flavor === 'ts' ? (home.endsWith('.mts') ? '.mts' : home.endsWith('.cts') ? '.cts' : '.ts') : path.posix.extname(home) || '.js';
  const lambda = project.handlers.some((handler) => handler.kind === 'lambda');
  const base = lambda ? 'shared/db' : 'dynamodb';
  let rel = path.posix.join(dir, `${base}${ext}`);
  if (isForeignFile(project.root, rel)) rel = path.posix.join(dir, `${base}-client${ext}`);
  return { rel, flavor };
}

function pickHomeFile(targets: StoreTarget[], accessors: Map<t.Node, JsonAccessor>, project: ProjectAnalysis): string {
  const memory = targets.find((target) => target.origin !== 'json-fs');
  const reader = [...accessors.values()].find((accessor) => accessor.role === 'reader');
  if (reader && (!memory || reader.file.rel < memory.record.file)) return reader.file.rel;
  // SQLite apps (no memory/JSON targets): next to the file that opens the database (the store's
  // own file may be a .sql schema file, which no module can sit beside as its namesake)
  const sqlite = project.stores
    .filter((store) => SQLITE_KINDS.has(store.kind))
    .map((store) => (SOURCE_FILE.test(store.file) ? store.file : store.anchors.map((anchor) => anchor.file.rel).find((file) => SOURCE_FILE.test(file))))
    .filter((file): file is string => file !== undefined)
    .sort()[0];
  return memory?.record.file ?? targets[0]?.record.file ?? sqlite ?? 'index.js';
}

const SQLITE_KINDS = new Set<string>(['better-sqlite3', 'sqlite3-callback', 'sqlite-wrapper']);
const SOURCE_FILE = /\.(c|m)?(j|t)sx?$/;

function detectFlavor(project: ProjectAnalysis, rel: string): ModuleFlavor {
  if (/\.(ts|tsx|mts|cts)$/.test(rel)) return 'ts';
  if (rel.endsWith('.mjs')) return 'esm';
  if (rel.endsWith('.cjs')) return 'cjs';
  if (readPackageType(project.root, rel) === 'module') return 'esm';
  const source = project.project.getSource(rel);
  return source?.ast.program.sourceType === 'module' && source.ast.program.body.some((node) => node.type === 'ImportDeclaration' || node.type.startsWith('Export')) ? 'esm' : 'cjs';
}

/** The `type` of the nearest package.json at or above the file, inside the root. */
export function readPackageType(root: string, rel: string): string | undefined {
  let dir = path.dirname(path.join(root, rel));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      try {
        return JSON.parse(fs.readFileSync(candidate, 'utf8')).type;
      } catch {
        return undefined;
      }
    }
    if (path.resolve(dir) === path.resolve(root)) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isForeignFile(root: string, rel: string): boolean {
  const abs = path.join(root, rel);
  return fs.existsSync(abs) && readGeneratedState(fs.readFileSync(abs, 'utf8')) === 'not-generated';
}
