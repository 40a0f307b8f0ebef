import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JsonSyntaxError, streamJsonCollection, summariseJsonFile } from '../../src/migrate/readers/jsonStream';
import { chooseJsonCollection, findJsonCollection, listJsonCollections } from '../../src/migrate/readers/readJsonRecords';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'migrate-json-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, text);
  return file;
}

async function collect(file: string, members: string[], shape: 'array' | 'object') {
  const out = [];
  for await (const element of streamJsonCollection(file, { members, shape })) out.push(element);
  return out;
}

describe('streaming JSON reader', () => {
  it('reads records across chunk boundaries exactly as JSON.parse does (escapes, brackets in text, multi-byte characters)', async () => {
    const records = Array.from({ length: 3000 }, (_, index) => ({
      id: index + 1,
      title: `note ${index} with "quotes", a \\ backslash, braces {} and brackets [], é and 🚀`,
      nested: { list: [1, [2, { deep: 'x' }]], empty: {}, none: null, yes: true },
      n: -1.5e3,
    }));
    const file = await write('big.json', JSON.stringify({ meta: { version: 1 }, notes: records }, null, 2));
    expect((await fs.stat(file)).size).toBeGreaterThan(3 * 64 * 1024); // several chunks
    const elements = await collect(file, ['notes'], 'array');
    expect(elements.map((element) => element.value)).toEqual(records);
    expect(elements[0].line).toBe(6); // `{`, `"meta": {`, `"version": 1`, `},`, `"notes": [`, then the record
  });

  it('reads an object keyed by id with its keys, and a document that is the array', async () => {
    const map = await write('map.json', '{ "a1": { "name": "A" }, "b2": { "name": "B" } }');
    expect(await collect(map, [], 'object')).toEqual([
      { value: { name: 'A' }, key: 'a1', line: 1 },
      { value: { name: 'B' }, key: 'b2', line: 1 },
    ]);
    const array = await write('array.json', '\ufeff[{"id":1},\n{"id":2}]');
    expect((await collect(array, [], 'array')).map((element) => [element.value, element.line])).toEqual([
      [{ id: 1 }, 1],
      [{ id: 2 }, 2],
    ]);
  });

  it('finds the collection: the only one, or the one named after the entity', async () => {
    const lowdb = await write('db.json', JSON.stringify({ users: [{ id: 1 }], posts: [{ id: 1 }, { id: 2 }], settings: { theme: 'dark' }, nextId: 3 }));
    const collections = listJsonCollections(await summariseJsonFile(lowdb));
    expect(collections).toEqual([
      { members: ['users'], shape: 'array', count: 1 },
      { members: ['posts'], shape: 'array', count: 2 },
    ]);
    expect(chooseJsonCollection(collections, 'Post', 'db.json').members).toEqual(['posts']);
    expect(() => chooseJsonCollection(collections, 'Comment', 'db.json')).toThrow(/several collections \(users, posts\) and none is named after Comment/);
    const keyed = await write('keyed.json', JSON.stringify({ '1': { id: 1 }, '2': { id: 2 } }));
    expect(await findJsonCollection(keyed, 'keyed.json', 'Thing')).toEqual({ members: [], shape: 'object', count: 2 });
  });

  it('reports broken JSON with its line', async () => {
    const broken = await write('broken.json', '[\n{"id": 1},\n{"id": 2,,}\n]');
    await expect(collect(broken, [], 'array')).rejects.toThrow(JsonSyntaxError);
    await expect(collect(broken, [], 'array')).rejects.toMatchObject({ line: 3 });
    const truncated = await write('truncated.json', '[{"id": 1}, {"id"');
    await expect(summariseJsonFile(truncated)).rejects.toThrow(/unexpected end of file/);
  });
});
