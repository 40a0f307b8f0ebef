import type { SqlTableSchema } from './readCreateTable';

/** Column-constraint words a type name may hide when misspelt (`text UNIQE`). */
const CONSTRAINT_WORDS = ['UNIQUE', 'PRIMARY', 'AUTOINCREMENT', 'DEFAULT', 'REFERENCES', 'NOT', 'NULL', 'CHECK', 'COLLATE'];

/**
 * Words of a column's type name that look like a misspelt column constraint: SQLite reads any run
 * of words as the type, so `created_at text UNIQE` is a TEXT column that is not unique (unless a
 * table constraint makes it so: then the typo is harmless and not reported).
 * Returns `column: WORD (UNIQUE?)` texts for a diagnostic.
 */
export function findMisspeltKeywords(schema: SqlTableSchema): string[] {
  const found: string[] = [];
  for (const column of schema.columns) {
    const words = column.sqlType?.split(' ') ?? [];
    for (const word of words.slice(1)) {
      const meant = CONSTRAINT_WORDS.find((keyword) => word !== keyword && keyword.length >= 5 && editDistance(word, keyword) <= 2);
      // a table constraint may give the column what the typo missed (`CONSTRAINT c UNIQUE (created_at)`)
      const covered = (meant === 'UNIQUE' && column.unique) || ((meant === 'PRIMARY' || meant === 'AUTOINCREMENT') && column.primaryKey);
      if (meant && !covered) found.push(`${column.name}: ${word} (${meant}?)`);
    }
  }
  return found;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let k = 1; k <= b.length; k++) current[k] = Math.min(previous[k] + 1, current[k - 1] + 1, previous[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}
