import { canonicalJson, ItemChecksum } from '../../src/migrate/checksum';
import { marshallItem, unmarshallItem } from '../../src/migrate/export/marshall';
import { getItemSize, MAX_ITEM_BYTES } from '../../src/migrate/itemSize';
import { convertKeyValue, normaliseRecord } from '../../src/migrate/normaliseRecord';
import { mapColumnNames } from '../../src/migrate/readers/dataFileSources';
import { classifyError, createRetryStats, getBackoffDelay, withRetry } from '../../src/migrate/write/retry';

describe('checksum', () => {
  it('is independent of item order and key order, and counts repeated items', () => {
    const a = new ItemChecksum();
    const b = new ItemChecksum();
    a.add({ id: 1, tags: ['x', 'y'], meta: { b: 2, a: 1 } });
    a.add({ id: 2 });
    b.add({ id: 2 });
    b.add({ meta: { a: 1, b: 2 }, tags: ['x', 'y'], id: 1 });
    expect(a.hex).toBe(b.hex);
    const c = new ItemChecksum();
    c.add({ id: 2 });
    c.add({ id: 2 });
    const d = new ItemChecksum();
    expect(c.hex).not.toBe(d.hex); // two equal items do not cancel out
    expect(canonicalJson({ b: [1, { d: 1, c: undefined }], a: 'x' })).toBe('{"a":"x","b":[1,{"d":1}]}');
  });
});

describe('DynamoDB JSON', () => {
  it('round-trips every value type an app record holds', () => {
    const item = { id: 7, name: 'Ada', ok: true, none: null, tags: ['a', 1, false], meta: { nested: { x: 1.5 } }, gone: undefined };
    const marshalled = marshallItem(item);
    expect(marshalled).toEqual({ id: { N: '7' }, name: { S: 'Ada' }, ok: { BOOL: true }, none: { NULL: true }, tags: { L: [{ S: 'a' }, { N: '1' }, { BOOL: false }] }, meta: { M: { nested: { M: { x: { N: '1.5' } } } } } });
    const { gone: _gone, ...kept } = item;
    expect(unmarshallItem(marshalled)).toEqual(kept);
  });
});

describe('item size', () => {
  it('counts names and values the way the 400 KB limit does', () => {
    expect(getItemSize({ id: 'abc' })).toBe(2 + 3);
    expect(getItemSize({ n: 12345 })).toBe(1 + 4); // 5 digits: 3 bytes + 1
    expect(getItemSize({ flag: true, none: null })).toBe(4 + 1 + 4 + 1);
    expect(getItemSize({ list: ['ab', 'c'] })).toBe(4 + 3 + (1 + 2) + (1 + 1));
    expect(getItemSize({ body: 'x'.repeat(MAX_ITEM_BYTES) })).toBeGreaterThan(MAX_ITEM_BYTES);
  });
});

describe('normalising source records', () => {
  const options = { idName: 'id', types: { id: 'number', published: 'boolean', tags: 'array', createdAt: 'string' }, keyTypes: { id: 'number' as const } };

  it('renames snake_case columns the design names in camelCase, turns SQLite 0/1 and JSON text into values', () => {
    const columns = mapColumnNames(['id', 'published', 'tags', 'created_at', 'author_id'], options.types);
    expect(columns).toEqual({ created_at: 'createdAt' });
    const result = normaliseRecord({ value: { id: 3, published: 1, tags: '["a","b"]', created_at: '2024-01-01 10:00:00', author_id: 2 }, ref: 'x' }, { ...options, columnNames: columns, sqlite: true });
    expect(result).toEqual({ ok: true, record: { id: 3, published: true, tags: ['a', 'b'], createdAt: '2024-01-01 10:00:00', author_id: 2 } });
  });

  it('fills the id from the key of an object keyed by id, in the key type of the design', () => {
    expect(normaliseRecord({ value: { name: 'x' }, ref: 'x', mapKey: '12' }, options)).toEqual({ ok: true, record: { name: 'x', id: 12 } });
    expect(convertKeyValue(7, 'string')).toBe('7');
    expect(convertKeyValue('007', 'number')).toBe('007'); // not without loss: left for validation to report
    expect(normaliseRecord({ value: ['not', 'a', 'record'], ref: 'x' }, options)).toEqual({ ok: false, message: 'not a record (an object) but an array' });
  });
});

describe('retry policy', () => {
  it('retries throttling, 5xx and dropped connections, not validation errors', () => {
    expect(classifyError({ name: 'ProvisionedThroughputExceededException' })).toBe('throttled');
    expect(classifyError({ name: 'ThrottlingException' })).toBe('throttled');
    expect(classifyError({ name: 'RequestLimitExceeded' })).toBe('throttled');
    expect(classifyError({ name: 'InternalServerError', $metadata: { httpStatusCode: 500 } })).toBe('transient');
    expect(classifyError({ name: 'Error', $metadata: { httpStatusCode: 503 } })).toBe('transient');
    expect(classifyError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe('transient');
    expect(classifyError({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } })).toBeUndefined();
  });

  it('waits a random time below an exponentially growing, capped ceiling', () => {
    const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999 };
    expect([0, 1, 2, 3, 4, 5].map((attempt) => getBackoffDelay(attempt, policy))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(getBackoffDelay(3, { ...policy, random: () => 0 })).toBe(0);
  });

  it('gives up after the attempts and throws the last error', async () => {
    const waits: number[] = [];
    const stats = createRetryStats();
    let calls = 0;
    const send = async () => {
      calls += 1;
      throw Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    };
    await expect(withRetry(send, { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100, random: () => 0.5, sleep: async (ms) => void waits.push(ms) }, stats)).rejects.toThrow('slow down');
    expect(calls).toBe(4);
    expect(waits).toEqual([5, 10, 20]);
    expect(stats.throttled).toBe(3);
  });
});
