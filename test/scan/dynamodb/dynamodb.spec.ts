import { dynamodbFamily } from '../../../src/scan/dynamodb';
import { attributesOfExpression, updatedAttributes } from '../../../src/scan/dynamodb/expressionAttributes';
import { makeContext } from '../../support/scanProject';

function scanDynamo(files: Record<string, string>) {
  const ctx = makeContext(files);
  const stores = dynamodbFamily.findStores(ctx);
  const operations = dynamodbFamily.findOperations(ctx, stores).map((op) => {
    const extras = [op.attributes ? `(${op.attributes.join(',')})` : '', op.pagination ? ` ${op.pagination}` : ''].join('');
    return `${op.op}${extras} ${op.entity} ${op.store} ${op.sourceFile.rel}:${ctx.project.lineOf(op.path)}`;
  });
  const evidence = dynamodbFamily.findEntityEvidence(ctx, stores);
  const storeList = stores.map(({ anchors, ...store }) => ({ ...store, anchors: anchors.length }));
  return { ctx, stores: storeList, operations, evidence, diagnostics: ctx.diagnosticsList.map((d) => `${d.code} ${d.file}:${d.line}`) };
}

describe('dynamodbFamily: AWS SDK v3', () => {
  const files = {
    'src/db.ts': [
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
      'export const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
      'export const NOTES_TABLE = process.env.NOTES_TABLE_NAME!;',
    ].join('\n'),
    'src/notes.ts': [
      "import { GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';",
      "import { randomUUID } from 'node:crypto';",
      "import { ddb, NOTES_TABLE } from './db';",
      'export async function createNote(title: string, userId: string) {',
      '  const item = { id: randomUUID(), title, userId, done: false, createdAt: new Date().toISOString() };',
      '  await ddb.send(new PutCommand({ TableName: NOTES_TABLE, Item: item, ConditionExpression: "attribute_not_exists(id)" }));',
      '}',
      'export const getNote = (id: string) => ddb.send(new GetCommand({ TableName: NOTES_TABLE, Key: { id } }));',
      'export const byUser = (userId: string, cursor?: Record<string, unknown>) =>',
      '  ddb.send(new QueryCommand({',
      '    TableName: NOTES_TABLE,',
      "    IndexName: 'byUser',",
      "    KeyConditionExpression: '#u = :u AND begins_with(createdAt, :d)',",
      "    ExpressionAttributeNames: { '#u': 'userId' },",
      '    ExclusiveStartKey: cursor,',
      '  }));',
      "export const all = () => ddb.send(new ScanCommand({ TableName: NOTES_TABLE, FilterExpression: 'done = :d' }));",
      'export const rename = (id: string, title: string) =>',
      "  ddb.send(new UpdateCommand({ TableName: NOTES_TABLE, Key: { id }, UpdateExpression: 'SET #t = :t, updatedAt = :now REMOVE draft', ExpressionAttributeNames: { '#t': 'title' } }));",
      'export const remove = (id: string) => ddb.send(new DeleteCommand({ TableName: NOTES_TABLE, Key: { id } }));',
    ].join('\n'),
  };

  it('makes one store per table named by its env var, with the entity from the name', () => {
    const { stores } = scanDynamo(files);
    expect(stores).toEqual([{ id: 'dynamodb:NOTES_TABLE_NAME', kind: 'dynamodb', entity: 'Note', file: 'src/db.ts', line: 4, anchors: 6 }]);
  });

  it('maps commands to operations, with key condition, filter and update attributes', () => {
    const { operations } = scanDynamo(files);
    const store = 'Note dynamodb:NOTES_TABLE_NAME';
    expect(operations).toEqual([
      `create ${store} src/notes.ts:6`,
      `read-by-id ${store} src/notes.ts:8`,
      `filter-by-attr(userId,createdAt) ${store} src/notes.ts:10`,
      `paginate cursor ${store} src/notes.ts:10`,
      `list ${store} src/notes.ts:17`,
      `filter-by-attr(done) ${store} src/notes.ts:17`,
      `update(title,updatedAt,draft) ${store} src/notes.ts:19`,
      `delete ${store} src/notes.ts:20`,
    ]);
  });

  it('reads the key from Key objects and fields and id strategy from Put items', () => {
    const { evidence } = scanDynamo(files);
    expect(evidence).toEqual([
      { entity: 'Note', source: 'usage', key: { name: 'id', type: 'string' } },
      {
        entity: 'Note',
        source: 'create',
        fields: [
          { name: 'id', type: 'string' },
          { name: 'title', type: 'string' },
          { name: 'userId', type: 'string' },
          { name: 'done', type: 'boolean' },
          { name: 'createdAt', type: 'string' },
        ],
        idStrategy: 'uuid',
      },
    ]);
  });
});

describe('dynamodbFamily: AWS SDK v2 and low-level clients', () => {
  it('recognises DocumentClient methods with .promise(), literal table names and low-level attribute values', () => {
    const { stores, operations, evidence, diagnostics } = scanDynamo({
      'handler.js': [
        "const AWS = require('aws-sdk');",
        'const docClient = new AWS.DynamoDB.DocumentClient();',
        'const dynamo = new AWS.DynamoDB();',
        'module.exports.get = async (event) => {',
        "  const params = { TableName: 'order-items-dev', Key: { orderId: Number(event.pathParameters.id) } };",
        '  return docClient.get(params).promise();',
        '};',
        'module.exports.count = async (event) => {',
        "  return dynamo.getItem({ TableName: process.env.COUNTERS || 'counters', Key: { name: { S: event.name } } }).promise();",
        '};',
        'module.exports.save = async (event) => {',
        "  await docClient.batchWrite({ RequestItems: { 'order-items-dev': [{ PutRequest: { Item: JSON.parse(event.body) } }, { DeleteRequest: { Key: { orderId: 1 } } }] } }).promise();",
        '};',
        "const cache = new Map(); cache.get('x');",
        'module.exports.bad = (event) => docClient.query(buildParams(event)).promise();',
      ].join('\n'),
    });
    expect(stores.map((s) => `${s.id} ${s.entity} ${s.source ?? '-'} ${s.file}:${s.line}`)).toEqual([
      'dynamodb:order-items-dev OrderItem order-items-dev handler.js:5',
      'dynamodb:COUNTERS Counter counters handler.js:9',
    ]);
    expect(operations).toEqual([
      'read-by-id OrderItem dynamodb:order-items-dev handler.js:6',
      'read-by-id Counter dynamodb:COUNTERS handler.js:9',
      'create OrderItem dynamodb:order-items-dev handler.js:12',
      'delete OrderItem dynamodb:order-items-dev handler.js:12',
    ]);
    expect(evidence.filter((e) => e.key)).toEqual([
      { entity: 'OrderItem', source: 'usage', key: { name: 'orderId', type: 'number' } },
      { entity: 'Counter', source: 'usage', key: { name: 'name', type: 'string' } },
    ]);
    expect(diagnostics).toEqual(['unresolved-dynamodb-params handler.js:15']);
  });

  it('groups requests whose TableName cannot be evaluated under their source text, with a diagnostic', () => {
    const { stores, diagnostics } = scanDynamo({
      'repo.ts': [
        "import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';",
        'export class Repo {',
        '  constructor(private readonly client: DynamoDBDocument, private readonly table: string) {}',
        '  get(id: string) { return this.client.get({ TableName: this.table, Key: { id } }); }',
        '}',
      ].join('\n'),
    });
    expect(stores.map((s) => s.id)).toEqual(['dynamodb:this.table']);
    expect(diagnostics).toEqual(['unresolved-table-name repo.ts:4']);
  });

  it('names a generic TABLE_NAME after the CDK table the stack sets it from', () => {
    const { stores } = scanDynamo({
      'lib/stack.ts': [
        "import { Stack } from 'aws-cdk-lib';",
        "import { Table, AttributeType } from 'aws-cdk-lib/aws-dynamodb';",
        "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';",
        'export class S extends Stack {',
        '  constructor(scope: any, id: string) {',
        '    super(scope, id);',
        "    const table = new Table(this, 'RecipesTable', { partitionKey: { name: 'id', type: AttributeType.STRING } });",
        "    new NodejsFunction(this, 'Fn', { entry: 'src/get.ts', environment: { TABLE_NAME: table.tableName } });",
        '  }',
        '}',
      ].join('\n'),
      'src/get.ts': [
        "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';",
        'const client = new DynamoDBClient({});',
        'export const handler = (event: any) => client.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { id: { S: event.id } } }));',
      ].join('\n'),
    });
    expect(stores.map((s) => `${s.id} ${s.entity}`)).toEqual(['dynamodb:TABLE_NAME Recipe']);
  });
});

describe('expression attributes', () => {
  it('reads attribute names from condition and update expressions', () => {
    expect(attributesOfExpression('#pk = :pk AND begins_with(#sk, :prefix)', { '#pk': 'userId', '#sk': 'createdAt' })).toEqual(['userId', 'createdAt']);
    expect(attributesOfExpression('address.city = :c OR size(tags) > :n AND NOT contains(title, :t)')).toEqual(['address', 'tags', 'title']);
    expect(updatedAttributes('SET #a = :a, b = list_append(b, :x), c = if_not_exists(c, :zero) + :one REMOVE d, e ADD visits :one', { '#a': 'title' })).toEqual([
      'title',
      'b',
      'c',
      'd',
      'e',
      'visits',
    ]);
  });
});

describe('dynamodbFamily: naming generic tables', () => {
  it('names a DYNAMODB_TABLE store after the code that uses it when nothing else names it', () => {
    const { stores } = scanDynamo({
      'todos/create.js': [
        "const AWS = require('aws-sdk');",
        'const dynamoDb = new AWS.DynamoDB.DocumentClient();',
        'module.exports.create = (event, context, callback) => {',
        "  const params = { TableName: process.env.DYNAMODB_TABLE, Item: { id: require('uuid').v1(), text: 'x', checked: false } };",
        '  dynamoDb.put(params, (error) => callback(error));',
        '};',
      ].join('\n'),
      'handlers/createInvoice.ts': [
        "import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';",
        'const db = DynamoDBDocument.from({} as any);',
        'export const handler = async () => db.put({ TableName: process.env.TABLE!, Item: { id: 1 } });',
      ].join('\n'),
    });
    expect(stores.map((s) => `${s.id} ${s.entity}`)).toEqual(['dynamodb:TABLE Invoice', 'dynamodb:DYNAMODB_TABLE Todo']);
  });
});
