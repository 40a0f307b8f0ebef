/**
 * A source record in the shape the migrated app holds it: SQLite columns renamed to the app's
 * attribute names, SQLite 0/1 booleans and JSON text turned into values where the design says the
 * attribute is a boolean / object / array, the id filled from the key of an object keyed by id,
 * key attributes converted to the key type of the design (a numeric id becomes text when the
 * design switched to uuid-style string keys), Dates written as ISO-8601 text.
 */
import type { Item } from './toItem';
import type { SourceRecord } from './types';

export interface NormaliseOptions {
  idName: string;
  /** Attribute name → type recorded in the design (`entities.<E>.attributes`). */
  types: Record<string, string>;
  /** Key attributes (table, index, id) → the DynamoDB type the design gives them. */
  keyTypes: Record<string, 'string' | 'number'>;
  /** Source column → app attribute name. */
  columnNames?: Record<string, string>;
  /** SQLite rows: 0/1 are booleans and JSON text is data where the design says so. */
  sqlite?: boolean;
}

export type Normalised = { ok: true; record: Item } | { ok: false; message: string };

export function normaliseRecord(source: SourceRecord, options: NormaliseOptions): Normalised {
  const value = source.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: `not a record (an object) but ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}` };
  }
  const record: Item = {};
  for (const [name, raw] of Object.entries(value as Item)) {
    if (raw === undefined || typeof raw === 'function' || typeof raw === 'symbol') continue;
    const attribute = options.columnNames?.[name] ?? name;
    record[attribute] = options.sqlite ? convertSqliteValue(raw, options.types[attribute]) : toStorable(raw);
  }
  if ((record[options.idName] === undefined || record[options.idName] === null) && source.mapKey !== undefined) record[options.idName] = source.mapKey;
  for (const [name, type] of Object.entries(options.keyTypes)) {
    if (record[name] === undefined || record[name] === null) continue;
    record[name] = convertKeyValue(record[name], type);
  }
  return { ok: true, record };
}

/** `Map`/`Set`/`Date` values of seed data as DynamoDB can hold them; everything else as is. */
function toStorable(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(toStorable);
  if (value && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Set)) {
    const out: Item = {};
    for (const [name, member] of Object.entries(value as Item)) if (member !== undefined) out[name] = toStorable(member);
    return out;
  }
  return value;
}

function convertSqliteValue(value: unknown, type: string | undefined): unknown {
  if (type === 'boolean' && (value === 0 || value === 1 || value === 0n || value === 1n)) return Number(value) === 1;
  if ((type === 'object' || type === 'array') && typeof value === 'string') {
    try {
      const parsed = JSON.parse(value);
      if (parsed !== null && typeof parsed === 'object' && Array.isArray(parsed) === (type === 'array')) return parsed;
    } catch {
      // plain text stays text
    }
  }
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value;
}

/** A key value in the design's key type, when it converts without loss; otherwise unchanged (validation reports it). */
export function convertKeyValue(value: unknown, type: 'string' | 'number'): unknown {
  if (type === 'number' && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    const number = Number(value);
    if (Number.isFinite(number) && String(number) === value.trim()) return number;
  }
  if (type === 'string' && typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (type === 'string' && typeof value === 'bigint') return value.toString();
  return value;
}
