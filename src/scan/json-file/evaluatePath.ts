import * as nodePath from 'node:path';
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { DataFile, ProjectIndex, SourceFile, ValueOrigin } from '../types';
import { memberName } from '../project/collectModuleExports';
import { walkPaths } from '../walkPaths';

const posix = nodePath.posix;

/** Where a helper is called from, so a path parameter can take its callers' value. */
export interface PathHooks {
  callSitesOf(fn: t.Node): { file: SourceFile; call: NodePath<t.CallExpression | t.NewExpression> }[];
}
const MAX_DEPTH = 12;

/**
 * Statically evaluates a file path expression: string literals, templates, `+`, constants (also
 * imported ones), `__dirname`/`__filename`, `import.meta.url`/`dirname`, `path.join/resolve/dirname`,
 * `fileURLToPath`, `new URL(x, import.meta.url)`, `process.cwd()`, and `process.env.X || 'default'`.
 * Absolute results start with `/`; anything else is relative to the working directory.
 */
export function evaluatePath(project: ProjectIndex, file: SourceFile, path: NodePath, depth = 0, hooks?: PathHooks): string | undefined {
  if (depth > MAX_DEPTH || !path.node) return undefined;
  const node = path.node;
  if (t.isTSAsExpression(node) || t.isTSNonNullExpression(node) || t.isParenthesizedExpression(node)) {
    return evaluatePath(project, file, path.get('expression') as NodePath, depth + 1, hooks);
  }
  if (t.isStringLiteral(node)) return node.value;
  if (t.isTemplateLiteral(node)) {
    let out = '';
    for (let i = 0; i < node.quasis.length; i++) {
      out += node.quasis[i].value.cooked ?? node.quasis[i].value.raw;
      if (i < node.expressions.length) {
        const value = evaluatePath(project, file, (path.get('expressions') as NodePath[])[i], depth + 1, hooks);
        if (value === undefined) return undefined;
        out += value;
      }
    }
    return out;
  }
  if (t.isBinaryExpression(node, { operator: '+' })) {
    const left = evaluatePath(project, file, path.get('left') as NodePath, depth + 1, hooks);
    const right = evaluatePath(project, file, path.get('right') as NodePath, depth + 1, hooks);
    return left !== undefined && right !== undefined ? left + right : undefined;
  }
  if (t.isLogicalExpression(node) && (node.operator === '||' || node.operator === '??')) {
    return evaluatePath(project, file, path.get('left') as NodePath, depth + 1, hooks) ?? evaluatePath(project, file, path.get('right') as NodePath, depth + 1, hooks);
  }
  if (t.isIdentifier(node)) return evaluateIdentifier(project, file, path as NodePath<t.Identifier>, depth, hooks);
  if (t.isMetaProperty(node)) return undefined;
  if (t.isMemberExpression(node)) {
    const object = node.object;
    const name = memberName(node);
    if (t.isMetaProperty(object)) {
      if (name === 'url') return `file://${file.abs}`;
      if (name === 'dirname') return posix.dirname(file.abs);
      if (name === 'filename') return file.abs;
      return undefined;
    }
    if (t.isMemberExpression(object) && t.isIdentifier(object.object, { name: 'process' }) && memberName(object) === 'env') return undefined;
    return evaluateOrigin(project, safeResolve(project, file, path), depth, hooks);
  }
  if (t.isCallExpression(node)) return evaluateCall(project, file, path as NodePath<t.CallExpression>, depth, hooks);
  if (t.isNewExpression(node) && t.isIdentifier(node.callee, { name: 'URL' })) {
    const args = path.get('arguments') as NodePath[];
    const relative = args[0] ? evaluatePath(project, file, args[0], depth + 1, hooks) : undefined;
    const base = args[1] ? evaluatePath(project, file, args[1], depth + 1, hooks) : undefined;
    if (relative === undefined) return undefined;
    if (base === undefined) return relative.startsWith('file://') ? relative : undefined;
    const baseDir = base.startsWith('file://') ? posix.dirname(base.slice(7)) : base;
    return `file://${posix.resolve(baseDir, relative)}`;
  }
  return undefined;
}

function evaluateIdentifier(project: ProjectIndex, file: SourceFile, path: NodePath<t.Identifier>, depth: number, hooks?: PathHooks): string | undefined {
  const name = path.node.name;
  const binding = path.scope.getBinding(name);
  if (!binding) {
    if (name === '__dirname') return posix.dirname(file.abs);
    if (name === '__filename') return file.abs;
    return undefined;
  }
  if (binding.kind === 'param') return evaluateParam(project, file, binding.path, binding.scope.path, depth, hooks);
  const decl = binding.path;
  if (decl.isVariableDeclarator() && t.isIdentifier(decl.node.id) && decl.node.init) {
    if (binding.constantViolations.length > 0) return undefined;
    return evaluatePath(project, file, decl.get('init') as NodePath, depth + 1, hooks);
  }
  return evaluateOrigin(project, safeResolve(project, file, path), depth, hooks);
}

function evaluateOrigin(project: ProjectIndex, origin: ValueOrigin | undefined, depth: number, hooks?: PathHooks): string | undefined {
  if (!origin) return undefined;
  if (origin.kind === 'declaration' && origin.path.isVariableDeclarator() && origin.path.node.init) {
    return evaluatePath(project, origin.file, origin.path.get('init') as NodePath, depth + 1, hooks);
  }
  if (origin.kind === 'declaration' && (origin.path.isClassProperty() || origin.path.isObjectProperty())) {
    const value = origin.path.get('value') as NodePath;
    return value.node ? evaluatePath(project, origin.file, value, depth + 1, hooks) : undefined;
  }
  if (origin.kind === 'expression') return evaluatePath(project, origin.file, origin.path, depth + 1, hooks);
  if (origin.kind === 'this-member') {
    // `this.file = file` in the constructor: the value given when the class is instantiated.
    for (const member of origin.classPath.get('body').get('body')) {
      if (!member.isClassMethod({ kind: 'constructor' })) continue;
      let found: string | undefined;
      walkPaths(member, {
        AssignmentExpression(assignment) {
          const left = assignment.node.left;
          if (found === undefined && t.isMemberExpression(left) && t.isThisExpression(left.object) && memberName(left) === origin.name) {
            found = evaluatePath(project, origin.file, assignment.get('right'), depth + 1, hooks);
          }
        },
      });
      return found;
    }
  }
  return undefined;
}

/** What the callers of a helper pass for a path parameter, when they all agree (or its default). */
function evaluateParam(project: ProjectIndex, file: SourceFile, param: NodePath, fn: NodePath, depth: number, hooks?: PathHooks): string | undefined {
  if (!fn.isFunction()) return undefined;
  const params = fn.node.params;
  const index = params.findIndex((p) => p === param.node || (t.isAssignmentPattern(p) && p.left === param.node));
  if (index < 0) return undefined;
  const sites = hooks?.callSitesOf(fn.node) ?? [];
  const values = new Set<string | undefined>();
  for (const site of sites.slice(0, 20)) {
    const arg = (site.call.get('arguments') as NodePath[])[index];
    values.add(arg ? evaluatePath(project, site.file, arg, depth + 1, hooks) : undefined);
  }
  const declared = params[index];
  if (values.size === 0 && t.isAssignmentPattern(declared)) {
    const defaultValue = (fn.get('params') as NodePath[])[index].get('right') as NodePath;
    return evaluatePath(project, file, defaultValue, depth + 1, hooks);
  }
  return values.size === 1 ? [...values][0] : undefined;
}

function evaluateCall(project: ProjectIndex, file: SourceFile, path: NodePath<t.CallExpression>, depth: number, hooks?: PathHooks): string | undefined {
  const callee = path.get('callee') as NodePath;
  const args = path.get('arguments') as NodePath[];
  // `x.toString()` on a path
  if (callee.isMemberExpression() && memberName(callee.node) === 'toString') {
    return evaluatePath(project, file, callee.get('object') as NodePath, depth + 1, hooks);
  }
  if (callee.isMemberExpression() && t.isIdentifier(callee.node.object, { name: 'process' }) && memberName(callee.node) === 'cwd') return '.';
  const origin = safeResolve(project, file, callee);
  if (origin?.kind !== 'package') return undefined;
  const fn = origin.members[origin.members.length - 1];
  if (origin.module === 'url' && fn === 'fileURLToPath') {
    const value = args[0] ? evaluatePath(project, file, args[0], depth + 1, hooks) : undefined;
    return value?.startsWith('file://') ? value.slice(7) : value;
  }
  if (origin.module !== 'path') return undefined;
  const values = args.map((arg) => evaluatePath(project, file, arg, depth + 1, hooks));
  if (values.some((v) => v === undefined)) return undefined;
  const parts = values as string[];
  switch (fn) {
    case 'join':
      return parts.length ? posix.join(...parts) : undefined;
    case 'resolve': {
      const lastAbsolute = parts.map((p) => p.startsWith('/')).lastIndexOf(true);
      return lastAbsolute >= 0 ? posix.resolve(...parts.slice(lastAbsolute)) : posix.join('.', ...parts);
    }
    case 'dirname':
      return parts[0] !== undefined ? posix.dirname(parts[0]) : undefined;
    case 'normalize':
      return parts[0] !== undefined ? posix.normalize(parts[0]) : undefined;
    default:
      return undefined;
  }
}

function safeResolve(project: ProjectIndex, file: SourceFile, path: NodePath): ValueOrigin | undefined {
  try {
    return project.resolveExpression(file, path);
  } catch {
    return undefined;
  }
}

/**
 * The data file a path names, relative to the scan root. Working-directory paths are tried from
 * the scan root, from the nearest package.json folder above the code, then from the code's folder;
 * the first that names a file of the project wins, else the scan-root reading is kept.
 */
export function resolveDataFilePath(project: ProjectIndex, file: SourceFile, value: string): string | undefined {
  const root = project.root;
  const toRel = (abs: string): string => posix.relative(root, abs);
  if (value.startsWith('file://')) return toRel(posix.normalize(value.slice(7)));
  if (value.startsWith('/')) return toRel(posix.normalize(value));
  const candidates = [posix.join(root, value)];
  const packageDir = nearestPackageDir(project, file);
  if (packageDir) candidates.push(posix.join(packageDir, value));
  candidates.push(posix.join(posix.dirname(file.abs), value));
  for (const candidate of candidates) {
    const rel = toRel(candidate);
    if (project.getDataFile(rel)) return rel;
  }
  return toRel(candidates[0]);
}

function nearestPackageDir(project: ProjectIndex, file: SourceFile): string | undefined {
  let dir = posix.dirname(file.abs);
  while (dir.startsWith(project.root)) {
    const rel = posix.relative(project.root, posix.join(dir, 'package.json'));
    if (project.getDataFile(rel)) return dir;
    if (dir === project.root) break;
    dir = posix.dirname(dir);
  }
  return undefined;
}

export function isDataFile(value: SourceFile | DataFile | undefined): value is DataFile {
  return Boolean(value) && !('program' in (value as object));
}
