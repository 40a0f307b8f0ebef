/**
 * Parses a module of the CDK app (the file being transformed, or one it imports) once per run,
 * and finds the files its relative imports point to. Analysis follows imports across files: a
 * stack in lib/ and the construct it instantiates from lib/constructs/ are read together.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import jscodeshift, { type Collection, type JSCodeshift } from 'jscodeshift';
import { evaluateStatic, UNKNOWN, type StaticValue } from './evaluateStatic';
import { readImports, type ImportMap } from './readImports';

export interface ModuleInfo {
  filePath: string;
  source: string;
  j: JSCodeshift;
  root: Collection;
  imports: ImportMap;
  /** Directory of the nearest cdk.json (the CDK app's working directory). */
  cdkRoot: string;
}

const parser = jscodeshift.withParser('tsx');
const modules = new Map<string, { key: string; module: ModuleInfo }>();
const cdkRoots = new Map<string, string>();

export function findCdkRoot(filePath: string, fallback: string): string {
  const start = dirname(resolve(filePath));
  const cached = cdkRoots.get(start);
  if (cached) return cached;
  let directory = start;
  for (;;) {
    if (existsSync(join(directory, 'cdk.json'))) break;
    const parent = dirname(directory);
    if (parent === directory) {
      directory = fallback;
      break;
    }
    directory = parent;
  }
  cdkRoots.set(start, directory);
  return directory;
}

export function createModuleInfo(filePath: string, source: string, fallbackRoot: string, j: JSCodeshift = parser): ModuleInfo {
  // recast parses a copy of the source whose leading tabs are expanded to tabWidth spaces; with a
  // width of 1 the node offsets stay valid for the original text, which the text edits rely on.
  const root = j(source, { tabWidth: 1 } as never);
  return { filePath: resolve(filePath), source, j, root, imports: readImports(j, root), cdkRoot: findCdkRoot(filePath, fallbackRoot) };
}

/** Parses a file from disk, cached by size and mtime; undefined when it cannot be read or parsed. */
export function loadModule(filePath: string, fallbackRoot: string): ModuleInfo | undefined {
  const absolute = resolve(filePath);
  let key: string;
  try {
    const stats = statSync(absolute);
    key = `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return undefined;
  }
  const cached = modules.get(absolute);
  if (cached && cached.key === key) return cached.module;
  try {
    const module = createModuleInfo(absolute, readFileSync(absolute, 'utf8'), fallbackRoot);
    modules.set(absolute, { key, module });
    return module;
  } catch {
    return undefined;
  }
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/** `./constructs/api` from lib/stack.ts → lib/constructs/api.ts (or .js, or …/index.ts). */
export function resolveModuleFile(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  const withoutJs = base.replace(/\.(js|mjs|cjs)$/, '');
  const candidates = [base, ...EXTENSIONS.map((extension) => withoutJs + extension), ...EXTENSIONS.map((extension) => join(base, `index${extension}`))];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** Value of `export const <name> = …` in a relative module, for route lists kept in their own file. */
export function resolveImportedConst(specifier: string, name: string, fromFile: string, fallbackRoot: string): StaticValue {
  const file = resolveModuleFile(fromFile, specifier);
  const module = file ? loadModule(file, fallbackRoot) : undefined;
  if (!module) return UNKNOWN;
  const { j } = module;
  const declarators = module.root.find(j.VariableDeclarator, { id: { type: 'Identifier', name } });
  if (declarators.length === 0) return UNKNOWN;
  const declarator = declarators.paths()[0];
  return evaluateStatic(declarator.node.init as never, {
    filePath: module.filePath,
    cdkRoot: module.cdkRoot,
    imports: module.imports,
    scopePath: declarator,
    resolveImportedConst: (source, importedName, from) => resolveImportedConst(source, importedName, from, fallbackRoot),
  });
}
