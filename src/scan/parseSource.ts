import { parse, type ParserPlugin } from '@babel/parser';
import traverse, { type NodePath } from '@babel/traverse';
import { traverseFast, type Node } from '@babel/types';
import type * as t from '@babel/types';
import { crawlWithIndex } from './indexWhileCrawling';
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
  const program = crawlProgram(ast);
  return { rel, abs, text, ast, program, typescript };
}

/**
 * The Program path with scopes crawled. Babel's scope crawl rejects a `let`/`const` declared twice
 * in one scope (the app would not even start); sloppy apps do that, so the scan's copy of the tree
 * declares such a name with `var` instead and records the problem as a recovered error.
 */
function crawlProgram(ast: t.File): NodePath<t.Program> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      // the crawl's walk also records the path index walkPaths uses (indexWhileCrawling.ts)
      return crawlWithIndex(ast.program, () => {
        let program: NodePath<t.Program> | undefined;
        traverse(ast, {
          Program(path) {
            program = path;
            path.stop();
          },
        });
        if (!program) throw new SourceParseError('no program', 1, 0);
        return program;
      });
    } catch (error) {
      const duplicate = /Duplicate declaration "([^"]+)"/.exec((error as Error).message);
      if (!duplicate || !relaxDeclarations(ast, duplicate[1])) throw error;
    }
  }
  throw new SourceParseError('too many duplicate declarations', 1, 0);
}

function relaxDeclarations(ast: t.File, name: string): boolean {
  let changed = false;
  let firstLine: number | undefined;
  traverseFast(ast, (node: Node) => {
    if (node.type !== 'VariableDeclaration' || node.kind === 'var') return;
    if (!node.declarations.some((d) => d.id.type === 'Identifier' && d.id.name === name)) return;
    firstLine ??= node.loc?.start.line;
    node.kind = 'var';
    changed = true;
  });
  if (changed) {
    const errors = ((ast as { errors?: unknown[] }).errors ??= []);
    errors.push({ message: `"${name}" is declared more than once`, loc: { line: firstLine ?? 1, column: 0 } });
  }
  return changed;
}
