import type { FileRewrite } from '../apply/rewrite/FileRewrite';
import { addFileHelper } from './addFileHelper';

/**
 * The file's `sqlOrder(a, b)` comparator (added on first use): SQLite's ORDER BY for one column,
 * NULLs first, then numbers and text by value. ORDER BY becomes an in-memory sort of the rows read.
 */
export function orderFunction(rewrite: FileRewrite): string {
  return addFileHelper(rewrite, 'sqlOrder', (name, { indent: i, end, typed }) => {
    const param = typed ? ': any' : '';
    return (
      `function ${name}(a${param}, b${param})${typed ? ': number' : ''} {\n` +
      `${i}// ORDER BY of one column as SQLite sorts: NULL first, then by value (DynamoDB returns rows unsorted)\n` +
      `${i}if (a === b) return 0${end}\n${i}if (a == null) return -1${end}\n${i}if (b == null) return 1${end}\n${i}return a < b ? -1 : a > b ? 1 : 0${end}\n}\n`
    );
  });
}
