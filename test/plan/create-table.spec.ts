/**
 * Every derived design must be a valid CreateTable input, checked on a real engine: dynalite
 * in-process on 127.0.0.1. The design's helper items (counter, guard, derived keys) are also
 * exercised there, so the plan's claims hold on DynamoDB's rules, not only on paper.
 */
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TableDesign } from '../../src/model/table-design';
import { derivePlan } from '../../src/plan/derive-plan';
import { getTableSettings, toCreateTableInput } from '../../src/plan/to-create-table-input';
import { startDynalite } from '../../src/verify/behaviour/startLocalDynamo';
import { ALL_MODELS, todosModel, usersModel } from './models';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('toCreateTableInput on dynalite', () => {
  let engine: { endpoint: string; stop(): Promise<void> };
  let client: DynamoDBClient;
  let doc: DynamoDBDocumentClient;

  beforeAll(async () => {
    engine = await startDynalite();
    client = new DynamoDBClient({ endpoint: engine.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    doc = DynamoDBDocumentClient.from(client);
  });

  afterAll(async () => {
    client.destroy();
    await engine.stop();
  });

  async function createAll(design: TableDesign, prefix: string): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const table of design.tables) {
      const name = `${prefix}-${table.name}`;
      names.set(table.name, name);
      await client.send(new CreateTableCommand(toCreateTableInput(table, { tableName: name })));
    }
    return names;
  }

  async function dropAll(names: Map<string, string>): Promise<void> {
    for (const name of names.values()) await client.send(new DeleteTableCommand({ TableName: name }));
  }

  const variants: [string, () => TableDesign][] = [];
  for (const [name, make] of Object.entries(ALL_MODELS)) {
    variants.push([`${name}`, () => derivePlan(make())]);
    variants.push([`${name} single-table`, () => derivePlan(make(), { singleTable: true })]);
    variants.push([`${name} uuid ids`, () => derivePlan(make(), { idStrategy: 'uuid' })]);
  }

  it.each(variants)('creates every table of the %s design with its keys and GSIs', async (label, make) => {
    const design = make();
    const names = await createAll(design, label.replace(/\W+/g, '-'));
    try {
      for (const table of design.tables) {
        const { Table } = await client.send(new DescribeTableCommand({ TableName: names.get(table.name) }));
        expect(Table!.TableStatus).toBe('ACTIVE');
        expect(Table!.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
        expect(Table!.KeySchema).toEqual(toCreateTableInput(table).KeySchema);
        expect((Table!.GlobalSecondaryIndexes ?? []).map((gsi) => [gsi.IndexName, gsi.KeySchema, gsi.Projection?.ProjectionType]).sort()).toEqual(
          table.gsis.map((gsi) => [gsi.name, toCreateTableInput(table).GlobalSecondaryIndexes!.find((item) => item.IndexName === gsi.name)!.KeySchema, 'ALL']).sort(),
        );
      }
    } finally {
      await dropAll(names);
    }
  });

  it('builds INCLUDE projections without key attributes, and the TTL / PITR follow-ups', () => {
    const design = derivePlan(todosModel());
    const table = { ...design.tables[0], ttlAttribute: 'ttl', gsis: [{ ...design.tables[0].gsis[0], projection: ['title', 'createdAt', 'completedKey'] }] };
    expect(toCreateTableInput(table).GlobalSecondaryIndexes![0].Projection).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: ['title'] });
    expect(getTableSettings(table, { tableName: 'x' })).toEqual({
      timeToLive: { TableName: 'x', TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true } },
      continuousBackups: { TableName: 'x', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } },
    });
  });

  it('the derived boolean key, the counter item and the sorted GSI work as planned', async () => {
    const design = derivePlan(todosModel());
    const names = await createAll(design, 'behaviour-todos');
    try {
      const todos = names.get('Todos')!;
      const counter = design.entities.Todo.counter!;
      // a raw boolean in the index key is rejected: that is why the design keys on completedKey
      await expect(doc.send(new PutCommand({ TableName: todos, Item: { id: 99, completed: true, completedKey: true, createdAt: 'x' } }))).rejects.toThrow();
      const ids: number[] = [];
      for (const [title, completed, createdAt] of [['a', true, '2024-01-01'], ['b', false, '2024-01-02'], ['c', true, '2024-01-03']] as const) {
        const next = await doc.send(new UpdateCommand({ TableName: names.get(counter.table), Key: counter.key, UpdateExpression: 'ADD #v :one', ExpressionAttributeNames: { '#v': counter.attribute }, ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW' }));
        const id = next.Attributes![counter.attribute] as number;
        ids.push(id);
        await doc.send(new PutCommand({ TableName: todos, Item: { id, title, completed, completedKey: String(completed), createdAt } }));
      }
      expect(ids).toEqual([1, 2, 3]);
      const gsi = design.tables[0].gsis[0];
      const done = await doc.send(
        new QueryCommand({ TableName: todos, IndexName: gsi.name, KeyConditionExpression: '#k = :v', ExpressionAttributeNames: { '#k': gsi.partitionKey.name }, ExpressionAttributeValues: { ':v': 'true' }, ScanIndexForward: false }),
      );
      expect(done.Items!.map((item) => item.title)).toEqual(['c', 'a']);
    } finally {
      await dropAll(names);
    }
  });

  it('the uniqueness guard rejects a second claim of the same email', async () => {
    const design = derivePlan(usersModel());
    const names = await createAll(design, 'behaviour-users');
    try {
      const unique = design.entities.User.uniqueAttributes![0];
      const [keyName, template] = Object.entries(unique.key)[0];
      const claim = (email: string, id: string) =>
        doc.send(new PutCommand({ TableName: names.get(unique.table), Item: { [keyName]: template.replace('{email}', email), id }, ConditionExpression: 'attribute_not_exists(#k)', ExpressionAttributeNames: { '#k': keyName } }));
      await claim('ada@example.com', 'u1');
      await expect(claim('ada@example.com', 'u2')).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
      await claim('grace@example.com', 'u2');
    } finally {
      await dropAll(names);
    }
    expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([]);
  });
});
