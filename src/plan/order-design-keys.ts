import type { TableDesign } from '../model/table-design';

/**
 * Fixed key order for every object of the design, so the same design always prints the same
 * bytes however it was built or merged. Keys people add by hand keep their place after ours.
 */
const ORDER: Record<string, string[]> = {
  design: ['version', 'layout', 'tables', 'entities', 'handlers', 'accessPatterns', 'apiChanges'],
  table: ['name', 'envVar', 'entity', 'purpose', 'entities', 'partitionKey', 'sortKey', 'gsis', 'ttlAttribute', 'billing', 'pointInTimeRecovery', 'removalPolicy', 'encryption', 'importSource'],
  key: ['name', 'type'],
  gsi: ['name', 'partitionKey', 'sortKey', 'projection', 'reason'],
  entity: ['table', 'idStrategy', 'idAttribute', 'attributes', 'keys', 'indexKeys', 'counter', 'uniqueAttributes', 'derivedAttributes', 'pagination', 'cascade', 'joins'],
  handler: ['file', 'handler', 'id', 'actions', 'tables', 'indexes', 'grants'],
  grant: ['table', 'actions', 'indexes'],
  importSource: ['bucket', 'keyPrefix', 'bucketOwner', 'inputFormat', 'compressionType'],
  pattern: ['entity', 'description', 'handlers', 'requests', 'cost', 'readUnits', 'writeUnits', 'scan'],
};

export function orderDesignKeys(design: TableDesign): TableDesign {
  const ordered = order(design, 'design') as unknown as TableDesign;
  if (Array.isArray(ordered.tables)) {
    ordered.tables = ordered.tables.map((table) => {
      const next = order(table, 'table') as unknown as typeof table;
      for (const field of ['partitionKey', 'sortKey'] as const) if (next[field]) next[field] = order(next[field], 'key') as never;
      if (next.importSource) next.importSource = order(next.importSource, 'importSource') as never;
      if (Array.isArray(next.gsis)) {
        next.gsis = next.gsis.map((gsi) => {
          const item = order(gsi, 'gsi') as unknown as typeof gsi;
          for (const field of ['partitionKey', 'sortKey'] as const) if (item[field]) item[field] = order(item[field], 'key') as never;
          return item;
        });
      }
      return next;
    });
  }
  if (ordered.entities && typeof ordered.entities === 'object') {
    for (const name of Object.keys(ordered.entities)) ordered.entities[name] = order(ordered.entities[name], 'entity') as never;
  }
  if (Array.isArray(ordered.handlers)) {
    ordered.handlers = ordered.handlers.map((handler) => {
      const item = order(handler, 'handler') as unknown as typeof handler;
      if (Array.isArray(item.grants)) item.grants = item.grants.map((grant) => order(grant, 'grant') as never);
      return item;
    });
  }
  if (Array.isArray(ordered.accessPatterns)) ordered.accessPatterns = ordered.accessPatterns.map((pattern) => order(pattern, 'pattern') as never);
  return ordered;
}

function order(value: unknown, kind: keyof typeof ORDER): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value as Record<string, unknown>;
  const source = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of ORDER[kind]) if (source[key] !== undefined) result[key] = source[key];
  for (const key of Object.keys(source)) if (!(key in result) && source[key] !== undefined) result[key] = source[key];
  return result;
}
