import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { FieldRecord, IdStrategy, KeyType, RelationRecord } from '../../model/access-model';
import { toEntityName } from '../naming';
import type { EntityEvidence, ScanContext } from '../types';
import { analyseSqlite, summariesOf, type SqliteAnalysisWithHints } from './analyseSqlite';
import { keyColumns, referencedTableByName } from './classifyStatement';
import { DYNAMIC_IDENTIFIER } from './js/assembleSql';
import { memberPropertyName, unwrapPath } from './js/astUtils';
import type { SqlValue } from './sql/summariseStatement';
import type { SqlBinding, SqlTable } from './types';
import { walkPaths } from '../walkPaths';

const UUID_CALL = /uuid|randomUUID|nanoid|cuid|ulid|^v4$/i;

/**
 * Entity evidence from SQLite: the schema (source 'schema': columns, types, key, autoincrement,
 * foreign keys), INSERTs (source 'create': columns written, how the id is made; all-literal
 * INSERTs are 'seed'), and the columns queries use when no schema was found ('usage').
 */
export function findSqliteEvidence(ctx: ScanContext): EntityEvidence[] {
  const analysis = analyseSqlite(ctx);
  const evidence: EntityEvidence[] = [];
  for (const table of analysis.tables) {
    const entity = toEntityName(table.name);
    const siblings = analysis.tables.filter((t) => t.dbFile === table.dbFile).map((t) => t.name);
    if (table.schema) evidence.push(schemaEvidence(table, entity, siblings));
    else evidence.push(usageEvidence(table, entity, siblings, analysis));
  }
  evidence.push(...insertEvidence(analysis));
  return evidence;
}

function schemaEvidence(table: SqlTable, entity: string, siblings: string[]): EntityEvidence {
  const schema = table.schema!;
  const fields: FieldRecord[] = schema.columns.map((column) => {
    const type = table.booleanColumns.includes(column.name) ? 'boolean' : column.type;
    return type ? { name: column.name, type } : { name: column.name };
  });
  const keyName = keyColumns(table.name, { schemaOf: () => schema })[0];
  const keyColumn = schema.columns.find((c) => c.name === keyName);
  const keyType: KeyType = keyName === 'rowid' || keyColumn?.type === 'number' ? 'number' : 'string';
  const relations: RelationRecord[] = [];
  for (const column of schema.columns) {
    if (column.references) relations.push({ field: column.name, entity: toEntityName(column.references.table) });
    else {
      const referenced = referencedTableByName(table.name, column.name, siblings);
      if (referenced) relations.push({ field: column.name, entity: toEntityName(referenced) });
    }
  }
  const result: EntityEvidence = { entity, source: 'schema', fields, key: { name: keyName, type: keyType }, relations };
  if (schema.rowidAlias || schema.primaryKey.length === 0) result.idStrategy = 'autoincrement';
  else if (schema.primaryKey.length > 1) result.idStrategy = 'natural';
  return result;
}

function usageEvidence(table: SqlTable, entity: string, siblings: string[], analysis: SqliteAnalysisWithHints): EntityEvidence {
  const names: string[] = [];
  const add = (column: string | undefined, owner: string | undefined): void => {
    if (!column || column === '*' || DYNAMIC_IDENTIFIER.test(column) || owner?.toLowerCase() !== table.name.toLowerCase()) return;
    if (!names.includes(column)) names.push(column);
  };
  for (const site of analysis.callSites) {
    if (site.connection.dbFile !== table.dbFile) continue;
    for (const summary of summariesOf(site)) {
      const single = summary.tables.length === 1 ? summary.table : undefined;
      for (const ref of summary.whereColumns) add(ref.column, ref.table ?? single);
      for (const { column } of summary.orderBy) add(column.column, column.table ?? single);
      for (const selected of summary.selectColumns) add(selected.column?.column, selected.column?.table ?? single);
      for (const set of summary.set) add(set.column, summary.table);
      for (const column of summary.insert?.columns ?? []) add(column, summary.table);
    }
  }
  const relations = names
    .map((name) => ({ name, referenced: referencedTableByName(table.name, name, siblings) }))
    .filter((r) => r.referenced)
    .map((r) => ({ field: r.name, entity: toEntityName(r.referenced!) }));
  const fields: FieldRecord[] = names.map((name) => ({ name }));
  return { entity, source: 'usage', fields, relations };
}

/** What INSERT statements say: the columns written and how the key is produced. */
function insertEvidence(analysis: SqliteAnalysisWithHints): EntityEvidence[] {
  const evidence: EntityEvidence[] = [];
  for (const site of analysis.callSites) {
    for (const variant of site.variants) {
      for (const summary of variant.statements) {
        if (summary?.kind !== 'insert' || !summary.table || !summary.insert) continue;
        const table = analysis.tableOf(summary.table, site.connection.dbFile);
        if (!table) continue;
        const insert = summary.insert;
        const seed = insert.rows.length > 0 && insert.rows.every((row) => row.every((value) => value.kind === 'literal' || value.kind === 'now'));
        const fields: FieldRecord[] = insert.columns.map((name, index) => {
          const literal = insert.rows[0]?.[index];
          const type = literal?.kind === 'literal' && literal.value !== null ? typeof literal.value : undefined;
          return type ? { name, type } : { name };
        });
        const item: EntityEvidence = { entity: toEntityName(table.name), source: seed || insert.fromSelect ? 'seed' : 'create', fields };
        if (!seed && !insert.fromSelect) {
          const strategy = idStrategyOf(table, insert.columns, variant.bindings, insert.rows[0] ?? [], site.result.insertedIdUses.length > 0);
          if (strategy) item.idStrategy = strategy;
        }
        evidence.push(item);
      }
    }
  }
  return evidence;
}

function idStrategyOf(table: SqlTable, columns: string[], bindings: SqlBinding[], row: SqlValue[], readsInsertedId: boolean): IdStrategy | undefined {
  const schema = table.schema;
  if (schema && schema.primaryKey.length > 1) return undefined;
  const key = schema ? keyColumns(table.name, { schemaOf: () => schema })[0] : 'id';
  const index = columns.findIndex((c) => c.toLowerCase() === key.toLowerCase());
  if (index < 0) return schema?.rowidAlias || (!schema && readsInsertedId) || (schema && schema.primaryKey.length === 0) ? 'autoincrement' : undefined;
  const value = row[index];
  const argument = value?.kind === 'param' ? bindings.find((b) => b.canonical === value.canonical)?.argument : undefined;
  // A key bound to a value the scan cannot see (`db.run(INSERT, row)`) says nothing about how ids are made.
  if (value?.kind === 'param' && !argument) return undefined;
  return argument && isUuidExpression(argument) ? 'uuid' : 'client';
}

/** `uuidv4()`, `crypto.randomUUID()`, `nanoid()` … directly or through a local variable. */
function isUuidExpression(path: NodePath, depth = 0): boolean {
  const inner = unwrapPath(path);
  if (inner.isIdentifier() && depth < 3) {
    const binding = inner.scope.getBinding(inner.node.name);
    const init = binding?.path.isVariableDeclarator() ? binding.path.get('init') : undefined;
    return init?.node ? isUuidExpression(init as NodePath, depth + 1) : false;
  }
  let found = false;
  const check = (node: t.Node): void => {
    if (!t.isCallExpression(node)) return;
    const name = t.isIdentifier(node.callee) ? node.callee.name : memberPropertyName(node.callee);
    if (name && UUID_CALL.test(name)) found = true;
  };
  check(inner.node);
  if (!found) walkPaths(inner, { enter: (p) => check(p.node) });
  return found;
}
