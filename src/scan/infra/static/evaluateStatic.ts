import * as nodePath from 'node:path';
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { unwrapTypeWrappers } from '../../project/ValueResolver';
import type { ProjectIndex, SourceFile, ValueOrigin } from '../../types';
import { hasLoopOrParamRoot, loopOf, memberNameOf, patternKeyOf } from './bindingLoops';
import { asString, emptyEnv, fromPlain, UNKNOWN, type Env, type StaticObject, type StaticValue, type Thunk } from './staticValue';
import { walkPaths } from '../../walkPaths';

export * from './staticValue';
export { loopOf, memberNameOf } from './bindingLoops';

const MAX_DEPTH = 40;

/**
 * A small static evaluator for configuration-like code: string literals, templates, `path.join`
 * with `__dirname`, constants across modules, object and array literals, `process.env.X`. It is
 * what infrastructure code (CDK props, serverless.ts, route paths, DynamoDB TableName) needs;
 * anything it cannot prove is `unknown`, never a guess.
 */
export class StaticEvaluator {
  private readonly reading = new Set<t.Node>();

  constructor(readonly project: ProjectIndex) {}

  evaluate(file: SourceFile, path: NodePath | null | undefined, env: Env = emptyEnv(), depth = 0): StaticValue {
    if (!path?.node || depth > MAX_DEPTH) return UNKNOWN;
    try {
      return this.evaluateNode(file, unwrapTypeWrappers(path), env, depth + 1);
    } catch {
      return UNKNOWN;
    }
  }

  /** A string, when the value is one (numbers are written as text). */
  evaluateString(file: SourceFile, path: NodePath | null | undefined, env: Env = emptyEnv()): string | undefined {
    return asString(this.evaluate(file, path, env));
  }

  private evaluateNode(file: SourceFile, path: NodePath, env: Env, depth: number): StaticValue {
    const node = path.node;
    if (path.isStringLiteral()) return { kind: 'string', value: path.node.value, node, file };
    if (path.isNumericLiteral()) return { kind: 'number', value: path.node.value, node };
    if (path.isBooleanLiteral()) return { kind: 'boolean', value: path.node.value, node };
    if (path.isTemplateLiteral()) return this.evaluateTemplate(file, path, env, depth);
    if (path.isIdentifier()) return this.evaluateIdentifier(file, path, env, depth);
    if (path.isMemberExpression() || path.isOptionalMemberExpression()) return this.evaluateMember(file, path, env, depth);
    if (path.isObjectExpression()) return this.objectValue(file, path, env, depth);
    if (path.isArrayExpression()) return this.arrayValue(file, path, env, depth);
    if (path.isFunction()) return { kind: 'function', file, path };
    if (path.isBinaryExpression({ operator: '+' })) {
      const left = this.evaluate(file, path.get('left') as NodePath, env, depth);
      const right = this.evaluate(file, path.get('right') as NodePath, env, depth);
      const l = asString(left);
      const r = asString(right);
      if (left.kind === 'number' && right.kind === 'number') return { kind: 'number', value: left.value + right.value, node };
      return l !== undefined && r !== undefined ? { kind: 'string', value: l + r, node } : { kind: 'unknown', path, file };
    }
    if (path.isLogicalExpression() && (node as t.LogicalExpression).operator !== '&&') {
      const left = this.evaluate(file, path.get('left'), env, depth);
      const right = this.evaluate(file, path.get('right'), env, depth);
      if (left.kind === 'env') return { ...left, fallback: left.fallback ?? asString(right) };
      if (left.kind !== 'unknown') return left;
      return right.kind === 'unknown' ? { kind: 'unknown', path, file } : right;
    }
    if (path.isCallExpression()) return this.evaluateCall(file, path, env, depth);
    return { kind: 'unknown', path, file };
  }

  private evaluateTemplate(file: SourceFile, path: NodePath<t.TemplateLiteral>, env: Env, depth: number): StaticValue {
    let text = '';
    const expressions = path.get('expressions') as NodePath[];
    path.node.quasis.forEach((quasi, index) => {
      text += quasi.value.cooked ?? quasi.value.raw;
      if (index < expressions.length) {
        const part = asString(this.evaluate(file, expressions[index], env, depth));
        text += part ?? '\u0000';
      }
    });
    return text.includes('\u0000') ? { kind: 'unknown', path, file } : { kind: 'string', value: text, node: path.node };
  }

  private evaluateIdentifier(file: SourceFile, path: NodePath<t.Identifier>, env: Env, depth: number): StaticValue {
    const name = path.node.name;
    const binding = path.scope.getBinding(name);
    if (!binding) {
      if (name === '__dirname') return { kind: 'string', value: nodePath.dirname(file.abs), node: path.node };
      if (name === '__filename') return { kind: 'string', value: file.abs, node: path.node };
      return this.fromOrigin(this.project.resolveExpression(file, path), env, depth, { file, path });
    }
    const bound = env.bindings.get(binding.identifier);
    if (bound) {
      // A parameter bound to an expression that reads it again (recursive helpers) has no static value.
      if (this.reading.has(binding.identifier)) return { kind: 'unknown', path, file };
      this.reading.add(binding.identifier);
      try {
        return bound(env);
      } finally {
        this.reading.delete(binding.identifier);
      }
    }
    const loop = loopOf(binding);
    if (loop) {
      env.missing.push({ kind: 'loop', binding, file });
      return { kind: 'unknown', path, file };
    }
    if (binding.kind === 'param') {
      const fn = binding.path.isFunction() ? binding.path : binding.path.getFunctionParent();
      if (fn) env.missing.push({ kind: 'param', binding, fn, file });
      return { kind: 'unknown', path, file };
    }
    const declarator = binding.path;
    if (declarator.isVariableDeclarator()) {
      const init = declarator.get('init');
      if (!init.node) return { kind: 'unknown', path, file };
      const id = declarator.node.id;
      if (t.isIdentifier(id)) {
        if (!binding.constant && binding.kind !== 'const') return { kind: 'unknown', path, file };
        return this.evaluate(file, init as NodePath, env, depth);
      }
      // `const { a, b: c } = obj`
      const value = this.evaluate(file, init as NodePath, env, depth);
      const key = t.isObjectPattern(id) ? patternKeyOf(id, name) : undefined;
      if (key && value.kind === 'object') return value.get(key) ?? { kind: 'unknown', path, file };
      if (!key) return this.fromOrigin(this.project.resolveExpression(file, path), env, depth, { file, path });
      return { kind: 'unknown', path, file };
    }
    if (declarator.isFunction()) return { kind: 'function', file, path: declarator };
    return this.fromOrigin(this.project.resolveExpression(file, path), env, depth, { file, path });
  }

  private evaluateMember(file: SourceFile, path: NodePath<t.MemberExpression | t.OptionalMemberExpression>, env: Env, depth: number): StaticValue {
    const node = path.node;
    const object = path.get('object') as NodePath;
    const name = this.memberKey(file, path, env, depth);
    if (name === undefined) return { kind: 'unknown', path, file };
    if (object.isMemberExpression() && t.isIdentifier(object.node.object, { name: 'process' }) && memberNameOf(object.node) === 'env') {
      return { kind: 'env', name, node, file };
    }
    if (object.isMetaProperty() && (name === 'dirname' || name === 'filename')) {
      return { kind: 'string', value: name === 'dirname' ? nodePath.dirname(file.abs) : file.abs, node };
    }
    if (object.isThisExpression()) return this.fromOrigin(this.project.resolveExpression(file, path), env, depth, { file, path });
    const value = this.evaluate(file, object, env, depth);
    if (value.kind === 'object') return value.get(name) ?? { kind: 'unknown', path, file };
    if (value.kind === 'array') {
      if (name === 'length') return { kind: 'number', value: value.items.length, node };
      const index = Number(name);
      return Number.isInteger(index) && value.items[index] ? value.items[index]() : { kind: 'unknown', path, file };
    }
    if (value.kind === 'unknown' && !hasLoopOrParamRoot(object)) {
      const result = this.fromOrigin(this.project.resolveExpression(file, path), env, depth, { file, path });
      if (result.kind === 'unknown' && value.path?.isNewExpression()) {
        return { ...result, instances: [...(value.instances ?? []), value.path.node, ...(result.instances ?? [])] };
      }
      return result;
    }
    return { kind: 'unknown', path, file };
  }

  private memberKey(file: SourceFile, path: NodePath<t.MemberExpression | t.OptionalMemberExpression>, env: Env, depth: number): string | undefined {
    const node = path.node;
    if (!node.computed && t.isIdentifier(node.property)) return node.property.name;
    if (!node.computed) return undefined;
    return asString(this.evaluate(file, path.get('property') as NodePath, env, depth));
  }

  private evaluateCall(file: SourceFile, path: NodePath<t.CallExpression>, env: Env, depth: number): StaticValue {
    const node = path.node;
    const callee = path.get('callee') as NodePath;
    const args = path.get('arguments') as NodePath[];
    const origin = callee.isIdentifier() || callee.isMemberExpression() ? this.project.resolveExpression(file, callee) : undefined;
    const target = origin?.kind === 'package' ? `${origin.module}:${origin.members.join('.')}` : undefined;
    const strings = (): string[] | undefined => {
      const values = args.map((arg) => asString(this.evaluate(file, arg, env, depth)));
      return values.every((v): v is string => v !== undefined) ? values : undefined;
    };
    switch (target) {
      case 'path:join':
      case 'path:posix.join': {
        const parts = strings();
        return parts && parts.length > 0 ? { kind: 'string', value: nodePath.join(...parts), node } : { kind: 'unknown', path, file };
      }
      case 'path:resolve':
      case 'path:posix.resolve': {
        const parts = strings();
        if (!parts || parts.length === 0) return { kind: 'unknown', path, file };
        // Without an absolute part, resolve() depends on the working directory: keep the path relative.
        const absolute = parts.some((p) => nodePath.isAbsolute(p));
        return { kind: 'string', value: absolute ? nodePath.resolve(...parts) : nodePath.join(...parts), node };
      }
      case 'path:dirname': {
        const parts = strings();
        return parts?.length === 1 ? { kind: 'string', value: nodePath.dirname(parts[0]), node } : { kind: 'unknown', path, file };
      }
      case 'url:fileURLToPath': {
        // fileURLToPath(import.meta.url) / fileURLToPath(new URL('.', import.meta.url))
        const arg = args[0];
        if (arg?.isMemberExpression() && arg.get('object').isMetaProperty()) return { kind: 'string', value: file.abs, node };
        if (arg?.isNewExpression()) {
          const rel = asString(this.evaluate(file, (arg.get('arguments') as NodePath[])[0], env, depth));
          if (rel !== undefined) return { kind: 'string', value: nodePath.join(nodePath.dirname(file.abs), rel), node };
        }
        return { kind: 'unknown', path, file };
      }
      default:
        break;
    }
    // Object.entries/keys/values over a known object (route tables keyed by name).
    if (callee.isMemberExpression() && t.isIdentifier(callee.node.object, { name: 'Object' }) && args.length === 1) {
      const method = memberNameOf(callee.node);
      const value = this.evaluate(file, args[0], env, depth);
      if (value.kind === 'object' && (method === 'entries' || method === 'keys' || method === 'values')) {
        const items: Thunk[] = value.keys().map((key) => {
          const keyValue: StaticValue = { kind: 'string', value: key };
          const item = (): StaticValue => value.get(key) ?? UNKNOWN;
          if (method === 'keys') return () => keyValue;
          if (method === 'values') return item;
          return () => ({ kind: 'array', items: [() => keyValue, item] });
        });
        return { kind: 'array', items, node };
      }
    }
    if (callee.isIdentifier({ name: 'String' }) && args.length === 1) {
      const value = asString(this.evaluate(file, args[0], env, depth));
      return value !== undefined ? { kind: 'string', value, node } : { kind: 'unknown', path, file };
    }
    return { kind: 'unknown', path, file };
  }

  /** The value of a resolved origin; `at` is the expression being evaluated (kept on unknown results). */
  private fromOrigin(origin: ValueOrigin | undefined, env: Env, depth: number, at: { file: SourceFile; path: NodePath }): StaticValue {
    const unknown: StaticValue = { kind: 'unknown', path: at.path, file: at.file };
    if (!origin) return unknown;
    switch (origin.kind) {
      case 'declaration': {
        const decl = origin.path;
        if (decl.isVariableDeclarator()) {
          const init = decl.get('init');
          if (!init.node || !t.isIdentifier(decl.node.id)) return { kind: 'unknown', file: origin.file, path: decl };
          return this.evaluate(origin.file, init as NodePath, env, depth);
        }
        if (decl.isClassProperty()) {
          const value = decl.get('value') as NodePath;
          if (value.node) return this.evaluate(origin.file, value, env, depth);
          return this.evaluateThisAssignment(origin.file, decl.parentPath?.parentPath as NodePath<t.Class>, origin.name, env, depth) ?? unknown;
        }
        if (decl.isFunction()) return { kind: 'function', file: origin.file, path: decl };
        if (decl.isAssignmentExpression()) return this.evaluate(origin.file, decl.get('right'), env, depth);
        return unknown;
      }
      case 'expression':
        return this.evaluate(origin.file, origin.path, env, depth);
      case 'this-member':
        return this.evaluateThisAssignment(origin.file, origin.classPath, origin.name, env, depth) ?? unknown;
      case 'data':
        return this.dataValue(origin.file.text, origin.members) ?? unknown;
      default:
        return unknown;
    }
  }

  /** `this.tableName = process.env.TABLE` in a constructor or method of the class. */
  private evaluateThisAssignment(file: SourceFile, classPath: NodePath<t.Class> | undefined, name: string, env: Env, depth: number): StaticValue | undefined {
    if (!classPath?.isClass()) return undefined;
    let found: NodePath | undefined;
    walkPaths(classPath, {
      AssignmentExpression(assignment) {
        const left = assignment.node.left;
        if (!found && t.isMemberExpression(left) && t.isThisExpression(left.object) && memberNameOf(left) === name) {
          found = assignment.get('right');
          assignment.stop();
        }
      },
    });
    return found ? this.evaluate(file, found, env, depth) : undefined;
  }

  private dataValue(text: string, members: string[]): StaticValue | undefined {
    try {
      let value: unknown = JSON.parse(text);
      for (const member of members) {
        if (value === null || typeof value !== 'object') return undefined;
        value = (value as Record<string, unknown>)[member];
      }
      return value === undefined ? undefined : fromPlain(value);
    } catch {
      return undefined;
    }
  }

  private objectValue(file: SourceFile, path: NodePath<t.ObjectExpression>, env: Env, depth: number): StaticObject {
    const entries = (): { key: string; value: Thunk; node: t.Node; file: SourceFile }[] => {
      const list: { key: string; value: Thunk; node: t.Node; file: SourceFile }[] = [];
      for (const property of path.get('properties')) {
        if (property.isObjectProperty()) {
          const key = this.propertyKey(file, property, env, depth);
          if (key === undefined) continue;
          const valuePath = property.get('value') as NodePath;
          list.push({ key, value: () => this.evaluate(file, valuePath, env, depth), node: property.node, file });
        } else if (property.isObjectMethod()) {
          const key = this.propertyKey(file, property, env, depth);
          if (key !== undefined) list.push({ key, value: () => ({ kind: 'function', file, path: property }), node: property.node, file });
        } else if (property.isSpreadElement()) {
          const spread = this.evaluate(file, property.get('argument'), env, depth);
          if (spread.kind !== 'object') continue;
          for (const key of spread.keys()) {
            const at = spread.keyNode(key);
            list.push({ key, value: () => spread.get(key) ?? UNKNOWN, node: at?.node ?? property.node, file: at?.file ?? file });
          }
        }
      }
      return list;
    };
    let cached: ReturnType<typeof entries> | undefined;
    const all = () => (cached ??= entries());
    const last = (name: string) => [...all()].reverse().find((entry) => entry.key === name);
    return {
      kind: 'object',
      file,
      node: path.node,
      path,
      keys: () => [...new Set(all().map((entry) => entry.key))],
      get: (name) => last(name)?.value(),
      keyNode: (name) => {
        const entry = last(name);
        return entry ? { file: entry.file, node: entry.node } : undefined;
      },
    };
  }

  private propertyKey(file: SourceFile, property: NodePath<t.ObjectProperty | t.ObjectMethod>, env: Env, depth: number): string | undefined {
    const node = property.node;
    if (node.computed) return asString(this.evaluate(file, property.get('key') as NodePath, env, depth));
    if (t.isIdentifier(node.key)) return node.key.name;
    if (t.isStringLiteral(node.key)) return node.key.value;
    if (t.isNumericLiteral(node.key)) return String(node.key.value);
    return undefined;
  }

  private arrayValue(file: SourceFile, path: NodePath<t.ArrayExpression>, env: Env, depth: number): StaticValue {
    const items: Thunk[] = [];
    for (const element of path.get('elements')) {
      if (!element.node) continue;
      if (element.isSpreadElement()) {
        const spread = this.evaluate(file, element.get('argument'), env, depth);
        if (spread.kind === 'array') items.push(...spread.items);
        else return { kind: 'unknown', path, file };
        continue;
      }
      const elementPath = element as NodePath;
      items.push(() => this.evaluate(file, elementPath, env, depth));
    }
    return { kind: 'array', items, node: path.node };
  }
}

