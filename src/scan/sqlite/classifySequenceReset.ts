/**
 * SQLite keeps each AUTOINCREMENT table's last id in `sqlite_sequence`. Deleting its row
 * (`DELETE FROM sqlite_sequence WHERE name = 'items'`) or setting it to 0 (`UPDATE sqlite_sequence
 * SET seq = 0 WHERE name = ?`) restarts the ids of that table: with DynamoDB that is the entity's
 * id counter, not a table of its own.
 */
import type { SqlValue, StatementSummary } from './sql/summariseStatement';

/** `sqlite_sequence`, SQLite's own table of AUTOINCREMENT counters. */
export function isSequenceTable(table: string): boolean {
  return /^sqlite_sequence$/i.test(table);
}

/**
 * The table whose counter the statement resets, when it names one table (a literal, or a
 * parameter bound to a string literal); undefined for anything else on sqlite_sequence.
 */
export function findSequenceReset(summary: StatementSummary, textOf: (value: SqlValue) => string | undefined): string | undefined {
  if (!summary.table || !isSequenceTable(summary.table)) return undefined;
  const [condition, ...more] = summary.where;
  if (!condition || more.length || condition.inOr || condition.operator !== '=' || condition.column.column.toLowerCase() !== 'name') return undefined;
  if (summary.kind === 'update') {
    // only back to the start: another value would need the counter set, not removed
    const [set, ...others] = summary.set;
    if (!set || others.length || set.column.toLowerCase() !== 'seq' || set.value.kind !== 'literal' || set.value.value !== 0) return undefined;
  } else if (summary.kind !== 'delete') return undefined;
  return textOf(condition.value);
}
