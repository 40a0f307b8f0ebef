/**
 * The differences between the original app's answer and the migrated app's answer to the same
 * request. Equal means: same status, and bodies deep-equal except
 *  - ids where the plan changed how ids are made (e.g. counters → uuid), or both sides make
 *    random ids (uuid): present on both sides is enough;
 *  - timestamps the two runs took a moment apart (ISO strings or epoch numbers within 10 min);
 *  - list order, unless the original's list is sorted on an attribute the route sorts by
 *    (DynamoDB Scan order is not an array's insertion order).
 */
import type { AccessModel } from '../../model/access-model';
import type { TableDesign } from '../../model/table-design';
import type { ReplayResult } from '../replay/replayRequests';
import { matchExpected } from '../replay/matchExpected';
import type { JsonValue } from '../replay/types';

const TEN_MINUTES = 10 * 60 * 1000;
const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/** Id attributes whose values may legitimately differ between the two apps. */
export function findVolatileIds(model: AccessModel, design: TableDesign): string[] {
  const volatile = new Set<string>();
  const random = new Set<string>();
  for (const entity of model.entities) {
    const planned = design.entities[entity.name];
    if (!planned) continue;
    const keptNumbers = planned.idStrategy === 'counter' && ['increment', 'autoincrement'].includes(entity.idStrategy);
    const unchanged = keptNumbers || planned.idStrategy === 'client' || planned.idStrategy === 'natural' || (planned.idStrategy === 'app' && entity.idStrategy !== 'uuid');
    if (!unchanged) random.add(entity.name);
    if (!unchanged) volatile.add(planned.idAttribute?.name ?? entity.key.name);
  }
  // a field that holds such an entity's id (userId, noteId) differs with it
  for (const entity of model.entities) {
    for (const relation of entity.relations) if (random.has(relation.entity)) volatile.add(relation.field);
  }
  return [...volatile].sort();
}

/** Timestamps of two runs a moment apart count as the same value. */
export function isSameMoment(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'string' && typeof actual === 'string' && ISO.test(expected) && ISO.test(actual)) {
    const a = Date.parse(expected);
    const b = Date.parse(actual);
    return Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= TEN_MINUTES;
  }
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (expected > 1e12 && expected < 1e14 && actual > 1e12 && actual < 1e14) return Math.abs(expected - actual) <= TEN_MINUTES;
    if (expected > 1e9 && expected < 1e10 && actual > 1e9 && actual < 1e10) return Math.abs(expected - actual) <= TEN_MINUTES / 1000;
  }
  return false;
}

/**
 * Whether an answer's order matters: the original's list is sorted on an attribute the route
 * sorts by (`?sort=quantity`). A list in insertion order is compared as a set: DynamoDB has none.
 */
export function isSortedAnswer(body: unknown, sortAttributes: string[]): boolean {
  if (!Array.isArray(body) || body.length < 2) return false;
  return sortAttributes.some((attribute) => {
    const values = body.map((item) => (item && typeof item === 'object' ? (item as Record<string, unknown>)[attribute] : undefined));
    if (!values.every((value) => typeof value === 'number' || typeof value === 'string')) return false;
    const steps = values.slice(1).map((value, index) => compareValues(values[index] as string | number, value as string | number));
    if (steps.every((step) => step === 0)) return false;
    return steps.every((step) => step <= 0) || steps.every((step) => step >= 0);
  });
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

export interface CompareOptions {
  volatile: string[];
  /** The original's list is sorted the way the route sorts (isSortedAnswer): array order must match. */
  ordered: boolean;
  /**
   * Values each app captured under the same name that differ (its own ids): [original, migrated].
   * A string that differs only by them (`Note <id> not found`) is the same answer.
   */
  aliases?: [string, string][];
}

/** Captured values that differ between the two apps, as text pairs (longest first). */
export function listAliases(originalVars: Record<string, unknown>, migratedVars: Record<string, unknown>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(originalVars)) {
    const other = migratedVars[name];
    const scalar = (item: unknown) => typeof item === 'string' || typeof item === 'number';
    if (scalar(value) && scalar(other) && String(value) !== String(other) && String(other).length >= 4) pairs.push([String(value), String(other)]);
  }
  return pairs.sort((a, b) => b[1].length - a[1].length);
}

function sameUpToAliases(expected: unknown, actual: unknown, aliases: [string, string][]): boolean {
  if (typeof expected !== 'string' || typeof actual !== 'string' || aliases.length === 0) return false;
  let text = actual;
  for (const [original, migrated] of aliases) text = text.split(migrated).join(original);
  return text === expected;
}

export function compareResponses(original: ReplayResult, migrated: ReplayResult, options: CompareOptions): string[] {
  const differences: string[] = [];
  const failed = (result: ReplayResult) => result.mismatches.find((line) => line.startsWith('request failed'));
  const originalFailure = failed(original);
  const migratedFailure = failed(migrated);
  if (originalFailure || migratedFailure) {
    if (!originalFailure) differences.push(`migrated app: ${migratedFailure}`);
    else if (!migratedFailure) differences.push(`original app: ${originalFailure}`);
    return differences;
  }
  if (original.status !== migrated.status) differences.push(`status: original ${original.status}, migrated ${migrated.status}`);
  differences.push(
    ...matchExpected(original.body as JsonValue, migrated.body, {}, {
      path: 'body',
      volatile: options.volatile,
      ignoreArrayOrder: !options.ordered,
      same: (expected, actual) => isSameMoment(expected, actual) || sameUpToAliases(expected, actual, options.aliases ?? []),
    }).map((line) => line.replace(/: expected /, ': original ').replace(/, got /, ', migrated ')),
  );
  return differences;
}
