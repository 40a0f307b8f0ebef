import type { FileRewrite } from '../apply/rewrite/FileRewrite';
import { addFileHelper } from './addFileHelper';

/**
 * The file's `sqlPage(rows, limit, offset)` (added on first use): LIMIT/OFFSET applied to the rows
 * read, as SQLite applies them (a negative LIMIT is no limit, a negative OFFSET is 0). The API keeps
 * its page numbers; the cost is that every page reads all matching items (plan.md names cursor
 * pagination as the follow-up change).
 */
export function pageFunction(rewrite: FileRewrite): string {
  return addFileHelper(rewrite, 'sqlPage', (name, { indent: i, end, typed }) =>
    `function ${name}${typed ? '<T>' : ''}(rows${typed ? ': T[]' : ''}, limit${typed ? ': unknown' : ''}, offset${typed ? ': unknown' : ''} = 0)${typed ? ': T[]' : ''} {\n` +
    `${i}// LIMIT/OFFSET as SQLite applies them, over every matching item read (DynamoDB has no OFFSET:\n` +
    `${i}// each page reads all of them; cursor pagination with LastEvaluatedKey is the cheaper API)\n` +
    `${i}const start = Math.max(0, Number(offset) || 0)${end}\n` +
    `${i}return Number(limit) < 0 ? rows.slice(start) : rows.slice(start, start + Number(limit))${end}\n}\n`);
}
