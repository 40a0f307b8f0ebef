import type * as t from '@babel/types';
import type { StaticValue } from '../infra/static/evaluateStatic';
import type { ScanContext, SourceFile } from '../types';

/** The table a request names: a literal table name, an environment variable, or (unresolved) the expression text. */
export interface TableRef {
  /** Store id: `dynamodb:<table name or env var>`. */
  id: string;
  /** The table name when literal, or the env var's literal fallback (`process.env.T || 'notes'`). */
  tableName?: string;
  envVar?: string;
  /** Where the name is written (the literal or `process.env.X`), for the store's file:line. */
  file?: SourceFile;
  node?: t.Node;
}

/** Reads a `TableName` value (or a RequestItems key); an unresolvable one gets a diagnostic and its source text as id. */
export function tableRefOf(ctx: ScanContext, file: SourceFile, value: StaticValue | undefined, line: number): TableRef {
  if (value?.kind === 'string') return { id: `dynamodb:${value.value}`, tableName: value.value, file: value.file, node: value.node };
  if (value?.kind === 'env') return { id: `dynamodb:${value.name}`, envVar: value.name, tableName: value.fallback, file: value.file, node: value.node };
  const text = value?.kind === 'unknown' && value.path && value.file ? sourceText(value.file, value.path.node) : undefined;
  ctx.diagnostics.add({
    severity: 'warning',
    code: 'unresolved-table-name',
    file: file.rel,
    line,
    message: text
      ? `DynamoDB TableName \`${text}\` is not a literal or process.env variable the scanner can follow; its operations are grouped under dynamodb:${text}`
      : 'DynamoDB request without a TableName the scanner can read; its operations are grouped under dynamodb:unknown',
  });
  return { id: `dynamodb:${text ?? 'unknown'}` };
}

function sourceText(file: SourceFile, node: t.Node): string {
  return file.text.slice(node.start ?? 0, node.end ?? 0).replace(/\s+/g, '');
}
