/**
 * A small static evaluator for the expressions that say where a Lambda's code lives:
 * string/template literals, `path.join/resolve(__dirname, …)`, consts (also imported from a
 * relative module), object/array literals, and loop or props bindings. Anything else is UNKNOWN.
 */
import * as nodePath from 'node:path';
import type { ASTPath } from 'jscodeshift';
import type { ImportMap } from './readImports';
import { resolveReference } from './resolveReference';

export const UNKNOWN = Symbol('unknown');
export type StaticValue = unknown;

export interface EvaluationContext {
  filePath: string;
  /** Working directory of the CDK app (where cdk.json is): relative asset paths resolve from it. */
  cdkRoot: string;
  imports: ImportMap;
  /** Names bound by an enclosing loop, or a construct's `props` when evaluating a call site. */
  bindings?: Map<string, StaticValue>;
  /** A path inside the scope the expression is in, for finding consts. */
  scopePath?: ASTPath;
  /** Finds an exported const of a relative module (set up by the caller to parse that module). */
  resolveImportedConst?: (source: string, name: string, fromFile: string) => StaticValue;
  depth?: number;
}

type Node = { type: string; [key: string]: any };

/** `lambda.Code.fromAsset(dir)`: where the function's code comes from. */
export class CodeAsset {
  constructor(readonly directory: string) {}
}

/** `lambda.Code.fromInline(...)` and other code without a handler file of the app. */
export class NonFileCode {
  constructor(readonly how: string) {}
}

const PATH_MODULES = new Set(['path', 'node:path']);

function pathFunction(callee: Node, context: EvaluationContext): string | undefined {
  if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.property.type === 'Identifier') {
    const binding = context.imports.get(callee.object.name);
    if (binding && PATH_MODULES.has(binding.source) && (binding.imported === '*' || binding.imported === 'default')) return callee.property.name;
  }
  if (callee.type === 'Identifier') {
    const binding = context.imports.get(callee.name);
    if (binding && PATH_MODULES.has(binding.source)) return binding.imported;
  }
  return undefined;
}

function lookupConst(name: string, context: EvaluationContext): StaticValue {
  const scope = context.scopePath?.scope?.lookup(name);
  const declarations: ASTPath[] | undefined = scope?.getBindings()[name];
  const declarator = declarations?.[0]?.parent as ASTPath | undefined;
  if (declarator?.node.type === 'VariableDeclarator' && declarator.node.id.type === 'Identifier') {
    const declaration = declarator.parent?.node as { kind?: string } | undefined;
    if (declaration?.kind !== 'const' || !declarator.node.init) return UNKNOWN;
    return evaluateStatic(declarator.node.init as Node, { ...context, scopePath: declarator, bindings: undefined });
  }
  const imported = context.imports.get(name);
  if (imported && imported.source.startsWith('.') && context.resolveImportedConst) {
    return context.resolveImportedConst(imported.source, imported.imported, context.filePath);
  }
  return UNKNOWN;
}

function evaluateCall(node: Node, context: EvaluationContext): StaticValue {
  const callee = node.callee as Node;
  const fn = pathFunction(callee, context);
  if (fn) {
    const args = node.arguments.map((argument: Node) => evaluateStatic(argument, context));
    if (!args.every((value: StaticValue) => typeof value === 'string')) return UNKNOWN;
    if (fn === 'join') return nodePath.join(...(args as string[]));
    if (fn === 'resolve') return nodePath.resolve(context.cdkRoot, ...(args as string[]));
    if (fn === 'dirname' && args.length === 1) return nodePath.dirname(args[0] as string);
    if (fn === 'basename') return nodePath.basename(...(args as [string, string?]));
    return UNKNOWN;
  }
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') {
    const method = callee.property.name;
    const owner = resolveReference(callee.object, context.imports);
    if (owner?.kind === 'module' && owner.module === 'aws-cdk-lib/aws-lambda' && (owner.name === 'Code' || owner.name === 'AssetCode')) {
      if (method !== 'fromAsset' && method !== 'asset') return new NonFileCode(`Code.${method}`);
      const directory = evaluateStatic(node.arguments[0], context);
      return typeof directory === 'string' ? new CodeAsset(nodePath.resolve(context.cdkRoot, directory)) : UNKNOWN;
    }
    if (callee.object.type === 'Identifier' && callee.object.name === 'Object' && ['entries', 'keys', 'values'].includes(method)) {
      const target = evaluateStatic(node.arguments[0], context);
      if (!target || typeof target !== 'object') return UNKNOWN;
      const record = target as Record<string, StaticValue>;
      if (method === 'keys') return Object.keys(record);
      if (method === 'values') return Object.values(record);
      return Object.entries(record);
    }
    if (callee.object.type === 'Identifier' && callee.object.name === 'process' && method === 'cwd') return context.cdkRoot;
    const target = evaluateStatic(callee.object, context);
    if (typeof target === 'string' && node.arguments.length === 0) {
      if (method === 'toLowerCase') return target.toLowerCase();
      if (method === 'toUpperCase') return target.toUpperCase();
      if (method === 'trim') return target.trim();
    }
  }
  return UNKNOWN;
}

export function evaluateStatic(node: Node | null | undefined, context: EvaluationContext): StaticValue {
  if (!node) return UNKNOWN;
  const depth = (context.depth ?? 0) + 1;
  if (depth > 40) return UNKNOWN;
  const inner = { ...context, depth };
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
      return node.value;
    case 'NullLiteral':
      return null;
    case 'TemplateLiteral': {
      let text = '';
      for (let index = 0; index < node.quasis.length; index += 1) {
        text += node.quasis[index].value.cooked ?? node.quasis[index].value.raw;
        if (index < node.expressions.length) {
          const value = evaluateStatic(node.expressions[index], inner);
          if (typeof value !== 'string' && typeof value !== 'number') return UNKNOWN;
          text += String(value);
        }
      }
      return text;
    }
    case 'Identifier': {
      if (node.name === '__dirname') return nodePath.dirname(context.filePath);
      if (node.name === '__filename') return context.filePath;
      if (node.name === 'undefined') return undefined;
      if (context.bindings?.has(node.name)) return context.bindings.get(node.name);
      return lookupConst(node.name, inner);
    }
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const object = evaluateStatic(node.object, inner);
      if (object === undefined && node.optional) return undefined;
      if (object === UNKNOWN || object === null || typeof object !== 'object') return UNKNOWN;
      const key = node.computed ? evaluateStatic(node.property, inner) : node.property.name;
      if (typeof key !== 'string' && typeof key !== 'number') return UNKNOWN;
      const value = (object as Record<string, StaticValue>)[key];
      return value === undefined && !Object.prototype.hasOwnProperty.call(object, key) ? undefined : value;
    }
    case 'ObjectExpression': {
      const result: Record<string, StaticValue> = {};
      for (const property of node.properties) {
        if (property.type === 'SpreadElement') {
          const spread = evaluateStatic(property.argument, inner);
          if (spread === UNKNOWN || typeof spread !== 'object' || spread === null) return UNKNOWN;
          Object.assign(result, spread);
          continue;
        }
        if (property.type !== 'ObjectProperty' || property.computed) continue;
        const key = property.key.type === 'Identifier' ? property.key.name : property.key.value;
        result[String(key)] = evaluateStatic(property.value, inner);
      }
      return result;
    }
    case 'ArrayExpression': {
      const result: StaticValue[] = [];
      for (const element of node.elements) {
        if (element?.type === 'SpreadElement') {
          const spread = evaluateStatic(element.argument, inner);
          if (!Array.isArray(spread)) return UNKNOWN;
          result.push(...spread);
        } else result.push(evaluateStatic(element, inner));
      }
      return result;
    }
    case 'BinaryExpression': {
      if (node.operator !== '+') return UNKNOWN;
      const left = evaluateStatic(node.left, inner);
      const right = evaluateStatic(node.right, inner);
      const ok = (value: StaticValue) => typeof value === 'string' || typeof value === 'number';
      return ok(left) && ok(right) ? (left as string) + (right as string) : UNKNOWN;
    }
    case 'LogicalExpression': {
      const left = evaluateStatic(node.left, inner);
      if (left === UNKNOWN) return UNKNOWN;
      if (node.operator === '??') return left === null || left === undefined ? evaluateStatic(node.right, inner) : left;
      if (node.operator === '||') return left ? left : evaluateStatic(node.right, inner);
      return UNKNOWN;
    }
    case 'CallExpression':
      return evaluateCall(node, inner);
    case 'NewExpression': {
      const reference = resolveReference(node.callee, context.imports);
      if (reference?.kind === 'module' && reference.module === 'aws-cdk-lib/aws-lambda') {
        if (reference.name === 'AssetCode') {
          const directory = evaluateStatic(node.arguments[0], inner);
          return typeof directory === 'string' ? new CodeAsset(nodePath.resolve(context.cdkRoot, directory)) : UNKNOWN;
        }
        if (reference.name === 'InlineCode') return new NonFileCode('InlineCode');
      }
      return UNKNOWN;
    }
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
    case 'ParenthesizedExpression':
      return evaluateStatic(node.expression, inner);
    default:
      return UNKNOWN;
  }
}

/** Whether a value is fully known (no UNKNOWN anywhere inside). */
export function isKnown(value: StaticValue): boolean {
  if (value === UNKNOWN) return false;
  if (Array.isArray(value)) return value.every(isKnown);
  if (value && typeof value === 'object') return Object.values(value).every(isKnown);
  return true;
}
