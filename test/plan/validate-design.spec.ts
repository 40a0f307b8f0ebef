import type { TableDesign } from '../../src/model/table-design';
import { derivePlan } from '../../src/plan/derive-plan';
import { formatDesignError } from '../../src/plan/plan-errors';
import { validateDesign } from '../../src/plan/validate-design';
import { ALL_MODELS, blogModel, notesModel, sessionsModel, todosModel } from './models';

function problems(design: unknown, model = notesModel()): string[] {
  return validateDesign(design, model).map(formatDesignError);
}

function edited(change: (design: TableDesign) => void, make = notesModel): TableDesign {
  const design = derivePlan(make());
  change(design);
  return design;
}

describe('validateDesign', () => {
  it('accepts every derived design', () => {
    for (const [name, make] of Object.entries(ALL_MODELS)) {
      expect({ name, errors: problems(derivePlan(make()), make()) }).toEqual({ name, errors: [] });
      expect({ name, errors: problems(derivePlan(make(), { singleTable: true }), make()) }).toEqual({ name, errors: [] });
    }
  });

  it('names the JSON path of a GSI on an attribute the entity does not have', () => {
    const design = edited((d) => {
      d.tables[0].gsis.push({ name: 'title-index', partitionKey: { name: 'title', type: 'string' }, projection: 'ALL' });
      d.tables[0].gsis.push({ name: 'colour-index', partitionKey: { name: 'colour', type: 'string' }, projection: 'ALL' });
    });
    expect(problems(design)).toEqual(['tables[0].gsis[1].partitionKey.name: "colour" is not an attribute of entity Note']);
  });

  it('rejects TTL on a string field, and accepts it on a number or a derived epoch-seconds attribute', () => {
    expect(problems(edited((d) => (d.tables[0].ttlAttribute = 'createdAt')))).toEqual([
      'tables[0].ttlAttribute: "createdAt" is a string in entity Note; TTL needs a number of epoch seconds (add a derived attribute { "name": "ttl", "as": "epoch-seconds", "from": "createdAt" } and set ttlAttribute to "ttl")',
    ]);
    expect(problems(derivePlan(sessionsModel()), sessionsModel())).toEqual([]);
    const numeric = derivePlan(sessionsModel());
    numeric.tables[0].ttlAttribute = 'expiresAt';
    expect(problems(numeric, sessionsModel())).toEqual([]);
  });

  it('rejects duplicate table names and env vars that are not UPPER_SNAKE', () => {
    const design = edited((d) => {
      d.tables[1].name = 'Users';
      d.tables[2].name = 'Users';
      d.tables[0].envVar = 'usersTable';
    }, blogModel);
    design.handlers = [];
    expect(problems(design, blogModel())).toEqual([
      'tables[0].envVar: "usersTable" must be UPPER_SNAKE_CASE, e.g. NOTES_TABLE_NAME',
      'tables[1].name: "Users" is also the name of tables[0]; table names must be unique',
      'tables[2].name: "Users" is also the name of tables[0]; table names must be unique',
      'entities.Post.table: "Posts" is not a table of the design (tables: Users, Users, Users, Counters)',
      'entities.Comment.table: "Comments" is not a table of the design (tables: Users, Users, Users, Counters)',
    ]);
  });

  it('reports a missing key attribute, a boolean key and a key type that does not match', () => {
    const noKey = edited((d) => delete (d.tables[0] as Partial<TableDesign['tables'][0]>).partitionKey);
    expect(problems(noKey)).toEqual(['tables[0].partitionKey: missing: a key attribute { "name": …, "type": "string" | "number" } is required']);
    const noName = edited((d) => (d.tables[0].partitionKey = { type: 'string' } as never));
    expect(problems(noName)).toEqual(['tables[0].partitionKey.name: missing: the key attribute needs a name']);
    const boolKey = edited((d) => (d.tables[0].gsis[0].partitionKey = { name: 'completed', type: 'string' }), todosModel);
    expect(problems(boolKey, todosModel())[0]).toMatch(/^tables\[0\]\.gsis\[0\]\.partitionKey\.name: "completed" is a boolean; DynamoDB keys must be strings or numbers/);
    const wrongType = edited((d) => (d.tables[0].partitionKey.type = 'number'));
    expect(problems(wrongType)).toEqual(['tables[0].partitionKey.type: "number" but "id" holds text']);
  });

  it('checks billing, removal policy, entities and handler actions', () => {
    const design = edited((d) => {
      (d.tables[0] as { billing: string }).billing = 'PROVISIONED';
      (d.tables[0] as { removalPolicy: string }).removalPolicy = 'keep';
      d.entities.Note.idStrategy = 'snowflake';
      d.handlers[0].actions.push('dynamodb:*');
    });
    expect(problems(design)).toEqual([
      'tables[0].billing: "PROVISIONED" is not supported; use "PAY_PER_REQUEST" (on-demand: no capacity to size)',
      'tables[0].removalPolicy: "keep" must be "destroy" or "retain"',
      'entities.Note.idStrategy: "snowflake" is not one of uuid, counter, client, natural, app',
      'handlers[0].actions[1]: "dynamodb:*" is not a DynamoDB item action (GetItem, Query, Scan, PutItem, UpdateItem, DeleteItem, BatchGetItem, BatchWriteItem)',
    ]);
    const uuid = edited((d) => (d.entities.Todo.idStrategy = 'uuid'), todosModel);
    expect(problems(uuid, todosModel())).toEqual(['entities.Todo.idStrategy: "uuid" makes text ids but idAttribute.type is "number" (`plan --id-strategy uuid` changes both, and the key type)']);
    const missing = edited((d) => delete (d.entities as Record<string, unknown>).Note);
    expect(problems(missing)).toContain('entities.Note: missing: the code stores Note items, so the design needs an entry for it');
  });

  it('checks single-table key templates against the entity attributes', () => {
    const design = derivePlan(blogModel(), { singleTable: true });
    design.entities.Comment.indexKeys!.GSI1.partitionKey = 'POST#{post}';
    design.entities.Post.indexKeys!.GSI7 = { partitionKey: 'POST' };
    expect(problems(design, blogModel())).toEqual([
      'entities.Post.indexKeys.GSI7: no GSI named "GSI7" in table App',
      'entities.Comment.indexKeys.GSI1.partitionKey: "POST#{post}" refers to "post", which is not an attribute of entity Comment',
    ]);
  });

  it('survives any JSON without throwing', () => {
    expect(problems(null)).toEqual(['(root): must be a JSON object with version, tables, entities and handlers']);
    expect(problems({ version: 2, tables: 'x', entities: [] })).toEqual([
      'version: 2 is not a supported version (expected 1)',
      'tables: must be an array of tables',
      'entities: must be an object: entity name → { table, idStrategy, … }',
    ]);
    expect(() => problems({ version: 1, tables: [1, { gsis: 'x' }], entities: { Note: { table: 3, derivedAttributes: 5, attributes: 'x' } }, handlers: [] })).not.toThrow();
  });
});
