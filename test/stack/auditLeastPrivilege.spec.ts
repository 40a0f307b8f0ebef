import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnFunction, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { auditLeastPrivilege } from '../../src/stack/auditLeastPrivilege';
import { makeDesign, makeTable } from './designs';

const design = makeDesign(
  [
    makeTable({
      name: 'Notes',
      gsis: [{ name: 'byOwner', partitionKey: { name: 'ownerId', type: 'string' }, projection: 'ALL' }],
    }),
    makeTable({ name: 'Users' }),
  ],
  [
    { file: 'lambda/getNote.ts', actions: ['GetItem'], tables: ['Notes'] },
    { file: 'lambda/listNotes.ts', actions: ['dynamodb:Query'], tables: ['Notes'], indexes: ['byOwner'] },
    { file: 'lambda/saveNote.ts', actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'], tables: ['Notes'] },
  ],
);

/** One stack, synthesized for real with Template.fromStack: a well-wired function and over-granted ones. */
function buildOverGrantedStack() {
  const stack = new Stack(new App(), 'OverGranted');
  const notes = new TableV2(stack, 'NotesTable', {
    partitionKey: { name: 'id', type: AttributeType.STRING },
    billing: Billing.onDemand(),
    globalSecondaryIndexes: [{ indexName: 'byOwner', partitionKey: { name: 'ownerId', type: AttributeType.STRING } }],
  });
  const users = new TableV2(stack, 'UsersTable', { partitionKey: { name: 'id', type: AttributeType.STRING } });
  const make = (id: string) =>
    new LambdaFunction(stack, id, { runtime: Runtime.NODEJS_24_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => {}') });
  const exact = make('Exact');
  exact.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [notes.tableArn] }));
  const lister = make('Lister');
  notes.grant(lister, 'dynamodb:Query');
  const readWrite = make('ReadWrite');
  notes.grantReadWriteData(readWrite);
  const full = make('Full');
  notes.grantFullAccess(full);
  const star = make('Star');
  star.addToRolePolicy(new PolicyStatement({ actions: ['*'], resources: ['*'] }));
  const otherTable = make('OtherTable');
  notes.grant(otherTable, 'dynamodb:GetItem');
  users.grant(otherTable, 'dynamodb:GetItem');
  const indexes = make('Indexes');
  notes.grant(indexes, 'dynamodb:GetItem');
  const tooLittle = make('TooLittle');
  tooLittle.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [notes.tableArn] }));
  const unknown = make('Unknown');
  users.grant(unknown, 'dynamodb:PutItem');
  const ids = Object.fromEntries(
    [exact, lister, readWrite, full, star, otherTable, indexes, tooLittle, unknown].map((fn) => [fn.node.id, stack.getLogicalId(fn.node.defaultChild as CfnFunction)]),
  );
  return { template: Template.fromStack(stack).toJSON(), ids };
}

describe('auditLeastPrivilege', () => {
  const { template, ids } = buildOverGrantedStack();
  const functions = {
    [ids.Exact]: 'lambda/getNote.ts',
    [ids.Lister]: 'lambda/listNotes.ts',
    [ids.ReadWrite]: 'lambda/getNote.ts',
    [ids.Full]: 'lambda/saveNote.ts',
    [ids.Star]: null,
    [ids.OtherTable]: 'lambda/getNote.ts',
    [ids.Indexes]: 'lambda/getNote.ts',
    [ids.TooLittle]: 'lambda/listNotes.ts',
  };
  const result = auditLeastPrivilege(template, design, { functions });
  const kindsOf = (id: string) => [...new Set(result.violations.filter((violation) => violation.function === `Stack/${id}`).map((violation) => violation.kind))].sort();

  it('fails a deliberately over-granted template', () => {
    expect(result.ok).toBe(false);
  });

  it('passes exact grants, including grant() with index ARNs for a handler that queries an index', () => {
    expect(kindsOf(ids.Exact)).toEqual([]);
    expect(kindsOf(ids.Lister)).toEqual([]);
  });

  it('flags grantReadWriteData: every action the handler does not perform', () => {
    expect(kindsOf(ids.ReadWrite)).toEqual(['action-not-performed', 'index-not-queried']);
    const messages = result.violations.filter((violation) => violation.function === `Stack/${ids.ReadWrite}`).map((violation) => violation.message);
    expect(messages.some((message) => /dynamodb:Scan on Notes is not performed by lambda\/getNote\.ts/.test(message))).toBe(true);
    expect(messages.some((message) => /dynamodb:GetItem on Notes is not performed/.test(message))).toBe(false);
  });

  it('flags grantFullAccess and a "*" policy as wildcard actions', () => {
    expect(kindsOf(ids.Full)).toContain('wildcard-action');
    expect(kindsOf(ids.Star)).toEqual(['wildcard-action']);
  });

  it('flags a table the handler does not use, and index ARNs for a handler that queries no index', () => {
    expect(kindsOf(ids.OtherTable)).toEqual(['index-not-queried', 'table-not-used']);
    expect(kindsOf(ids.Indexes)).toEqual(['index-not-queried']);
  });

  it('flags DynamoDB access of a function whose handler it cannot tell', () => {
    expect(kindsOf(ids.Unknown)).toEqual(['unknown-function']);
  });

  it('lists grants a handler needs but lacks (index ARNs for an index query)', () => {
    expect(result.missing).toEqual([{ function: `Stack/${ids.TooLittle}`, table: 'Notes', action: 'dynamodb:Query', on: 'index' }]);
  });

  it('finds a function by its Handler when it is not mapped, and resolves plain table ARNs', () => {
    const handmade = {
      Resources: {
        Role: { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess'] } },
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'getNote.handler', Role: { 'Fn::GetAtt': ['Role', 'Arn'] } } },
        Policy: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            Roles: [{ Ref: 'Role' }],
            PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Scan'], Resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/Notes' }] },
          },
        },
      },
    };
    const handmadeResult = auditLeastPrivilege(handmade, design);
    expect(handmadeResult.violations.map((violation) => violation.kind).sort()).toEqual(['action-not-performed', 'broad-managed-policy']);
    expect(handmadeResult.violations.find((violation) => violation.kind === 'action-not-performed')!.message).toMatch(/dynamodb:Scan on Notes/);
  });
});
