/**
 * dynalite on 127.0.0.1 for apply's behaviour tests: tables created from a design (the plan's
 * `toCreateTableInput`), records loaded as the items migrate-data writes (src/migrate/toItem),
 * counters set past the highest loaded id.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TableDesign } from '../../../src/model/table-design';
import { toCreateTableInput } from '../../../src/plan/to-create-table-input';
import { startDynalite } from '../../../src/verify/behaviour/startLocalDynamo';
import { toGuardItems, toItem } from '../../../src/migrate/toItem';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export interface LocalDynamo {
  endpoint: string;
  doc: DynamoDBDocumentClient;
  stop(): Promise<void>;
}

export async function startLocalDynamo(): Promise<LocalDynamo> {
  const engine = await startDynalite();
  const client = new DynamoDBClient({ endpoint: engine.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    endpoint: engine.endpoint,
    doc,
    stop: async () => {
      client.destroy();
      await engine.stop();
    },
  };
}

export async function createTables(local: LocalDynamo, design: TableDesign): Promise<void> {
  for (const table of design.tables) await local.doc.send(new CreateTableCommand(toCreateTableInput(table)));
}

/** Loads records into an entity's table and, for counter ids, sets the counter to the highest id. */
export async function loadRecords(local: LocalDynamo, design: TableDesign, entityName: string, records: Record<string, unknown>[]): Promise<void> {
  const entity = design.entities[entityName];
  if (!entity) throw new Error(`design has no entity ${entityName}`);
  const table = design.tables.find((candidate) => candidate.name === entity.table);
  if (!table) throw new Error(`design has no table ${entity.table}`);
  // the items migrate-data writes (derived attributes, single-table keys, guard items), from its own toItem
  for (const record of records) {
    await local.doc.send(new PutCommand({ TableName: table.name, Item: toItem(design, entityName, record) }));
    for (const guard of toGuardItems(design, entityName, record)) await local.doc.send(new PutCommand({ TableName: guard.table, Item: guard.item }));
  }
  if (entity.counter) {
    const idName = entity.idAttribute?.name ?? table.partitionKey.name;
    const highest = Math.max(0, ...records.map((record) => Number(record[idName])).filter(Number.isFinite));
    await local.doc.send(new PutCommand({ TableName: entity.counter.table, Item: { ...entity.counter.key, [entity.counter.attribute]: highest } }));
  }
}
