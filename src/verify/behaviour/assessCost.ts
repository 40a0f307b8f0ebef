/**
 * The cost side of the behaviour check: the DynamoDB calls the migrated app made for one request
 * (counted at the client by the proxy), judged against the design.
 *  - A Scan where the design serves every access pattern of that handler with a key or an index
 *    is a problem (the code reads the whole table when a GetItem or Query would do).
 *  - A handler that only reads one item by id must cost at most one GetItem, nothing else.
 *  - Every call must be granted to its handler in the design (what the stack wires): a call
 *    outside the grants works on dynalite but is an AccessDeniedException in AWS.
 */
import type { AccessModel } from '../../model/access-model';
import type { TableDesign } from '../../model/table-design';
import type { DynamoCall } from './startLocalDynamo';

export interface RequestCost {
  /** `GetItem Notes` per call, in the order made. */
  calls: string[];
  /** Calls per operation, e.g. `{ GetItem: 1 }`. */
  counts: Record<string, number>;
  problems: string[];
}

export function describeDynamoCall(call: DynamoCall): string {
  if (call.actions) {
    const actions = call.actions.map((action) => `${action.operation} ${action.table}`).join(', ');
    // one the proxy could not answer (a ConditionCheck): dynalite refused it, so the shared client
    // emulates it with single writes, counted after this one (local only; in AWS it is one call)
    const local = call.unsupported ? '; not on this local engine: the single writes after it emulate it' : '';
    return `${call.operation} [${actions}${local}]`;
  }
  return [call.operation, call.tables.join(','), ...(call.index ? [`index ${call.index}`] : [])].filter(Boolean).join(' ');
}

/** True when the handler does nothing but read one record by its id. */
function onlyReadsById(model: AccessModel, handler: string): boolean {
  const ops = model.operations.filter((operation) => operation.handler === handler);
  return ops.length > 0 && ops.every((operation) => operation.op === 'read-by-id');
}

/** The design's verdict on Scans for a handler: 'allowed' when a pattern it serves needs one. */
function scanVerdict(design: TableDesign, handler: string): 'allowed' | 'not-needed' | 'unknown' {
  const patterns = (design.accessPatterns ?? []).filter((pattern) => pattern.handlers.includes(handler));
  if (patterns.length === 0) return 'unknown';
  return patterns.some((pattern) => pattern.scan || pattern.requests.some((request) => /^Scan\b/.test(request))) ? 'allowed' : 'not-needed';
}

export function assessCost(calls: DynamoCall[], handler: string | undefined, model: AccessModel, design: TableDesign): RequestCost {
  const counts: Record<string, number> = {};
  for (const call of calls) counts[call.operation] = (counts[call.operation] ?? 0) + 1;
  const problems: string[] = [];
  if (handler) {
    const scans = calls.filter((call) => call.operation === 'Scan');
    if (scans.length > 0 && scanVerdict(design, handler) === 'not-needed') {
      const patterns = (design.accessPatterns ?? []).filter((pattern) => pattern.handlers.includes(handler));
      const planned = [...new Set(patterns.flatMap((pattern) => pattern.requests))].join(', ');
      problems.push(`Scan of ${[...new Set(scans.flatMap((call) => call.tables))].join(', ')} where the design serves ${handler} with ${planned}`);
    }
    problems.push(...findUngrantedCalls(calls, handler, design));
    if (onlyReadsById(model, handler)) {
      const others = calls.filter((call) => call.operation !== 'GetItem');
      const gets = calls.length - others.length;
      if (gets > 1 || others.length > 0) {
        problems.push(`a read by id costs ${calls.map(describeDynamoCall).join(' + ')}; at most one GetItem expected`);
      }
    }
  }
  return { calls: calls.map(describeDynamoCall), counts, problems };
}

/** Calls the design does not grant to the handler (no grants recorded for it: nothing to compare). */
function findUngrantedCalls(calls: DynamoCall[], handler: string, design: TableDesign): string[] {
  const entry = (design.handlers ?? []).find((candidate) => candidate.id === handler);
  if (!entry) return [];
  const granted = (table: string, action: string): boolean =>
    entry.grants ? entry.grants.some((grant) => grant.table === table && grant.actions.includes(action)) : entry.tables.includes(table) && entry.actions.includes(action);
  const missing = new Set<string>();
  for (const call of calls) {
    // a transaction is authorized action by action (PutItem, DeleteItem, … on each table)
    const needs = call.actions ?? call.tables.map((table) => ({ operation: call.operation, table }));
    for (const { operation, table } of needs) if (!granted(table, operation)) missing.add(`${operation} ${table}${call.actions ? ` (in ${call.operation})` : ''}`);
  }
  return [...missing].map((call) => `${call} is not granted to ${handler} in .migration/dynamodb.json (AccessDeniedException in AWS)`);
}
