/** Everything the steps of one file share: the parsed module, its style, the edits, the report. */
import { relative } from 'node:path';
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import type { AnalysisContext, ClassInfo } from './analyzeClass';
import type { TextEdits } from './createTextEdits';
import type { CodeStyle } from './detectStyle';
import type { ModuleInfo } from './loadModule';
import type { WiringDesign } from './loadWiringDesign';
import { findStatementPath } from './findEnclosingLoop';

export interface WireOptions {
  /** Path of the generated database stack module; default `<cdk app>/lib/database-stack.ts`. */
  databaseStack?: string;
  /** Construct id of the DatabaseStack instance the app creates; default `DatabaseStack`. */
  databaseStackId?: string;
}

export interface FileContext {
  j: JSCodeshift;
  root: Collection;
  source: string;
  module: ModuleInfo;
  style: CodeStyle;
  edits: TextEdits;
  design: WiringDesign;
  analysis: AnalysisContext;
  options: WireOptions;
  /** Stack and Construct classes declared in this file. */
  classes: ClassInfo[];
  /** Type-only names this file must import: local name → module. */
  typeImports: Map<string, { module: string; imported: string }>;
  /** Value imports this file must add: local name → module specifier. */
  valueImports: Map<string, { module: string; imported: string }>;
  report(node: { loc?: { start: { line: number } } | null }, message: string): void;
  /** One `// dynamodb-codemod: TODO …` above the statement holding `path` (never twice), plus a report. */
  todo(path: ASTPath, message: string): void;
  /** Statements that already received a TODO in this run. */
  todoStatements: Set<unknown>;
  /** Names given to functions hoisted into consts in this run. */
  hoistedNames: Set<string>;
}

const MARKER = 'dynamodb-codemod: TODO';

export function lineOf(node: { loc?: { start: { line: number } } | null }): number {
  return node.loc?.start.line ?? 0;
}

/** Whether the comment lines right above `start` already hold our marker. */
export function hasMarkerAbove(source: string, start: number): boolean {
  const lines = source.slice(0, source.lastIndexOf('\n', start - 1) + 1).split('\n');
  lines.pop();
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const line = lines[index].trim();
    if (!line.startsWith('//') && !line.startsWith('/*') && !line.startsWith('*')) return false;
    if (line.includes(MARKER)) return true;
  }
  return false;
}

export function makeReporter(
  filePath: string,
  root: string,
  report: (message: string) => void,
): Pick<FileContext, 'report'> {
  const display = relative(root, filePath) || filePath;
  return { report: (node, message) => report(`${display}:${lineOf(node)}: ${message}`) };
}

export function makeTodo(context: Omit<FileContext, 'todo'>): FileContext['todo'] {
  return (path, message) => {
    const statement = findStatementPath(path) ?? path;
    const node = statement.node as { start?: number; loc?: { start: { line: number } } };
    context.report(path.node as never, `TODO ${message}`);
    if (context.todoStatements.has(statement.node) || hasMarkerAbove(context.source, node.start ?? 0)) return;
    context.todoStatements.add(statement.node);
    context.edits.insertStatementsBefore(statement.node as never, [`// ${MARKER} ${message}`]);
  };
}
