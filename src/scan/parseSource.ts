import { parse, type ParserPlugin } from '@babel/parser';
import traverse, { type NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { SourceFile } from './types';

export class SourceParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const COMMON_PLUGINS: ParserPlugin[] = [
  'jsx',
  'classProperties',
  'classPrivateProperties',
  'classPrivateMethods',
  'decorators-legacy',
  'dynamicImport',
  'importAttributes',
  'topLevelAwait',
  'objectRestSpread',
  'optionalChaining',
  'nullishCoalescingOperator',
];

/** Parses a JS/TS source text; the result has a crawled Program path for scope look-ups. */
export function parseSource(rel: string, abs: string, text: string): SourceFile {
  const typescript = /\.(ts|tsx|mts|cts)$/.test(rel);
  const plugins: ParserPlugin[] = typescript ? ['typescript', ...COMMON_PLUGINS] : [...COMMON_PLUGINS];
  if (/\.(ts|mts|cts)$/.test(rel)) plugins.splice(plugins.indexOf('jsx'), 1);
  let ast: t.File;
  try {
    ast = parse(text, {
      sourceType: 'unambiguous',
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      allowImportExportEverywhere: true,
      // Sloppy-mode apps (assignments to undeclared variables, duplicate declarations) still parse.
      errorRecovery: true,
      plugins,
    });
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = (error as Error).message.replace(/\s*\(\d+:\d+\)$/, '');
    throw new SourceParseError(message, loc?.line ?? 1, loc?.column ?? 0);
  }
  let program: NodePath<t.Program> | undefined;
  traverse(ast, {
    Program(path) {
      program = path;
      path.stop();
    },
  });
  if (!program) throw new SourceParseError('no program', 1, 0);
  return { rel, abs, text, ast, program, typescript };
}
