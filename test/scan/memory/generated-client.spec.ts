/**
 * A migrated app holds the generated shared client (dynamodb.js). Its own caches (the key names of
 * each table, a module-level Map) are not app data: a scan of the migrated app found a store
 * "KeyName" there, and migrate-data told the user to run plan again to give it a table.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TableDesign } from '../../../src/model/table-design';
import { renderClientModule } from '../../../src/emit/renderClientModule';
import { scan } from '../../../src/scan';
import { makeRepoTempDir } from '../../support/fixture-files';

const table = { billing: 'PAY_PER_REQUEST' as const, pointInTimeRecovery: true, removalPolicy: 'destroy' as const, gsis: [] };
const design: TableDesign = {
  version: 1,
  tables: [{ ...table, name: 'Notes', envVar: 'NOTES_TABLE_NAME', entity: 'Note', partitionKey: { name: 'id', type: 'string' } }],
  entities: { Note: { table: 'Notes', idStrategy: 'uuid', idAttribute: { name: 'id', type: 'string' } } },
  handlers: [],
};

describe('the generated shared client in a migrated app', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeRepoTempDir('generated-client-');
    writeFileSync(join(dir, 'package.json'), '{ "name": "migrated", "dependencies": { "express": "^4.19.2" } }\n');
    writeFileSync(join(dir, 'dynamodb.js'), renderClientModule(design, 'cjs'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds no in-memory store (its calls to DynamoDB are still seen as DynamoDB use)', async () => {
    const model = await scan(dir);
    const inClient = model.stores.filter((store) => store.file === 'dynamodb.js');
    expect(inClient.filter((store) => store.kind !== 'dynamodb').map((store) => `${store.id} ${store.kind}`)).toEqual([]);
    expect(model.entities.map((entity) => entity.name)).not.toContain('KeyName');
  });
});
