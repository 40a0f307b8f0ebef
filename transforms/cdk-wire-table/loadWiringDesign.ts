/**
 * Reads `.migration/dynamodb.json` (the `--design` option) and answers, for a handler file and
 * export, which tables it uses with exactly which DynamoDB actions.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import type { TableDesign, TableDesignEntry } from '../../src/model/table-design';
import { listHandlerGrants, type TableGrant } from '../../src/stack/listHandlerGrants';
import { getTableNames, type TableNames } from '../../src/stack/naming';

export interface TableNeed {
  table: TableDesignEntry;
  names: TableNames;
  /** `dynamodb:<Action>`, de-duplicated, in a fixed order. */
  actions: string[];
  indexes: string[];
}

/** Table name → what a function needs from it. */
export type Needs = Map<string, TableNeed>;

export interface WiringDesign {
  designPath: string;
  /** Directory the design's handler paths are relative to. */
  root: string;
  tables: TableDesignEntry[];
  /** Undefined when the design lists no handler in that file (the function touches no table). */
  findNeeds(file: string, exportName?: string): Needs | undefined;
  /** Problems in the design that stop wiring (wildcard actions, unknown tables). */
  problems: string[];
}

const ACTION_ORDER = [
  'GetItem', 'BatchGetItem', 'Query', 'Scan', 'ConditionCheckItem',
  'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem',
];

export function sortActions(actions: Iterable<string>): string[] {
  const rank = (action: string) => {
    const index = ACTION_ORDER.indexOf(action.replace(/^dynamodb:/, ''));
    return index === -1 ? ACTION_ORDER.length : index;
  };
  return [...new Set(actions)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

const CODE_EXTENSION = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;

/** `src/lambda/getNote.ts` and `dist/lambda/getNote.js` both become `lambda/getNote`-comparable keys. */
function fileKeys(file: string): string[] {
  const normalized = file.replace(/\\/g, '/').replace(CODE_EXTENSION, '');
  const keys = [normalized];
  const stripped = normalized.replace(/^(src|dist|build|out|\.build)\//, '');
  if (stripped !== normalized) keys.push(stripped);
  return keys;
}

function exportOf(handler: string | undefined): string | undefined {
  if (!handler) return undefined;
  if (handler.includes('#')) return handler.slice(handler.lastIndexOf('#') + 1) || undefined;
  return /^[A-Za-z_$][\w$]*$/.test(handler) ? handler : undefined;
}

const cache = new Map<string, { mtimeMs: number; design: WiringDesign }>();

export function loadWiringDesign(designOption: string, rootOption?: string): WiringDesign {
  const designPath = resolve(designOption);
  const mtimeMs = statSync(designPath).mtimeMs;
  const cached = cache.get(designPath);
  if (cached && cached.mtimeMs === mtimeMs && (!rootOption || cached.design.root === resolve(rootOption))) return cached.design;
  let raw: TableDesign;
  try {
    raw = JSON.parse(readFileSync(designPath, 'utf8')) as TableDesign;
  } catch (error) {
    throw new Error(`${designPath}: not valid JSON (${(error as Error).message})`);
  }
  const root = rootOption
    ? resolve(rootOption)
    : basename(dirname(designPath)) === '.migration' ? dirname(dirname(designPath)) : dirname(designPath);
  const tables = Array.isArray(raw.tables) ? raw.tables : [];
  const byName = new Map(tables.map((table) => [table.name, table]));
  const problems: string[] = [];
  const entries = (Array.isArray(raw.handlers) ? raw.handlers : []).map((handler, index) => {
    const grants: TableGrant[] = listHandlerGrants(handler);
    for (const grant of grants) {
      for (const action of grant.actions) {
        if (!/^dynamodb:[A-Za-z]+$/.test(action)) problems.push(`handlers[${index}] (${handler.file}): action "${action}" is not a single DynamoDB action; list exact actions such as dynamodb:GetItem`);
      }
      if (!byName.has(grant.table)) problems.push(`handlers[${index}] (${handler.file}): table "${grant.table}" is not in "tables"`);
    }
    return { keys: fileKeys(handler.file), exportName: exportOf(handler.handler), grants };
  });

  const design: WiringDesign = {
    designPath,
    root,
    tables,
    problems,
    findNeeds(file, exportName) {
      const candidateKeys = fileKeys(relative(root, file));
      const matching = entries.filter(
        (entry) =>
          entry.keys.some((key) => candidateKeys.includes(key)) &&
          (!entry.exportName || !exportName || entry.exportName === exportName),
      );
      if (matching.length === 0) return undefined;
      const needs: Needs = new Map();
      for (const entry of matching) {
        for (const grant of entry.grants) {
          const table = byName.get(grant.table);
          if (!table) continue;
          const need = needs.get(grant.table) ?? { table, names: getTableNames(table), actions: [], indexes: [] };
          need.actions = sortActions([...need.actions, ...grant.actions]);
          need.indexes = [...new Set([...need.indexes, ...grant.indexes])].sort();
          needs.set(grant.table, need);
        }
      }
      for (const [name, need] of needs) if (need.actions.length === 0) needs.delete(name);
      return needs;
    },
  };
  cache.set(designPath, { mtimeMs, design });
  return design;
}

/** Union of several functions' needs (what a stack or construct must receive as props). */
export function mergeNeeds(target: Needs, source: Needs): Needs {
  for (const [name, need] of source) {
    const existing = target.get(name);
    if (!existing) target.set(name, { ...need, actions: [...need.actions], indexes: [...need.indexes] });
    else {
      existing.actions = sortActions([...existing.actions, ...need.actions]);
      existing.indexes = [...new Set([...existing.indexes, ...need.indexes])].sort();
    }
  }
  return target;
}
