/**
 * The state of one file's rewrite, shared by the steps of a transform: the jscodeshift tree, the
 * project analysis, the emit context (names and imports), and what happened (operations rewritten,
 * TODO markers left, seed data found).
 */
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import type { ASTNode } from 'ast-types';
import type { DiagnosticRecord } from '../../model/access-model';
import { detectCodeStyle, type CodeStyle } from '../../emit/detectCodeStyle';
import type { EmitContext, TableTarget } from '../../emit/emitContext';
import type { ApplyAnalysis } from '../analysis/buildApplyAnalysis';
import type { StoreOrigin, StoreTarget } from '../analysis/findStoreTargets';
import type { StoreReference } from '../analysis/findStoreReferences';
import { jscodeshiftFor } from '../parseForRewrite';
import { keepClassMemberIndents, keepStatementIndents } from './keepStatementIndents';
import { printWithSettledBlankLines } from './settleBlankLines';

export interface SeedData {
  entity: string;
  table: string;
  /** `server.js#notes` */
  from: string;
  records: unknown[];
}

/** A local variable holding a JSON file's records as read (`const bookmarks = readBookmarks()`). */
export interface Snapshot {
  name: string;
  declarator: ASTPath<any>;
  target: StoreTarget;
  scope: unknown;
  /** Some use needs every record: the read becomes a Scan instead of going away. */
  needsAll: boolean;
}

/** A variable holding one item read by key; mutations of it must be written back. */
export interface ItemVariable {
  name: string;
  scope: unknown;
  target: StoreTarget;
  /** The function around it (jscodeshift node). */
  fn: ASTNode | undefined;
  /** The key expression it was read under, as text, when that is stable (see itemKey.ts). */
  readKey?: string;
}

export interface RewriteReport {
  rewritten: number;
  todos: { line: number; message: string }[];
  diagnostics: DiagnosticRecord[];
  seeds: SeedData[];
}

interface LineInfo {
  /** Offset of the line in the original text. */
  start: number;
  /** Characters of leading whitespace. */
  whitespace: number;
  /** Columns of that whitespace once recast expands tabs (tab width 4, to the next tab stop). */
  indent: number;
}

/**
 * recast reprints a Program's directives (`"use strict";`) with a second semicolon and without the
 * blank line after them once the statement list changed: the file's own prologue is put back.
 */
function keepDirectivePrologue(printed: string, source: string): string {
  const directive = /^\s*(?:'[^'\n]*'|"[^"\n]*")\s*(;*)\s*$/;
  const sourceLines = source.split(/\r?\n/);
  const printedLines = printed.split('\n');
  let count = 0;
  while (count < sourceLines.length && directive.test(sourceLines[count])) count += 1;
  const doubled = printedLines.slice(0, count).some((line) => (directive.exec(line)?.[1].length ?? 0) > 1);
  const text = (line: string) => line.trim().replace(/;+$/, '');
  if (!count || !doubled || printedLines.slice(0, count).some((line, index) => !directive.test(line) || text(line) !== text(sourceLines[index]))) return printed;
  let blank = count;
  while (blank < sourceLines.length && !sourceLines[blank].trim()) blank += 1;
  let rest = count;
  while (rest < printedLines.length && !printedLines[rest].trim()) rest += 1;
  return [...sourceLines.slice(0, blank), ...printedLines.slice(rest)].join('\n');
}

function readLineInfo(source: string): LineInfo[] {
  const info: LineInfo[] = [];
  const pattern = /[^\r\n]*(\r\n|\r|\n|$)/g;
  let offset = 0;
  for (;;) {
    pattern.lastIndex = offset;
    const match = pattern.exec(source);
    if (!match) break;
    const line = match[0].replace(/[\r\n]+$/, '');
    const whitespace = /^\s*/.exec(line)![0];
    let indent = 0;
    for (const char of whitespace) indent = char === '\t' ? (Math.ceil(indent / 4) * 4 === indent ? indent + 4 : Math.ceil(indent / 4) * 4) : indent + 1;
    info.push({ start: offset, whitespace: whitespace.length, indent });
    if (!match[1]) break;
    offset += match[0].length;
  }
  return info;
}

/**
 * recast mixes tabs and spaces when it re-indents reused code in a tab-indented file. Lines the
 * rewrite produced (not present in the original) get their indentation written with tabs; lines
 * of the original — including any inside template strings — are left exactly as they were.
 */
function indentNewLinesWithTabs(printed: string, original: string): string {
  const known = new Set(original.split(/\r?\n/));
  return printed
    .split('\n')
    .map((line) => {
      if (known.has(line)) return line;
      const whitespace = /^[ \t]*/.exec(line)![0];
      let columns = 0;
      for (const char of whitespace) columns = char === '\t' ? Math.floor(columns / 4) * 4 + 4 : columns + 1;
      return '\t'.repeat(Math.floor(columns / 4)) + ' '.repeat(columns % 4) + line.slice(whitespace.length);
    })
    .join('\n');
}

/**
 * New lines follow the file's habits recast cannot: no semicolons in a semicolon-free file (unless
 * the next line would then continue the statement), and `function (` when the file writes it so.
 */
function matchNewLinesToStyle(printed: string, original: string, style: CodeStyle): string {
  const known = new Set(original.split(/\r?\n/));
  const spacedFunctions = (original.match(/\bfunction \(/g) ?? []).length > (original.match(/\bfunction\(/g) ?? []).length;
  const lines = printed.split('\n');
  return lines
    .map((line, index) => {
      if (known.has(line)) return line;
      let result = spacedFunctions ? line.replace(/\bfunction\(/g, 'function (') : line;
      if (!style.semicolons && /;$/.test(result) && !/^\s*for\s*\(/.test(result)) {
        // the next line of code decides (a comment line never continues the statement)
        const next = lines.slice(index + 1).find((candidate) => candidate.trim() !== '' && !/^\s*(\/\/|\/\*|\*)/.test(candidate)) ?? '';
        if (!/^\s*[([`+\-/]/.test(next)) result = result.slice(0, -1);
      }
      return result;
    })
    .join('\n');
}

/** `(item) => …` rather than `item => …` for one parameter: a reprinted arrow (made async) keeps its parentheses. */
function wrapsArrowParameters(source: string): boolean {
  const wrapped = (source.match(/\(\s*[A-Za-z_$][\w$]*\s*\)\s*=>/g) ?? []).length;
  const bare = (source.match(/(?:^|[^\w$.)])[A-Za-z_$][\w$]*\s*=>/g) ?? []).length;
  return wrapped > bare;
}

function usesCrlf(source: string): boolean {
  const crlf = (source.match(/\r\n/g) ?? []).length;
  return crlf > 0 && crlf * 2 >= (source.match(/\n/g) ?? []).length;
}

export class FileRewrite {
  readonly j: JSCodeshift;
  readonly root: Collection;
  readonly style: CodeStyle;
  readonly emit: EmitContext;
  /** Shared-client exports and SDK commands used by emitted code (name → local name). */
  readonly used = new Map<string, string>();
  readonly report: RewriteReport = { rewritten: 0, todos: [], diagnostics: [], seeds: [] };
  /** Original nodes already handled by an idiom (skipped by later steps). */
  readonly consumed = new Set<ASTNode>();
  /** Set by steps that change the tree without rewriting an operation (e.g. removing a retired helper). */
  modified = false;
  /** Functions (jscodeshift nodes) that now contain emitted awaits. */
  readonly awaiting = new Set<ASTNode>();
  readonly snapshots: Snapshot[] = [];
  readonly items: ItemVariable[] = [];
  /** Writer calls (`saveBookmarks(bookmarks)`) that persist a snapshot; replaced or removed at the end. */
  readonly writerCalls: { path: ASTPath<any>; target: StoreTarget }[] = [];
  /** Writer calls whose changes were all translated (deletes): removed without a write-back. */
  readonly handledWriters = new Set<ASTNode>();
  /** Snapshots changed in ways apply could not translate: their writer calls get a TODO. */
  readonly untranslated = new Set<Snapshot>();
  /** Other imports emitted code needs (module → exported → local), e.g. crypto's randomUUID. */
  readonly extraImports = new Map<string, Map<string, string>>();
  private readonly takenNames: Set<string>;
  private readonly fileLines: unknown;
  private readonly lineInfo: LineInfo[];

  constructor(
    readonly rel: string,
    readonly source: string,
    readonly analysis: ApplyAnalysis,
    readonly origins: StoreOrigin[],
  ) {
    this.j = jscodeshiftFor(rel);
    this.root = this.j(source);
    keepStatementIndents(this.root.paths()[0].node);
    this.fileLines = (this.root.paths()[0].node as { loc?: { lines?: unknown } }).loc?.lines;
    this.lineInfo = readLineInfo(source);
    this.style = detectCodeStyle(source);
    // a whole-tree walk: only for files that can hold a class body
    if (this.style.indent !== '\t' && /\bclass\b/.test(source)) keepClassMemberIndents(this.root.paths()[0].node, this.style.indent.length);
    this.takenNames = new Set(this.root.find(this.j.Identifier).nodes().map((node) => node.name));
    this.emit = { j: this.j, style: this.style, name: (exported) => this.localName(exported) };
  }

  /** The local name for a shared-client export or SDK command; avoids names the file already uses. */
  localName(exported: string): string {
    let local = this.used.get(exported);
    if (!local) {
      local = exported;
      if (this.takenNames.has(local) && !this.isImportedFromUs(local)) {
        const base = exported === 'db' ? 'dynamoDb' : `${exported}Ddb`;
        local = base;
        for (let n = 2; this.takenNames.has(local); n += 1) local = `${base}${n}`;
      }
      this.used.set(exported, local);
      this.takenNames.add(local);
    }
    return local;
  }

  /**
   * The local name of a named export of a Node built-in (`randomUUID` from crypto), reusing an
   * import the file already has.
   */
  requireNamed(module: string, exported: string): string {
    const j = this.j;
    const matches = (value: unknown) => value === module || value === `node:${module}`;
    const imported = this.root
      .find(j.ImportDeclaration)
      .filter((p) => matches(p.node.source.value))
      .find(j.ImportSpecifier)
      .filter((p) => (p.node.imported as { name?: string }).name === exported)
      .nodes()[0];
    if (imported) return (imported.local as { name: string }).name;
    const required = this.root
      .find(j.VariableDeclarator)
      .filter((p) => {
        const init = p.node.init as { type?: string; callee?: { name?: string }; arguments?: { value?: unknown }[] } | null;
        return init?.type === 'CallExpression' && init.callee?.name === 'require' && matches(init.arguments?.[0]?.value) && p.node.id.type === 'ObjectPattern';
      })
      .find(j.ObjectProperty)
      .filter((p) => (p.node.key as { name?: string }).name === exported)
      .nodes()[0];
    if (required) return (required.value as { name: string }).name;
    const names = this.extraImports.get(module) ?? new Map<string, string>();
    let local = names.get(exported);
    if (!local) {
      local = this.takenNames.has(exported) ? this.freshName([exported]) : exported;
      this.takenNames.add(local);
      names.set(exported, local);
      this.extraImports.set(module, names);
    }
    return local;
  }

  /** A name not used anywhere in the file yet (for new variables). */
  freshName(preferred: string[]): string {
    for (const name of preferred) {
      if (!this.takenNames.has(name)) {
        this.takenNames.add(name);
        return name;
      }
    }
    const base = preferred[0];
    let n = 2;
    while (this.takenNames.has(`${base}${n}`)) n += 1;
    this.takenNames.add(`${base}${n}`);
    return `${base}${n}`;
  }

  /** Whether this file already imports `name` from the shared client or the SDK (re-runs). */
  private isImportedFromUs(name: string): boolean {
    const j = this.j;
    const fromUs = (value: unknown) => typeof value === 'string' && (value === '@aws-sdk/lib-dynamodb' || /(^|\/)(dynamodb|db)(-client)?(\.[cm]?[jt]s)?$/.test(value));
    const imported = this.root.find(j.ImportDeclaration).filter((p) => fromUs(p.node.source.value)).find(j.Identifier, { name }).size() > 0;
    const required = this.root
      .find(j.VariableDeclarator)
      .filter((p) => {
        const init = p.node.init;
        return Boolean(init && init.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' && fromUs((init.arguments[0] as { value?: unknown })?.value));
      })
      .find(j.Identifier, { name })
      .size() > 0;
    return imported || required;
  }

  tableOf(target: StoreTarget): TableTarget {
    const design = this.analysis.design;
    // unique attributes whose guard table exists: writes claim and release the guard items
    const guarded = (target.entity.uniqueAttributes ?? []).some((unique) => design.tables.some((table) => table.name === unique.table));
    return { constName: target.table.envVar, keyName: target.key.name, ...(guarded ? { guarded } : {}) };
  }

  /** The store reference behind an original node, if any. */
  referenceOf(node: ASTNode): StoreReference | undefined {
    const scanner = this.scannerPathOf(node);
    const reference = scanner ? this.analysis.references.get(scanner.node) : undefined;
    return reference && this.origins.includes(reference.target.origin) ? reference : undefined;
  }

  /**
   * The scanner's path for an original node (scope, bindings, resolution on the original code).
   * Found by source range; recast parses the text with leading tabs expanded and LF line ends, so
   * the range is computed from the node's line/column, mapped back to the original text.
   */
  scannerPathOf(node: ASTNode) {
    const loc = (node as { loc?: { start: { line: number; column: number }; end: { line: number; column: number } } }).loc;
    if (!loc || (loc as { lines?: unknown }).lines !== undefined && !this.isOwnLoc(loc)) return undefined;
    const start = this.toOriginalOffset(loc.start.line, loc.start.column);
    const end = this.toOriginalOffset(loc.end.line, loc.end.column);
    if (start === undefined || end === undefined) return undefined;
    return this.analysis.findScannerPath(this.rel, node.type, start, end);
  }

  /** The original source text of an original node (reprinted elsewhere as it was written). */
  originalText(node: ASTNode): string | undefined {
    const loc = (node as { loc?: { start: { line: number; column: number }; end: { line: number; column: number } } }).loc;
    if (!loc) return undefined;
    const start = this.toOriginalOffset(loc.start.line, loc.start.column);
    const end = this.toOriginalOffset(loc.end.line, loc.end.column);
    return start === undefined || end === undefined ? undefined : this.source.slice(start, end);
  }

  /** Nodes built from templates carry the template's lines, not this file's. */
  private isOwnLoc(loc: object): boolean {
    return (loc as { lines?: unknown }).lines === this.fileLines;
  }

  private toOriginalOffset(line: number, column: number): number | undefined {
    const info = this.lineInfo[line - 1];
    if (!info) return undefined;
    return column < info.indent ? info.start + column : info.start + info.whitespace + (column - info.indent);
  }

  lineOf(path: ASTPath<any> | ASTNode): number {
    const node = ('node' in path ? path.node : path) as { loc?: { start: { line: number } } };
    return node.loc?.start.line ?? 0;
  }

  /** Records an emitted await inside the function around `path`. */
  markAwait(path: ASTPath<any>): void {
    const fn = this.enclosingFunction(path);
    if (fn) this.awaiting.add(fn.node);
  }

  enclosingFunction(path: ASTPath<any>): ASTPath<any> | undefined {
    for (let current: ASTPath<any> | null = path.parent; current; current = current.parent) {
      const type = current.node.type;
      if (type === 'FunctionDeclaration' || type === 'FunctionExpression' || type === 'ArrowFunctionExpression' || type === 'ObjectMethod' || type === 'ClassMethod' || type === 'ClassPrivateMethod') {
        return current;
      }
    }
    return undefined;
  }

  operationDone(): void {
    this.report.rewritten += 1;
  }

  toSource(): string {
    const tabs = this.style.indent === '\t';
    const options = { quote: this.style.quote === '"' ? 'double' : 'single', useTabs: tabs, tabWidth: tabs ? 4 : this.style.indent.length, reuseWhitespace: true, arrowParensAlways: wrapsArrowParameters(this.source) } as const;
    const printed = keepDirectivePrologue(printWithSettledBlankLines(this.root.paths()[0].node, this.fileLines, () => this.root.toSource(options)), this.source);
    const styled = matchNewLinesToStyle(tabs ? indentNewLinesWithTabs(printed, this.source) : printed, this.source, this.style);
    // recast prints LF line ends; a CRLF file stays CRLF
    return usesCrlf(this.source) ? styled.replace(/\r?\n/g, '\r\n') : styled;
  }
}
