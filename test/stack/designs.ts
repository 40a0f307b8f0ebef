/** Hand-written table designs for the stack specs (the planner is written in parallel). */
import type { TableDesign, TableDesignEntry } from '../../src/model/table-design';

export function makeTable(overrides: Partial<TableDesignEntry> & { name: string }): TableDesignEntry {
  return {
    envVar: `${overrides.name.toUpperCase()}_TABLE_NAME`,
    entity: overrides.name.replace(/s$/, ''),
    partitionKey: { name: 'id', type: 'string' },
    gsis: [],
    billing: 'PAY_PER_REQUEST',
    pointInTimeRecovery: true,
    removalPolicy: 'destroy',
    ...overrides,
  };
}

export function makeDesign(tables: TableDesignEntry[], handlers: TableDesign['handlers'] = []): TableDesign {
  return {
    version: 1,
    tables,
    entities: Object.fromEntries(tables.map((table) => [table.entity, { table: table.name, idStrategy: 'uuid' }])),
    handlers,
  };
}

/** Two tables that together use every stack feature: sort key, numeric keys, GSIs of each projection, TTL. */
export const featureDesign: TableDesign = makeDesign([
  makeTable({
    name: 'Orders',
    partitionKey: { name: 'customerId', type: 'string' },
    sortKey: { name: 'orderNumber', type: 'number' },
    gsis: [
      { name: 'byStatus', partitionKey: { name: 'status', type: 'string' }, sortKey: { name: 'createdAt', type: 'number' }, projection: 'ALL' },
      { name: 'bySku', partitionKey: { name: 'sku', type: 'string' }, projection: 'KEYS_ONLY' },
      { name: 'byRegion', partitionKey: { name: 'region', type: 'string' }, projection: ['total', 'status'] },
    ],
    ttlAttribute: 'expiresAt',
  }),
  makeTable({ name: 'audit_log', envVar: 'AUDIT_LOG_TABLE', entity: 'AuditLog', partitionKey: { name: 'seq', type: 'number' }, pointInTimeRecovery: false, removalPolicy: 'retain', encryption: 'AWS_MANAGED', purpose: 'counters' }),
]);
