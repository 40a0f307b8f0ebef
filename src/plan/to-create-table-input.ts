import type { AttributeDefinition, CreateTableCommandInput, GlobalSecondaryIndex, KeySchemaElement, Projection } from '@aws-sdk/client-dynamodb';
import type { GsiDesign, KeyAttribute, TableDesignEntry } from '../model/table-design';

/**
 * CreateTable parameters for one table of the design: keys, GSIs (with their projections),
 * on-demand billing, encryption at rest. TTL and point-in-time recovery are not CreateTable
 * parameters: `getTableSettings` returns the follow-up UpdateTimeToLive / UpdateContinuousBackups
 * inputs. `tableName` overrides the design's name (e.g. a name read from the env var).
 * Used by `plan` tests and by `migrate-data --create-tables`.
 */
export function toCreateTableInput(table: TableDesignEntry, options: { tableName?: string } = {}): CreateTableCommandInput {
  const definitions = new Map<string, AttributeDefinition>();
  const define = (key: KeyAttribute) => {
    definitions.set(key.name, { AttributeName: key.name, AttributeType: key.type === 'number' ? 'N' : 'S' });
  };
  define(table.partitionKey);
  if (table.sortKey) define(table.sortKey);
  for (const gsi of table.gsis) {
    define(gsi.partitionKey);
    if (gsi.sortKey) define(gsi.sortKey);
  }
  const input: CreateTableCommandInput = {
    TableName: options.tableName ?? table.name,
    AttributeDefinitions: [...definitions.values()],
    KeySchema: getKeySchema(table.partitionKey, table.sortKey),
    BillingMode: 'PAY_PER_REQUEST',
  };
  if (table.gsis.length) {
    const keys = new Set(definitions.keys());
    input.GlobalSecondaryIndexes = table.gsis.map((gsi) => toGlobalSecondaryIndex(gsi, keys));
  }
  // AWS_OWNED is DynamoDB's default and must not be sent as SSEType; AWS_MANAGED means the KMS key.
  if (table.encryption === 'AWS_MANAGED') input.SSESpecification = { Enabled: true, SSEType: 'KMS' };
  return input;
}

function getKeySchema(partitionKey: KeyAttribute, sortKey?: KeyAttribute): KeySchemaElement[] {
  const schema: KeySchemaElement[] = [{ AttributeName: partitionKey.name, KeyType: 'HASH' }];
  if (sortKey) schema.push({ AttributeName: sortKey.name, KeyType: 'RANGE' });
  return schema;
}

function toGlobalSecondaryIndex(gsi: GsiDesign, keyAttributes: Set<string>): GlobalSecondaryIndex {
  return { IndexName: gsi.name, KeySchema: getKeySchema(gsi.partitionKey, gsi.sortKey), Projection: toProjection(gsi.projection, keyAttributes) };
}

/** A list projection becomes INCLUDE; key attributes are always projected, so they are left out of the list. */
function toProjection(projection: GsiDesign['projection'], keyAttributes: Set<string>): Projection {
  if (projection === 'ALL' || projection === 'KEYS_ONLY') return { ProjectionType: projection };
  const nonKey = projection.filter((name) => !keyAttributes.has(name));
  return nonKey.length ? { ProjectionType: 'INCLUDE', NonKeyAttributes: nonKey } : { ProjectionType: 'KEYS_ONLY' };
}

/** The settings CreateTable cannot carry: TTL and point-in-time recovery. */
export function getTableSettings(table: TableDesignEntry, options: { tableName?: string } = {}) {
  const TableName = options.tableName ?? table.name;
  return {
    timeToLive: table.ttlAttribute ? { TableName, TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true } } : undefined,
    continuousBackups: table.pointInTimeRecovery ? { TableName, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } } : undefined,
  };
}
