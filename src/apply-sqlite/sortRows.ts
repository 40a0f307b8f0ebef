import { statements } from '../emit';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';

const orderFunctions = new WeakMap<FileRewrite, string>();

/**
 * The file's `sqlOrder(a, b)` comparator (added on first use): SQLite's ORDER BY for one column,
 * NULLs first, then numbers and text by value. ORDER BY becomes an in-memory sort of the rows read.
 */
export function orderFunction(rewrite: FileRewrite): string {
  const existing = orderFunctions.get(rewrite);
  if (existing) return existing;
  const name = rewrite.freshName(['sqlOrder']);
  orderFunctions.set(rewrite, name);
  const i = rewrite.style.indent;
  const end = rewrite.style.semicolons ? ';' : '';
  const typed = rewrite.rel.endsWith('ts');
  const param = typed ? ': any' : '';
  const text =
    `function ${name}(a${param}, b${param})${typed ? ': number' : ''} {\n` +
    `${i}// ORDER BY of one column as SQLite sorts: NULL first, then by value (DynamoDB returns rows unsorted)\n` +
    `${i}if (a === b) return 0${end}\n${i}if (a == null) return -1${end}\n${i}if (b == null) return 1${end}\n${i}return a < b ? -1 : a > b ? 1 : 0${end}\n}\n`;
  const body = rewrite.root.find(rewrite.j.Program).paths()[0].node.body as unknown[];
  body.push(...statements(rewrite.emit, [text]));
  return name;
}
