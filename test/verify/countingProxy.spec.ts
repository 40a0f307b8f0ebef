/** verify's counting proxy in front of dynalite: what it records of a TransactWriteItems, and how it answers one. */
import { CreateTableCommand, DynamoDBClient, ScanCommand, TransactWriteItemsCommand, type TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describeDynamoCall } from '../../src/verify/behaviour/assessCost';
import { startLocalDynamo, type LocalDynamo } from '../../src/verify/behaviour/startLocalDynamo';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let local: LocalDynamo;
beforeAll(async () => {
  local = await startLocalDynamo();
});
afterAll(() => local.stop());

const client = (endpoint: string) => new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

it('answers a TransactWriteItems itself (dynalite has none): counted once with its actions, all or nothing', async () => {
  await client(local.endpoint).send(
    new CreateTableCommand({ TableName: 'Users', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'N' }], BillingMode: 'PAY_PER_REQUEST' }),
  );
  const app = client(local.countingEndpoint);
  const put = (id: string) => ({ Put: { TableName: 'Users', Item: { id: { N: id } }, ConditionExpression: 'attribute_not_exists(id)' } });
  await app.send(new TransactWriteItemsCommand({ TransactItems: [put('1'), put('2')] }));
  const calls = local.takeCalls();
  expect(calls).toEqual([{ operation: 'TransactWriteItems', tables: ['Users'], actions: [{ operation: 'PutItem', table: 'Users' }, { operation: 'PutItem', table: 'Users' }] }]);
  expect(describeDynamoCall(calls[0])).toBe('TransactWriteItems [PutItem Users, PutItem Users]');
  expect((await client(local.endpoint).send(new ScanCommand({ TableName: 'Users' }))).Count).toBe(2);

  // the second action's condition fails: the first is undone, the app gets DynamoDB's cancellation
  const error = (await app.send(new TransactWriteItemsCommand({ TransactItems: [put('3'), put('2')] })).then(() => undefined, (caught: Error) => caught)) as TransactionCanceledException;
  expect(error?.name).toBe('TransactionCanceledException');
  expect(error.CancellationReasons?.map((reason) => reason.Code)).toEqual(['None', 'ConditionalCheckFailed']);
  expect((await client(local.endpoint).send(new ScanCommand({ TableName: 'Users' }))).Items?.map((item) => item.id.N).sort()).toEqual(['1', '2']);
  expect(local.takeCalls()).toHaveLength(1);
});

it('a ConditionCheck is not carried out by the proxy: dynalite answers UnknownOperationException, and the call says so', async () => {
  const transaction = new TransactWriteItemsCommand({
    TransactItems: [
      { Put: { TableName: 'Users', Item: { id: { N: '9' } } } },
      { ConditionCheck: { TableName: 'Users', Key: { id: { N: '1' } }, ConditionExpression: 'attribute_exists(id)' } },
    ],
  });
  const error = await client(local.countingEndpoint).send(transaction).then(() => undefined, (caught: Error) => caught);
  expect(error?.name).toBe('UnknownOperationException');
  const calls = local.takeCalls();
  expect(calls).toEqual([
    {
      operation: 'TransactWriteItems',
      tables: ['Users'],
      actions: [
        { operation: 'PutItem', table: 'Users' },
        { operation: 'ConditionCheckItem', table: 'Users' },
      ],
      unsupported: true,
    },
  ]);
  expect(describeDynamoCall(calls[0])).toBe('TransactWriteItems [PutItem Users, ConditionCheckItem Users; not on this local engine: the single writes after it emulate it]');
});
