import type { OperationRecord } from '../../../src/model/access-model';
import { sqliteFamily } from '../../../src/scan/sqlite';
import type { EntityEvidence, StoreFinding } from '../../../src/scan/types';
import { makeContext, type TestContext } from '../../support/scanProject';

export interface SqliteScan {
  ctx: TestContext;
  stores: StoreFinding[];
  operations: (Omit<OperationRecord, 'handler'>)[];
  evidence: EntityEvidence[];
  /** Operations as `op Entity(attr,attr)@file:line`, sorted. */
  ops: string[];
  codes: string[];
}

/** Runs the SQLite family alone on an in-memory project. */
export function scanSqlite(files: Record<string, string>): SqliteScan {
  const ctx = makeContext(files);
  const stores = sqliteFamily.findStores(ctx);
  const operations = sqliteFamily.findOperations(ctx, stores).map(({ sourceFile, path, ...rest }) => ({
    ...rest,
    file: sourceFile.rel,
    line: ctx.project.lineOf(path),
  }));
  const evidence = sqliteFamily.findEntityEvidence(ctx, stores);
  const ops = operations.map(formatOp).sort();
  const codes = ctx.diagnosticsList.map((d) => `${d.severity} ${d.code} ${d.file}:${d.line}`).sort();
  return { ctx, stores, operations, evidence, ops, codes };
}

export function formatOp(op: Omit<OperationRecord, 'handler'>): string {
  const attributes = op.attributes ? `(${op.attributes.join(',')})` : '';
  const extra = [op.order, op.pagination, op.unique ? `unique:${op.unique.join(',')}` : undefined].filter(Boolean).join(' ');
  return `${op.op} ${op.entity}${attributes}${extra ? ` ${extra}` : ''}@${op.file}:${op.line}`;
}
