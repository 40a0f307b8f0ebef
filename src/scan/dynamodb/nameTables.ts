import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { importsCdk, isSymbol, resolveCdkSymbol } from '../infra/cdk/cdkSymbols';
import { asString, memberNameOf, type StaticEvaluator } from '../infra/static/evaluateStatic';
import { toEntityName } from '../naming';
import type { ScanContext } from '../types';
import type { TableRef } from './tableRefOf';
import { walkPaths } from '../walkPaths';

/** Words that say "this is a table name" rather than what the table holds. */
const NOISE = new Set(['table', 'tables', 'tbl', 'name', 'names', 'dynamodb', 'dynamo', 'ddb', 'env', 'dev', 'prod', 'production', 'staging', 'stage', 'test', 'local', 'aws', 'arn', 'id']);

/** What the infrastructure says about the table behind an env var: its construct id and literal tableName. */
export interface TableHint {
  constructId?: string;
  tableName?: string;
}

/**
 * Entity for a table: from the env var (`USERS_TABLE` → User), else the table name (`notes-dev` → Note),
 * else the CDK table construct the env var is set from (`TABLE_NAME: notesTable.tableName` with
 * `new Table(this, 'NotesTable')` → Note); `Item` when nothing names it.
 */
export function entityForTable(ref: TableRef, hint: TableHint | undefined, files: string[] = []): string {
  for (const candidate of [ref.envVar, ref.tableName, hint?.tableName, hint?.constructId]) {
    const words = candidate ? meaningfulWords(candidate, NOISE) : [];
    if (words.length > 0) return toEntityName(words.join('_'));
  }
  // `DYNAMODB_TABLE` says nothing: the code using it may (`todos/create.js`, `handlers/createNote.ts`).
  for (const file of files) {
    const parts = file.replace(/\.[^./]+$/, '').split('/').reverse();
    for (const part of parts) {
      const words = meaningfulWords(part.replace(new RegExp(`^(${VERBS.join('|')})(?=[A-Z_-]|$)`), ''), FILE_NOISE);
      if (words.length > 0) return toEntityName(words.join('_'));
    }
  }
  return 'Item';
}

const VERBS = ['create', 'get', 'list', 'update', 'delete', 'remove', 'fetch', 'find', 'add', 'put', 'read', 'save', 'query', 'scan'];
const FILE_NOISE = new Set([
  ...NOISE,
  ...VERBS,
  'index', 'handler', 'handlers', 'app', 'db', 'database', 'lib', 'libs', 'utils', 'util', 'src', 'api', 'functions', 'function',
  'lambda', 'lambdas', 'main', 'service', 'services', 'repository', 'repo', 'store', 'model', 'models', 'controller', 'controllers', 'routes', 'all', 'one', 'by', 'id',
]);

function meaningfulWords(text: string, noise: Set<string>): string[] {
  return text
    .replace(/\$\{[^}]*\}/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 1 && !noise.has(word.toLowerCase()) && !/^\d+$/.test(word));
}

/**
 * Looks through CDK code for `environment: { <envVar>: table.tableName }` and reads the table
 * construct: `new Table(this, 'NotesTable', { tableName: 'notes' })` or `Table.fromTableName(this, 'Users', name)`.
 */
export function findTableHint(ctx: ScanContext, evaluator: StaticEvaluator, envVar: string): TableHint | undefined {
  for (const file of ctx.project.sources) {
    if (!file.text.includes(envVar) || !importsCdk(file)) continue;
    let hint: TableHint | undefined;
    walkPaths(file.program, {
      ObjectProperty(property) {
        if (hint) return property.stop();
        const key = property.node.key;
        const name = t.isIdentifier(key) && !property.node.computed ? key.name : t.isStringLiteral(key) ? key.value : undefined;
        const value = property.get('value') as NodePath;
        if (name !== envVar || !value.isMemberExpression() || memberNameOf(value.node) !== 'tableName') return;
        const table = evaluator.evaluate(file, value.get('object'));
        if (table.kind !== 'unknown' || !table.path || !table.file) return;
        const creation = table.path;
        if (!creation.isNewExpression() && !creation.isCallExpression()) return;
        const symbol = resolveCdkSymbol(ctx.project, table.file, creation.get('callee') as NodePath);
        if (!symbol || symbol.service !== 'aws-dynamodb') return;
        const args = creation.get('arguments') as NodePath[];
        const constructId = evaluator.evaluateString(table.file, args[1]);
        let tableName: string | undefined;
        if (isSymbol(symbol, 'aws-dynamodb', 'Table', 'TableV2')) {
          const props = evaluator.evaluate(table.file, args[2]);
          tableName = props.kind === 'object' ? asString(props.get('tableName')) : undefined;
        } else if (isSymbol(symbol, 'aws-dynamodb', 'Table.fromTableName', 'TableV2.fromTableName')) {
          tableName = evaluator.evaluateString(table.file, args[2]);
        }
        hint = { constructId, tableName };
        property.stop();
      },
    });
    if (hint) return hint;
  }
  return undefined;
}
