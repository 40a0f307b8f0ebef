/**
 * Which handler file and export a Lambda construct runs: `NodejsFunction` `entry` (+ `handler`,
 * default export `handler`; no entry → `<file>.<id>.ts` as CDK does), or `lambda.Function`
 * `Code.fromAsset(dir)` + `handler: 'file.export'`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CodeAsset, evaluateStatic, NonFileCode, UNKNOWN, type EvaluationContext, type StaticValue } from './evaluateStatic';

type Node = { type: string; [key: string]: any };

export type FunctionKind = 'Function' | 'NodejsFunction';

export interface HandlerSpec {
  file?: string;
  exportName?: string;
  /** Code that is not a file of the app (inline code, a bucket, a Docker image). */
  nonFile?: string;
  /** Why the handler file could not be told. */
  unresolved?: string;
}

/** The option nodes that decide the handler (to tell whether they depend on a construct's props). */
export function handlerOptionNodes(options: Node | undefined, kind: FunctionKind): Node[] {
  if (!options) return [];
  if (options.type !== 'ObjectExpression') return [options];
  const keys = kind === 'NodejsFunction' ? ['entry', 'handler'] : ['code', 'handler'];
  return options.properties.flatMap((property: Node) => {
    if (property.type === 'SpreadElement') return [property.argument];
    const key = property.key?.type === 'Identifier' ? property.key.name : property.key?.value;
    return property.type === 'ObjectProperty' && keys.includes(key) ? [property.value] : [];
  });
}

/** Value of one option, looking through `...spread` objects; undefined when absent. */
export function readOption(options: Node | undefined, key: string, context: EvaluationContext): StaticValue {
  if (!options) return undefined;
  if (options.type === 'ObjectExpression') {
    for (let index = options.properties.length - 1; index >= 0; index -= 1) {
      const property = options.properties[index];
      if (property.type === 'SpreadElement') {
        const spread = evaluateStatic(property.argument, context);
        if (spread === UNKNOWN || !spread || typeof spread !== 'object') return UNKNOWN;
        if (Object.prototype.hasOwnProperty.call(spread, key)) return (spread as Record<string, StaticValue>)[key];
        continue;
      }
      if (property.type !== 'ObjectProperty' || property.computed) continue;
      const name = property.key.type === 'Identifier' ? property.key.name : property.key.value;
      if (name === key) return evaluateStatic(property.value, context);
    }
    return undefined;
  }
  const value = evaluateStatic(options, context);
  if (value === UNKNOWN || !value || typeof value !== 'object') return UNKNOWN;
  return (value as Record<string, StaticValue>)[key];
}

function describe(node: Node | undefined, source: string): string {
  if (!node || typeof node.start !== 'number') return 'an expression';
  const text = source.slice(node.start, node.end).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function optionNode(options: Node | undefined, key: string): Node | undefined {
  return options?.type === 'ObjectExpression'
    ? options.properties.find((property: Node) => property.type === 'ObjectProperty' && (property.key.name ?? property.key.value) === key)?.value
    : options;
}

export function resolveFunctionHandler(
  newNode: Node,
  kind: FunctionKind,
  context: EvaluationContext,
  source: string,
): HandlerSpec {
  const options = newNode.arguments[2] as Node | undefined;
  const handler = readOption(options, 'handler', context);
  if (kind === 'NodejsFunction') {
    let entry = readOption(options, 'entry', context);
    if (entry === undefined) {
      const id = evaluateStatic(newNode.arguments[1], context);
      const base = context.filePath.replace(/\.[^./]+$/, '');
      const candidates = typeof id === 'string' ? [`${base}.${id}.ts`, `${base}.${id}.js`] : [];
      entry = candidates.find((candidate) => existsSync(candidate));
      if (entry === undefined) return { unresolved: 'it has no `entry` and no default entry file next to it' };
    }
    if (typeof entry !== 'string') return { unresolved: `its entry (${describe(optionNode(options, 'entry'), source)}) is not a constant path` };
    if (handler !== undefined && typeof handler !== 'string') return { unresolved: 'its `handler` is not a constant string' };
    const exportName = typeof handler === 'string' ? handler.slice(handler.lastIndexOf('.') + 1) : 'handler';
    return { file: resolve(context.cdkRoot, entry), exportName };
  }
  const code = readOption(options, 'code', context);
  if (code instanceof NonFileCode) return { nonFile: code.how };
  if (!(code instanceof CodeAsset)) return { unresolved: `its code (${describe(optionNode(options, 'code'), source)}) is not Code.fromAsset of a constant directory` };
  if (typeof handler !== 'string' || !handler.includes('.')) {
    return { unresolved: `its handler (${describe(optionNode(options, 'handler'), source)}) is not a constant 'file.export' string` };
  }
  const dot = handler.lastIndexOf('.');
  return { file: join(code.directory, handler.slice(0, dot)), exportName: handler.slice(dot + 1) };
}
