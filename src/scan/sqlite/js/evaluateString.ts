/**
 * Evaluates a JS expression that builds a string (SQL text, a file path) into the texts it can
 * take at run time: literals, templates, `+` and `+=`, constants in this or another module,
 * ternaries, whitelist look-ups (`SORTABLE[key]`), `[...].join()`, `fs.readFileSync` of a project
 * file. What cannot be known becomes a hole the SQL side fills with a placeholder.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { DataFile, ProjectIndex, SourceFile } from '../../types';
import { unwrapPath } from './astUtils';

export interface StringHole {
  file: SourceFile;
  path: NodePath;
  /** Set when the hole is a parameter of the enclosing function (a helper taking SQL text). */
  param?: { fn: NodePath<t.Function>; index: number };
  /** A tagged template whose holes the library binds as parameters (`SQL\`… ${id}\``). */
  bound?: boolean;
}

export type StringPart = { text: string } | { hole: StringHole };

export interface EvaluatedString {
  alternatives: StringPart[][];
  /** The text depends on a run-time choice (ternary, look-up, conditional `+=`). */
  varies: boolean;
  /** More alternatives existed than MAX_ALTERNATIVES. */
  truncated: boolean;
  /** Project data files read to build the text (`fs.readFileSync('schema.sql')`). */
  dataFiles: DataFile[];
  /** Where the first literal text comes from (for line numbers). */
  literal?: { file: SourceFile; path: NodePath };
}

const MAX_ALTERNATIVES = 48;
const MAX_DEPTH = 16;
const TEMPLATE_TAGS_BINDING_VALUES = new Set(['sql-template-strings', 'sql-template-tag']);

export class StringEvaluator {
  constructor(private readonly project: ProjectIndex) {}

  evaluate(file: SourceFile, path: NodePath): EvaluatedString {
    const state: EvaluatedString = { alternatives: [], varies: false, truncated: false, dataFiles: [] };
    state.alternatives = this.visit(file, path, state, 0);
    return state;
  }

  private visit(file: SourceFile, rawPath: NodePath, state: EvaluatedString, depth: number): StringPart[][] {
    const hole = (): StringPart[][] => [[{ hole: { file, path: rawPath } }]];
    if (depth > MAX_DEPTH || !rawPath.node) return hole();
    const path = unwrapPath(rawPath);
    const node = path.node;
    if (t.isStringLiteral(node)) {
      state.literal ??= { file, path };
      return [[{ text: node.value }]];
    }
    if (t.isNumericLiteral(node) || t.isBooleanLiteral(node)) return [[{ text: String(node.value) }]];
    if (t.isTemplateLiteral(node)) {
      state.literal ??= { file, path };
      return this.visitTemplate(file, path as NodePath<t.TemplateLiteral>, state, depth, false);
    }
    if (t.isTaggedTemplateExpression(node)) {
      const tag = this.project.resolveExpression(file, (path as NodePath<t.TaggedTemplateExpression>).get('tag'));
      const binds = tag?.kind === 'package' && TEMPLATE_TAGS_BINDING_VALUES.has(tag.module);
      state.literal ??= { file, path };
      return this.visitTemplate(file, (path as NodePath<t.TaggedTemplateExpression>).get('quasi'), state, depth, binds);
    }
    if (t.isBinaryExpression(node) && node.operator === '+') {
      const p = path as NodePath<t.BinaryExpression>;
      return this.concat(this.visit(file, p.get('left'), state, depth + 1), this.visit(file, p.get('right'), state, depth + 1), state);
    }
    if (t.isConditionalExpression(node)) {
      const p = path as NodePath<t.ConditionalExpression>;
      state.varies = true;
      return this.union(this.visit(file, p.get('consequent'), state, depth + 1), this.visit(file, p.get('alternate'), state, depth + 1), state);
    }
    if (t.isLogicalExpression(node) && (node.operator === '||' || node.operator === '??')) {
      const p = path as NodePath<t.LogicalExpression>;
      // `process.env.DB_FILE || 'app.db'`: the written default is what the project ships.
      if (isProcessEnv(node.left)) return this.visit(file, p.get('right'), state, depth + 1);
      state.varies = true;
      return this.union(this.visit(file, p.get('left'), state, depth + 1), this.visit(file, p.get('right'), state, depth + 1), state);
    }
    if (t.isIdentifier(node)) return this.visitIdentifier(file, path as NodePath<t.Identifier>, state, depth) ?? hole();
    if (t.isMemberExpression(node)) return this.visitMember(file, path as NodePath<t.MemberExpression>, state, depth) ?? hole();
    if (t.isCallExpression(node)) return this.visitCall(file, path as NodePath<t.CallExpression>, state, depth) ?? hole();
    if (t.isNewExpression(node)) return this.visitNewUrl(file, path as NodePath<t.NewExpression>, state, depth) ?? hole();
    return hole();
  }

  private visitTemplate(file: SourceFile, path: NodePath<t.TemplateLiteral>, state: EvaluatedString, depth: number, binds: boolean): StringPart[][] {
    const quasis = path.node.quasis;
    const expressions = path.get('expressions') as NodePath[];
    let result: StringPart[][] = [[{ text: quasis[0].value.cooked ?? quasis[0].value.raw }]];
    expressions.forEach((expression, index) => {
      const value = binds ? [[{ hole: { file, path: expression, bound: true } } as StringPart]] : this.visit(file, expression, state, depth + 1);
      result = this.concat(result, value, state);
      const quasi = quasis[index + 1];
      result = this.concat(result, [[{ text: quasi.value.cooked ?? quasi.value.raw }]], state);
    });
    return result;
  }

  private visitIdentifier(file: SourceFile, path: NodePath<t.Identifier>, state: EvaluatedString, depth: number): StringPart[][] | undefined {
    if (path.node.name === '__dirname') return [[{ text: posixDirname(file.rel) || '.' }]];
    const binding = path.scope.getBinding(path.node.name);
    if (!binding) return undefined;
    if (binding.kind === 'param') {
      const fn = binding.path.findParent((p) => p.isFunction()) as NodePath<t.Function> | null;
      const index = fn ? fn.node.params.findIndex((param) => containsNode(param, binding.identifier)) : -1;
      if (fn && index >= 0) {
        const param = fn.node.params[index];
        // A default value is what callers that leave the argument out get.
        if (t.isAssignmentPattern(param) && t.isIdentifier(param.left, { name: path.node.name })) {
          const defaults = this.visit(file, (fn.get('params')[index] as NodePath<t.AssignmentPattern>).get('right'), state, depth + 1);
          return [[{ hole: { file, path, param: { fn, index } } }], ...defaults];
        }
        return [[{ hole: { file, path, param: { fn, index } } }]];
      }
      return undefined;
    }
    if (binding.kind === 'module') {
      const origin = this.project.resolveExpression(file, path);
      if (origin?.kind === 'declaration' && origin.path.isVariableDeclarator() && origin.path.node.init) {
        return this.visit(origin.file, origin.path.get('init') as NodePath, state, depth + 1);
      }
      if (origin?.kind === 'expression') return this.visit(origin.file, origin.path, state, depth + 1);
      return undefined;
    }
    if (!binding.path.isVariableDeclarator()) return undefined;
    const declarator = binding.path;
    if (!t.isIdentifier(declarator.node.id)) {
      const origin = this.project.resolveExpression(file, path);
      if (origin?.kind === 'expression') return this.visit(origin.file, origin.path, state, depth + 1);
      if (origin?.kind === 'declaration' && origin.path !== declarator && origin.path.isVariableDeclarator() && origin.path.node.init) {
        return this.visit(origin.file, origin.path.get('init') as NodePath, state, depth + 1);
      }
      return undefined;
    }
    let current: StringPart[][] = declarator.node.init ? this.visit(file, declarator.get('init') as NodePath, state, depth + 1) : [[{ text: '' }]];
    const useStart = path.node.start ?? 0;
    // Assignments before the use, in its function or one enclosing it (`sql += …` then `new Promise(() => db.all(sql))`).
    const enclosing = new Set<t.Node | undefined>([undefined]);
    for (let fn = path.getFunctionParent(); fn; fn = fn.parentPath?.getFunctionParent() ?? null) enclosing.add(fn.node);
    const violations = binding.constantViolations
      .filter((v) => (v.node.start ?? 0) < useStart && enclosing.has(v.getFunctionParent()?.node) && v.isAssignmentExpression())
      .sort((a, b) => (a.node.start ?? 0) - (b.node.start ?? 0)) as NodePath<t.AssignmentExpression>[];
    for (const violation of violations) {
      const right = this.visit(file, violation.get('right'), state, depth + 1);
      const next = violation.node.operator === '+=' ? this.concat(current, right, state) : violation.node.operator === '=' ? right : undefined;
      if (!next) return undefined;
      if (isConditionalRelativeTo(violation, path)) {
        state.varies = true;
        current = this.union(current, next, state);
      } else current = next;
    }
    return current;
  }

  /**
   * ESM file locations: `new URL('../app.db', import.meta.url)` is the path of that file (a file URL
   * is written here as its path; `fileURLToPath` and `.pathname` keep it).
   */
  private visitNewUrl(file: SourceFile, path: NodePath<t.NewExpression>, state: EvaluatedString, depth: number): StringPart[][] | undefined {
    if (!t.isIdentifier(path.node.callee, { name: 'URL' }) || path.scope.hasBinding('URL')) return undefined;
    const [relative, base] = path.get('arguments') as NodePath[];
    if (!relative || !base) return undefined;
    const results: StringPart[][] = [];
    for (const relAlt of this.visit(file, relative, state, depth + 1)) {
      for (const baseAlt of this.visit(file, base, state, depth + 1)) {
        if (!relAlt.every((p) => 'text' in p) || !baseAlt.every((p) => 'text' in p)) continue;
        const rel = textOf(relAlt);
        const baseText = textOf(baseAlt);
        if (/^[a-z][a-z0-9+.-]*:/i.test(rel)) continue; // an absolute URL of its own
        const dir = baseText.endsWith('/') ? baseText : posixDirname(baseText);
        results.push([{ text: normalisePath(rel.startsWith('/') ? rel : `${dir}/${rel}`) }]);
      }
    }
    return results.length > 0 ? results : undefined;
  }

  private visitMember(file: SourceFile, path: NodePath<t.MemberExpression>, state: EvaluatedString, depth: number): StringPart[][] | undefined {
    // `import.meta.url`: this module's own file.
    if (t.isMetaProperty(path.node.object) && t.isIdentifier(path.node.property, { name: 'url' })) return [[{ text: file.rel }]];
    // `new URL(…).pathname`
    if (t.isIdentifier(path.node.property, { name: 'pathname' }) && !path.node.computed && t.isNewExpression(path.node.object)) {
      return this.visitNewUrl(file, path.get('object') as NodePath<t.NewExpression>, state, depth + 1);
    }
    if (path.node.computed && !t.isStringLiteral(path.node.property)) {
      // `SORTABLE[sort]`: any of the object's string values (a whitelist look-up).
      const object = this.project.resolveExpression(file, path.get('object'));
      const literal = objectLiteralOf(object);
      if (!literal) return undefined;
      const values: StringPart[][] = [];
      for (const property of literal.path.get('properties')) {
        if (property.isObjectProperty()) values.push(...this.visit(literal.file, property.get('value') as NodePath, state, depth + 1));
      }
      if (values.length === 0) return undefined;
      state.varies = true;
      return this.union(values, [], state);
    }
    const origin = this.project.resolveExpression(file, path);
    if (origin?.kind === 'expression' && origin.path.node !== path.node) return this.visit(origin.file, origin.path, state, depth + 1);
    if (origin?.kind === 'declaration' && origin.path.isVariableDeclarator() && origin.path.node.init) {
      return this.visit(origin.file, origin.path.get('init') as NodePath, state, depth + 1);
    }
    if (origin?.kind === 'declaration' && (origin.path.isClassProperty() || origin.path.isObjectProperty())) {
      const value = (origin.path as NodePath<t.ClassProperty>).get('value') as NodePath;
      if (value.node) return this.visit(origin.file, value, state, depth + 1);
    }
    return undefined;
  }

  private visitCall(file: SourceFile, path: NodePath<t.CallExpression>, state: EvaluatedString, depth: number): StringPart[][] | undefined {
    const callee = path.get('callee');
    const args = path.get('arguments') as NodePath[];
    if (callee.isMemberExpression() && !callee.node.computed && t.isIdentifier(callee.node.property)) {
      const method = callee.node.property.name;
      const object = callee.get('object') as NodePath;
      if (['trim', 'trimStart', 'trimEnd', 'toString', 'replace', 'replaceAll'].includes(method)) {
        const inner = this.visit(file, object, state, depth + 1);
        return method.startsWith('trim') ? inner.map((alt) => trimParts(alt, method)) : inner;
      }
      if (method === 'join' && object.isArrayExpression()) {
        const separator = args[0] && t.isStringLiteral(args[0].node) ? args[0].node.value : ',';
        let result: StringPart[][] = [[]];
        object.get('elements').forEach((element, index) => {
          if (!element.node) return;
          if (index > 0) result = this.concat(result, [[{ text: separator }]], state);
          result = this.concat(result, this.visit(file, element as NodePath, state, depth + 1), state);
        });
        return result;
      }
      if (method === 'concat') {
        let result = this.visit(file, object, state, depth + 1);
        for (const arg of args) result = this.concat(result, this.visit(file, arg, state, depth + 1), state);
        return result;
      }
    }
    if (t.isMemberExpression(callee.node) && t.isIdentifier(callee.node.object, { name: 'process' }) && t.isIdentifier(callee.node.property, { name: 'cwd' })) {
      return [[{ text: '.' }]];
    }
    const origin = this.project.resolveExpression(file, callee);
    if (origin?.kind !== 'package') return undefined;
    const member = origin.members.join('.');
    if (origin.module === 'path' && ['join', 'resolve', 'normalize'].includes(member)) {
      let result: StringPart[][] = [[{ text: '' }]];
      for (const arg of args) {
        result = this.concat(result, this.visit(file, arg, state, depth + 1), state);
        result = this.concat(result, [[{ text: '/' }]], state);
      }
      return result.map((alt) => (alt.every((p) => 'text' in p) ? [{ text: normalisePath(alt.map((p) => (p as { text: string }).text).join('')) }] : alt));
    }
    // `fileURLToPath(url)`: file URLs are already evaluated as paths; `path.dirname(…)` (ESM `__dirname`).
    if (origin.module === 'url' && member === 'fileURLToPath' && args[0]) return this.visit(file, args[0], state, depth + 1);
    if (origin.module === 'path' && member === 'dirname' && args[0]) {
      return this.visit(file, args[0], state, depth + 1).map((alt) => (alt.every((p) => 'text' in p) ? [{ text: posixDirname(textOf(alt)) || '.' }] : alt));
    }
    if (origin.module === 'fs' && (member === 'readFileSync' || member === 'promises.readFile')) {
      const target = args[0] ? this.visit(file, args[0], state, depth + 1) : [];
      const texts: StringPart[][] = [];
      for (const alt of target) {
        if (!alt.every((p) => 'text' in p)) continue;
        const data = this.project.getDataFile(toProjectRelative(this.project.root, alt.map((p) => (p as { text: string }).text).join('')));
        if (data) {
          if (!state.dataFiles.includes(data)) state.dataFiles.push(data);
          texts.push([{ text: data.text }]);
        }
      }
      return texts.length > 0 ? texts : undefined;
    }
    return undefined;
  }

  private concat(left: StringPart[][], right: StringPart[][], state: EvaluatedString): StringPart[][] {
    const result: StringPart[][] = [];
    for (const a of left) {
      for (const b of right) {
        if (result.length >= MAX_ALTERNATIVES) {
          state.truncated = true;
          return result;
        }
        result.push(mergeText([...a, ...b]));
      }
    }
    return result;
  }

  private union(a: StringPart[][], b: StringPart[][], state: EvaluatedString): StringPart[][] {
    const seen = new Set<string>();
    const result: StringPart[][] = [];
    for (const alt of [...a, ...b]) {
      const key = alt.map((p) => ('text' in p ? p.text : `\u0000${p.hole.path.node?.start}`)).join('');
      if (seen.has(key)) continue;
      seen.add(key);
      if (result.length >= MAX_ALTERNATIVES) {
        state.truncated = true;
        break;
      }
      result.push(alt);
    }
    return result;
  }
}

function mergeText(parts: StringPart[]): StringPart[] {
  const merged: StringPart[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if ('text' in part && last && 'text' in last) merged[merged.length - 1] = { text: last.text + part.text };
    else merged.push(part);
  }
  return merged;
}

function trimParts(parts: StringPart[], method: string): StringPart[] {
  const out = [...parts];
  const first = out[0];
  const last = out[out.length - 1];
  if (method !== 'trimEnd' && first && 'text' in first) out[0] = { text: first.text.trimStart() };
  if (method !== 'trimStart' && last && 'text' in last) out[out.length - 1] = { text: (out[out.length - 1] as { text: string }).text.trimEnd() };
  return out;
}

/** Is `violation` (an assignment) only sometimes run before `use`: inside a branch or loop `use` is not in? */
function isConditionalRelativeTo(violation: NodePath, use: NodePath): boolean {
  const useAncestors = new Set<t.Node>();
  for (let p: NodePath | null = use; p; p = p.parentPath) useAncestors.add(p.node);
  for (let p: NodePath | null = violation.parentPath; p && !useAncestors.has(p.node); p = p.parentPath) {
    if (p.isIfStatement() || p.isConditionalExpression() || p.isLogicalExpression() || p.isLoop() || p.isSwitchCase() || p.isCatchClause()) {
      return true;
    }
  }
  return false;
}

function objectLiteralOf(origin: ReturnType<ProjectIndex['resolveExpression']>): { file: SourceFile; path: NodePath<t.ObjectExpression> } | undefined {
  if (!origin) return undefined;
  if (origin.kind === 'expression' && origin.path.isObjectExpression()) return { file: origin.file, path: origin.path };
  if (origin.kind === 'declaration' && origin.path.isVariableDeclarator()) {
    const init = origin.path.get('init');
    const value = init.node ? unwrapPath(init as NodePath) : undefined;
    if (value?.isObjectExpression()) return { file: origin.file, path: value };
  }
  return undefined;
}

function isProcessEnv(node: t.Node): boolean {
  return (
    t.isMemberExpression(node) &&
    ((t.isMemberExpression(node.object) && t.isIdentifier(node.object.object, { name: 'process' }) && t.isIdentifier(node.object.property, { name: 'env' })) ||
      isProcessEnv(node.object))
  );
}

function containsNode(root: t.Node, target: t.Node): boolean {
  if (root === target) return true;
  if (t.isAssignmentPattern(root)) return containsNode(root.left, target);
  if (t.isRestElement(root)) return containsNode(root.argument, target);
  if (t.isTSParameterProperty(root)) return containsNode(root.parameter, target);
  return false;
}

function textOf(parts: StringPart[]): string {
  return parts.map((p) => ('text' in p ? p.text : '')).join('');
}

function posixDirname(rel: string): string {
  const index = rel.lastIndexOf('/');
  return index < 0 ? '' : rel.slice(0, index);
}

/** Collapses `a/./b/../c` and duplicate slashes; a leading `/` (absolute) is kept. */
export function normalisePath(text: string): string {
  const absolute = text.startsWith('/');
  const out: string[] = [];
  for (const segment of text.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(segment);
  }
  return (absolute ? '/' : '') + out.join('/');
}

/** A path evaluated relative to the scan root (or absolute under it) → the project-relative form. */
export function toProjectRelative(root: string, text: string): string {
  const normalised = normalisePath(text);
  const rootNormalised = normalisePath(root);
  if (normalised.startsWith(`${rootNormalised}/`)) return normalised.slice(rootNormalised.length + 1);
  return normalised;
}
