import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { memberNameOf, StaticEvaluator, type StaticObject, type StaticValue } from '../infra/static/evaluateStatic';
import { unwrapTypeWrappers } from '../project/ValueResolver';
import type { ProjectIndex, ScanContext, SourceFile } from '../types';
import { safely } from '../infra/safely';
import { tableRefOf, type TableRef } from './tableRefOf';
import { walkPaths } from '../walkPaths';

export type DynamoAction = 'Put' | 'Get' | 'Query' | 'Scan' | 'Update' | 'Delete';

/** One table-level request found in code (a batch or transaction gives one per table and item kind). */
export interface DynamoRequest {
  file: SourceFile;
  /** The `new GetCommand(…)` or `docClient.get(…)` node. */
  path: NodePath;
  action: DynamoAction;
  /** Low-level API (`{ S: 'x' }` attribute values) rather than the document client. */
  lowLevel: boolean;
  /** The request parameters (for batch items: the `PutRequest` / `DeleteRequest` / table entry). */
  params?: StaticObject;
  table: TableRef;
}

const COMMANDS: Record<string, DynamoAction | 'BatchGet' | 'BatchWrite' | 'TransactWrite' | 'TransactGet'> = {
  Put: 'Put',
  PutItem: 'Put',
  Get: 'Get',
  GetItem: 'Get',
  Query: 'Query',
  Scan: 'Scan',
  Update: 'Update',
  UpdateItem: 'Update',
  Delete: 'Delete',
  DeleteItem: 'Delete',
  BatchGet: 'BatchGet',
  BatchGetItem: 'BatchGet',
  BatchWrite: 'BatchWrite',
  BatchWriteItem: 'BatchWrite',
  TransactWrite: 'TransactWrite',
  TransactWriteItems: 'TransactWrite',
  TransactGet: 'TransactGet',
  TransactGetItems: 'TransactGet',
};
const SDK_MODULES = new Set(['@aws-sdk/lib-dynamodb', '@aws-sdk/client-dynamodb']);

const cache = new WeakMap<ProjectIndex, DynamoRequest[]>();

/**
 * Existing DynamoDB use: v3 commands (`client.send(new GetCommand({ TableName, Key }))`, from
 * lib-dynamodb or client-dynamodb), v3 aggregated clients and the v2 DocumentClient / DynamoDB
 * methods (`docClient.get(params).promise()`), batch and transaction requests split per table.
 */
export function findDynamoRequests(ctx: ScanContext): DynamoRequest[] {
  const cached = cache.get(ctx.project);
  if (cached) return cached;
  const evaluator = new StaticEvaluator(ctx.project);
  const requests: DynamoRequest[] = [];
  for (const file of ctx.project.sources) {
    if (!/dynamo|DocumentClient|TableName/i.test(file.text)) continue;
    const at = (path: NodePath) => ({ file: file.rel, line: ctx.project.lineOf(path) });
    walkPaths(file.program, {
      NewExpression: (newPath) => void safely(ctx, at(newPath), 'DynamoDB command', () => {
        const origin = ctx.project.resolveExpression(file, newPath.get('callee') as NodePath);
        if (origin?.kind !== 'package' || !SDK_MODULES.has(origin.module) || origin.members.length !== 1) return;
        const command = COMMANDS[origin.members[0].replace(/Command$/, '')];
        if (!command || !origin.members[0].endsWith('Command')) return;
        const lowLevel = origin.module === '@aws-sdk/client-dynamodb';
        collect(ctx, evaluator, requests, file, newPath, command, lowLevel, (newPath.get('arguments') as NodePath[])[0]);
      }),
      CallExpression: (callPath) => void safely(ctx, at(callPath), 'DynamoDB call', () => {
        const callee = callPath.get('callee');
        if (!callee.isMemberExpression()) return;
        const method = memberNameOf(callee.node);
        if (!method) return;
        const command = COMMANDS[method.charAt(0).toUpperCase() + method.slice(1)];
        if (!command) return;
        const client = clientKind(ctx, file, callee.get('object'));
        const paramsPath = (callPath.get('arguments') as NodePath[])[0];
        if (!paramsPath) return;
        const params = evaluator.evaluate(file, paramsPath);
        const looksLikeRequest = params.kind === 'object' && ['TableName', 'RequestItems', 'TransactItems'].some((k) => params.keys().includes(k));
        if (!client && !looksLikeRequest) return;
        const lowLevel = client === 'low-level' || /Item(s)?$/.test(method);
        collect(ctx, evaluator, requests, file, callPath, command, lowLevel, paramsPath);
      }),
    });
  }
  cache.set(ctx.project, requests);
  return requests;
}

function collect(
  ctx: ScanContext,
  evaluator: StaticEvaluator,
  requests: DynamoRequest[],
  file: SourceFile,
  path: NodePath,
  command: (typeof COMMANDS)[string],
  lowLevel: boolean,
  paramsPath: NodePath | undefined,
): void {
  const line = ctx.project.lineOf(path);
  const params = paramsPath ? evaluator.evaluate(file, paramsPath) : undefined;
  if (!params || params.kind !== 'object') {
    ctx.diagnostics.add({
      severity: 'warning',
      code: 'unresolved-dynamodb-params',
      file: file.rel,
      line,
      message: `DynamoDB ${command} whose parameters are built at run time; the scanner cannot tell which table it uses — write TableName in the request object`,
    });
    return;
  }
  const push = (action: DynamoAction, item: StaticObject | undefined, table: TableRef): void => {
    requests.push({ file, path, action, lowLevel, params: item, table });
  };
  if (command === 'BatchGet' || command === 'BatchWrite') {
    const requestItems = params.get('RequestItems');
    for (const entry of tableEntries(ctx, evaluator, file, requestItems, line)) {
      if (command === 'BatchGet') push('Get', entry.value.kind === 'object' ? entry.value : undefined, entry.table);
      else for (const { action, item } of writeRequests(entry.value)) push(action, item, entry.table);
    }
    return;
  }
  if (command === 'TransactWrite' || command === 'TransactGet') {
    const items = params.get('TransactItems');
    if (items?.kind !== 'array') return;
    for (const thunk of items.items) {
      const item = thunk();
      if (item.kind !== 'object') continue;
      for (const [key, action] of [['Put', 'Put'], ['Update', 'Update'], ['Delete', 'Delete'], ['Get', 'Get']] as const) {
        const inner = item.get(key);
        if (inner?.kind === 'object') push(action, inner, tableRefOf(ctx, file, inner.get('TableName'), line));
      }
    }
    return;
  }
  push(command, params, tableRefOf(ctx, file, params.get('TableName'), line));
}

/** `RequestItems: { [TABLE]: … , notes: … }` → one entry per table (computed keys evaluated). */
function tableEntries(ctx: ScanContext, evaluator: StaticEvaluator, file: SourceFile, requestItems: StaticValue | undefined, line: number): { table: TableRef; value: StaticValue }[] {
  if (requestItems?.kind !== 'object' || !requestItems.path) return [];
  const entries: { table: TableRef; value: StaticValue }[] = [];
  const objectFile = requestItems.file ?? file;
  for (const property of requestItems.path.get('properties')) {
    if (!property.isObjectProperty()) continue;
    const keyPath = property.get('key') as NodePath;
    const keyValue: StaticValue = property.node.computed
      ? evaluator.evaluate(objectFile, keyPath)
      : t.isIdentifier(property.node.key)
        ? { kind: 'string', value: property.node.key.name, node: property.node.key, file: objectFile }
        : evaluator.evaluate(objectFile, keyPath);
    entries.push({ table: tableRefOf(ctx, objectFile, keyValue, line), value: evaluator.evaluate(objectFile, property.get('value') as NodePath) });
  }
  return entries;
}

/** `[{ PutRequest: { Item } }, { DeleteRequest: { Key } }]`; a list built at run time counts as puts. */
function writeRequests(value: StaticValue): { action: DynamoAction; item?: StaticObject }[] {
  if (value.kind !== 'array') return [{ action: 'Put' }];
  const found: { action: DynamoAction; item?: StaticObject }[] = [];
  for (const thunk of value.items) {
    const entry = thunk();
    if (entry.kind !== 'object') continue;
    const put = entry.get('PutRequest');
    const del = entry.get('DeleteRequest');
    if (put?.kind === 'object' && !found.some((f) => f.action === 'Put')) found.push({ action: 'Put', item: put });
    if (del?.kind === 'object' && !found.some((f) => f.action === 'Delete')) found.push({ action: 'Delete', item: del });
  }
  return found.length > 0 ? found : [{ action: 'Put' }];
}

/** Whether an expression is a DynamoDB client: the document client (v2/v3) or the low-level one. */
function clientKind(ctx: ScanContext, file: SourceFile, path: NodePath, depth = 0): 'document' | 'low-level' | undefined {
  if (depth > 6) return undefined;
  const origin = ctx.project.resolveExpression(file, unwrapTypeWrappers(path));
  let value: NodePath | undefined;
  let valueFile = file;
  if (origin?.kind === 'declaration' && origin.path.isVariableDeclarator()) {
    const init = origin.path.get('init');
    if (init.node) [value, valueFile] = [unwrapTypeWrappers(init as NodePath), origin.file];
  } else if (origin?.kind === 'declaration' && origin.path.isClassProperty()) {
    const init = origin.path.get('value') as NodePath;
    if (init.node) [value, valueFile] = [unwrapTypeWrappers(init), origin.file];
  } else if (origin?.kind === 'expression') {
    [value, valueFile] = [origin.path, origin.file];
  }
  if (!value || (!value.isNewExpression() && !value.isCallExpression())) return undefined;
  const calleeOrigin = ctx.project.resolveExpression(valueFile, value.get('callee') as NodePath);
  if (calleeOrigin?.kind !== 'package') return undefined;
  const name = `${calleeOrigin.module}:${calleeOrigin.members.join('.')}`;
  if (/^aws-sdk:DynamoDB\.DocumentClient$|^aws-sdk\/clients\/dynamodb:DocumentClient$|^@aws-sdk\/lib-dynamodb:DynamoDBDocument(Client)?\.from$/.test(name)) return 'document';
  if (/^aws-sdk:DynamoDB$|^aws-sdk\/clients\/dynamodb:$|^@aws-sdk\/client-dynamodb:DynamoDB$/.test(name)) return 'low-level';
  return undefined;
}

