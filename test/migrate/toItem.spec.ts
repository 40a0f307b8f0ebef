import type { TableDesign } from '../../src/model/table-design';
import { fillKeyTemplate, ItemKeyError, toEpochSeconds, toGuardItems, toItem } from '../../src/migrate/toItem';

function table(name: string, partition: string, type: 'string' | 'number', extra: Partial<TableDesign['tables'][number]> = {}): TableDesign['tables'][number] {
  return { name, envVar: `${name.toUpperCase()}_TABLE_NAME`, entity: name, partitionKey: { name: partition, type }, gsis: [], billing: 'PAY_PER_REQUEST', pointInTimeRecovery: true, removalPolicy: 'destroy', ...extra };
}

const perEntity: TableDesign = {
  version: 1,
  tables: [
    table('Sessions', 'id', 'string', { ttlAttribute: 'ttl', gsis: [{ name: 'active-index', partitionKey: { name: 'activeKey', type: 'string' }, projection: 'ALL' }] }),
    table('UniqueValues', 'uniqueKey', 'string', { purpose: 'unique-values' }),
  ],
  entities: {
    Session: {
      table: 'Sessions',
      idStrategy: 'uuid',
      idAttribute: { name: 'id', type: 'string' },
      derivedAttributes: [
        { name: 'ttl', as: 'epoch-seconds', from: 'expiresAt' },
        { name: 'activeKey', as: 'string', from: 'active' },
        { name: 'itemType', as: 'constant', value: 'Session' },
      ],
      uniqueAttributes: [{ attribute: 'token', table: 'UniqueValues', key: { uniqueKey: 'Session#token#{token}' }, lookup: 'guard' }],
    },
  },
  handlers: [],
};

const singleTable: TableDesign = {
  version: 1,
  layout: 'single-table',
  tables: [
    table('App', 'PK', 'string', {
      sortKey: { name: 'SK', type: 'string' },
      gsis: [{ name: 'GSI1', partitionKey: { name: 'GSI1PK', type: 'string' }, sortKey: { name: 'GSI1SK', type: 'string' }, projection: 'ALL' }],
    }),
  ],
  entities: {
    Comment: {
      table: 'App',
      idStrategy: 'counter',
      idAttribute: { name: 'id', type: 'number' },
      keys: { partitionKey: 'COMMENT#{id}', sortKey: 'COMMENT#{id}' },
      indexKeys: { GSI1: { partitionKey: 'POST#{postId}', sortKey: 'COMMENT#{id:pad}' } },
      uniqueAttributes: [{ attribute: 'slug', table: 'App', key: { PK: 'UNIQUE#COMMENT#SLUG#{slug}', SK: 'UNIQUE#COMMENT#SLUG#{slug}' }, lookup: 'none' }],
    },
  },
  handlers: [],
};

describe('toItem', () => {
  it('adds derived attributes: TTL seconds, string copies of booleans, constants', () => {
    const item = toItem(perEntity, 'Session', { id: 's1', active: true, expiresAt: '2024-05-01T00:00:00.000Z' });
    expect(item).toEqual({ id: 's1', active: true, expiresAt: '2024-05-01T00:00:00.000Z', ttl: 1714521600, activeKey: 'true', itemType: 'Session' });
  });

  it('leaves a derived attribute out when its source is missing, so the item stays out of a sparse index', () => {
    const item = toItem(perEntity, 'Session', { id: 's2' });
    expect(item).toEqual({ id: 's2', itemType: 'Session' });
  });

  it('fills single-table key templates, zero-padding {attr:pad}', () => {
    const item = toItem(singleTable, 'Comment', { id: 7, postId: 3, body: 'hi' });
    expect(item).toEqual({ id: 7, postId: 3, body: 'hi', PK: 'COMMENT#7', SK: 'COMMENT#7', GSI1PK: 'POST#3', GSI1SK: 'COMMENT#00000000000000000007' });
  });

  it('writes no index keys when an index template cannot be filled (sparse), but refuses a record without its table key', () => {
    expect(toItem(singleTable, 'Comment', { id: 8 })).toEqual({ id: 8, PK: 'COMMENT#8', SK: 'COMMENT#8' });
    expect(() => toItem(singleTable, 'Comment', { body: 'no id' })).toThrow(ItemKeyError);
  });

  it('builds one guard item per unique value, holding the id', () => {
    expect(toGuardItems(perEntity, 'Session', { id: 's1', token: 'abc' })).toEqual([{ table: 'UniqueValues', attribute: 'token', item: { uniqueKey: 'Session#token#abc', id: 's1' } }]);
    expect(toGuardItems(perEntity, 'Session', { id: 's1' })).toEqual([]);
    expect(toGuardItems(singleTable, 'Comment', { id: 2, slug: 'x' })).toEqual([{ table: 'App', attribute: 'slug', item: { PK: 'UNIQUE#COMMENT#SLUG#x', SK: 'UNIQUE#COMMENT#SLUG#x', id: 2 } }]);
  });
});

describe('fillKeyTemplate and toEpochSeconds', () => {
  it('refuses to pad what is not a non-negative integer', () => {
    expect(fillKeyTemplate('N#{n:pad}', { n: 12 })).toBe('N#00000000000000000012');
    expect(fillKeyTemplate('N#{n:pad}', { n: -1 })).toBeUndefined();
    expect(fillKeyTemplate('N#{n:pad}', { n: 1.5 })).toBeUndefined();
    expect(fillKeyTemplate('N#{n}', { n: '' })).toBeUndefined();
  });

  it('reads ISO text, SQLite UTC text, Dates, seconds and milliseconds', () => {
    expect(toEpochSeconds('2024-01-12T08:00:00.000Z')).toBe(1705046400);
    expect(toEpochSeconds('2024-01-12 08:00:00')).toBe(1705046400);
    expect(toEpochSeconds(new Date('2024-01-12T08:00:00.999Z'))).toBe(1705046400);
    expect(toEpochSeconds(1705046400)).toBe(1705046400);
    expect(toEpochSeconds(1705046400999)).toBe(1705046400);
    expect(toEpochSeconds('soon')).toBeUndefined();
  });
});
