import type { EntityDesign, TableDesign, TableDesignEntry } from '../model/table-design';
import { isObject, jsonEqual, type JsonObject } from './json';
import { orderDesignKeys } from './order-design-keys';

/**
 * Re-running `plan` after people edited `.migration/dynamodb.json`: keeps their edits and adds
 * what is new in the code.
 *
 * With `base` (what plan derived last time, kept in `.migration/dynamodb.derived.json`) this is a
 * three-way merge, field by field: a value people left as derived follows the code; a value they
 * changed (renamed table, other env var, ttl, retain, a GSI added or removed) stays theirs.
 * Tables match by entity (helper tables by purpose), GSIs by name, entities by name, so a
 * renamed table is still "the Note table". Something the code no longer needs is dropped unless
 * people had edited it. Without `base`, every value in `previous` counts as an edit and only
 * tables, GSIs, entities and attributes missing from it are added.
 *
 * handlers, accessPatterns and apiChanges follow the code and are recomputed afterwards.
 */
export function mergeDesign(previous: TableDesign, derived: TableDesign, base?: TableDesign): TableDesign {
  const merged = mergeFields(previous as unknown as JsonObject, derived as unknown as JsonObject, base as unknown as JsonObject | undefined, {
    tables: (p, d, b) => mergeList(p, d, b, getTableIdentity, mergeTable),
    entities: (p, d, b) => mergeRecord(p, d, b, (pe, de, be) => mergeFields(pe as JsonObject, de as JsonObject, be as JsonObject | typeof NO_BASE, { attributes: (pa, da, ba) => mergeRecord(pa, da, ba, pickValue) })),
    handlers: (_p, d) => d,
    accessPatterns: (_p, d) => d,
    apiChanges: (_p, d) => d,
    layout: (_p, d) => d,
    version: (_p, d) => d,
  }) as unknown as TableDesign;
  followRenamedTables(merged, derived);
  return orderDesignKeys(merged);
}

type Merge = (previous: unknown, derived: unknown, base: unknown) => unknown;

/** Three-way choice for one value: people's edit wins; an untouched value follows the code. */
function pickValue(previous: unknown, derived: unknown, base: unknown, hasBase = base !== NO_BASE): unknown {
  if (!hasBase) return previous !== undefined ? previous : derived;
  return jsonEqual(previous, base) ? derived : previous;
}

const NO_BASE = Symbol('no base');

function mergeFields(previous: JsonObject, derived: JsonObject | undefined, base: JsonObject | undefined | typeof NO_BASE, special: Record<string, Merge> = {}): JsonObject {
  const hasBase = base !== undefined && base !== NO_BASE;
  const baseObject = hasBase ? (base as JsonObject) : undefined;
  const result: JsonObject = {};
  const keys = [...new Set([...Object.keys(derived ?? {}), ...Object.keys(previous)])];
  for (const key of keys) {
    const p = previous[key];
    const d = derived?.[key];
    const b = hasBase ? baseObject?.[key] : NO_BASE;
    const value = special[key] && p !== undefined && d !== undefined ? special[key](p, d, b) : pickValue(p, d, b, hasBase);
    if (value !== undefined) result[key] = value;
  }
  return result;
}

/** Lists whose items have an identity (tables, GSIs): previous order first, then what is new. */
function mergeList(previous: unknown, derived: unknown, base: unknown, identify: (item: JsonObject) => string, mergeItem: Merge): unknown {
  if (!Array.isArray(previous) || !Array.isArray(derived)) return pickValue(previous, derived, base);
  const hasBase = Array.isArray(base);
  const find = (list: unknown[], id: string) => list.find((item) => isObject(item) && identify(item) === id) as JsonObject | undefined;
  const result: unknown[] = [];
  for (const item of previous) {
    if (!isObject(item)) {
      result.push(item);
      continue;
    }
    const id = identify(item);
    const d = find(derived, id);
    const b = hasBase ? find(base as unknown[], id) : undefined;
    if (d) result.push(mergeItem(item, d, hasBase ? (b ?? {}) : NO_BASE));
    else if (!hasBase || !b || !jsonEqual(item, b)) result.push(item); // added by people, or edited: keep
    // else: derived before, untouched, and the code no longer needs it: drop
  }
  for (const item of derived) {
    if (!isObject(item)) continue;
    const id = identify(item);
    if (find(previous, id)) continue;
    if (hasBase && find(base as unknown[], id)) continue; // people removed it: keep it removed
    result.push(item);
  }
  return result;
}

/** Records keyed by name (entities, attributes): same rules as lists. */
function mergeRecord(previous: unknown, derived: unknown, base: unknown, mergeItem: Merge): unknown {
  if (!isObject(previous) || !isObject(derived)) return pickValue(previous, derived, base);
  const hasBase = isObject(base);
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(previous)) {
    const b = hasBase ? (base as JsonObject)[key] : undefined;
    if (key in derived) result[key] = isObject(item) && isObject(derived[key]) ? mergeItem(item, derived[key], hasBase ? (b ?? {}) : NO_BASE) : pickValue(item, derived[key], hasBase ? b : NO_BASE, hasBase);
    else if (!hasBase || b === undefined || !jsonEqual(item, b)) result[key] = item;
  }
  for (const [key, item] of Object.entries(derived)) {
    if (key in previous) continue;
    if (hasBase && key in (base as JsonObject)) continue;
    result[key] = item;
  }
  return result;
}

function mergeTable(previous: unknown, derived: unknown, base: unknown): unknown {
  return mergeFields(previous as JsonObject, derived as JsonObject, base as JsonObject | typeof NO_BASE, {
    gsis: (p, d, b) => mergeList(p, d, b, (gsi) => String(gsi.name), (pg, dg, bg) => mergeFields(pg as JsonObject, dg as JsonObject, bg as JsonObject | typeof NO_BASE)),
  });
}

/** A table is "the table of entity X" (or "the counters table", "the single table"), whatever people renamed it to. */
function getTableIdentity(table: JsonObject): string {
  const purpose = (table.purpose as string | undefined) ?? 'entity';
  if (purpose === 'entity') return `entity:${String(table.entity)}`;
  return purpose === 'single-table' ? 'single-table' : `helper:${purpose}`; // one of each per design
}

/**
 * When people renamed a table, references that still carry the derived name (an entity's table,
 * a counter, a guard) follow the new name.
 */
function followRenamedTables(merged: TableDesign, derived: TableDesign): void {
  if (!Array.isArray(merged.tables) || !isObject(merged.entities)) return;
  const renamed = new Map<string, string>();
  for (const table of derived.tables) {
    const match = merged.tables.find((item) => isObject(item) && getTableIdentity(item as unknown as JsonObject) === getTableIdentity(table as unknown as JsonObject)) as TableDesignEntry | undefined;
    if (match && match.name !== table.name) renamed.set(table.name, match.name);
  }
  const names = new Set(merged.tables.map((table) => table.name));
  const follow = (name: string | undefined) => (name !== undefined && !names.has(name) && renamed.has(name) ? renamed.get(name)! : name);
  for (const entity of Object.values(merged.entities) as EntityDesign[]) {
    if (!isObject(entity)) continue;
    entity.table = follow(entity.table)!;
    if (isObject(entity.counter)) entity.counter.table = follow(entity.counter.table)!;
    if (Array.isArray(entity.uniqueAttributes)) for (const unique of entity.uniqueAttributes) if (isObject(unique)) unique.table = follow(unique.table)!;
  }
}
