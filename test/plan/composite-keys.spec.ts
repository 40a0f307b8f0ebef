import type { AccessModel, OperationRecord } from '../../src/model/access-model';
import { derivePlan, getPlanNotes } from '../../src/plan/derive-plan';
import { describeDecisions } from '../../src/plan/describe-decisions';
import { findCompositeKeys } from '../../src/plan/find-composite-keys';
import { toCreateTableInput } from '../../src/plan/to-create-table-input';

/**
 * A blog in SQLite with a join table `post_tags (post_id, tag_id, PRIMARY KEY (post_id, tag_id))`,
 * as the scanner reports it: the first key column as the entity's key, the whole key in a
 * `sql-composite-key` diagnostic.
 */
function joinTableModel(options: { diagnostic?: boolean; extraOps?: OperationRecord[] } = {}): AccessModel {
  const file = 'routes/posts.js';
  const posts = 'sqlite:blog.db#posts';
  const tags = 'sqlite:blog.db#tags';
  const postTags = 'sqlite:blog.db#post_tags';
  const op = (handler: string, entity: string, store: string, line: number, kind: OperationRecord['op'], extra: Partial<OperationRecord> = {}): OperationRecord => ({ op: kind, entity, store, file, line, handler, ...extra });
  return {
    version: 1,
    stores: [
      { id: posts, kind: 'better-sqlite3', entity: 'Post', file: 'db/index.js', line: 4, source: 'blog.db' },
      { id: tags, kind: 'better-sqlite3', entity: 'Tag', file: 'db/index.js', line: 4, source: 'blog.db' },
      { id: postTags, kind: 'better-sqlite3', entity: 'PostTag', file: 'db/index.js', line: 4, source: 'blog.db' },
    ],
    entities: [
      { name: 'Post', fields: [{ name: 'id', type: 'number' }, { name: 'title', type: 'string' }], key: { name: 'id', type: 'number' }, idStrategy: 'autoincrement', relations: [] },
      { name: 'Tag', fields: [{ name: 'id', type: 'number' }, { name: 'name', type: 'string' }], key: { name: 'id', type: 'number' }, idStrategy: 'autoincrement', relations: [] },
      {
        name: 'PostTag',
        fields: [{ name: 'post_id', type: 'number' }, { name: 'tag_id' }],
        key: { name: 'post_id', type: 'number' },
        idStrategy: 'natural',
        relations: [{ field: 'post_id', entity: 'Post' }, { field: 'tag_id', entity: 'Tag' }],
      },
    ],
    handlers: ['GET /posts/:id', 'POST /posts/:id/tags', 'DELETE /posts/:id/tags/:tagId', 'DELETE /posts/:id', 'GET /tags/:id/posts'].map((id, index) => {
      const [method, path] = id.split(' ');
      return { id, file, line: 10 * (index + 1), kind: 'express' as const, method, path };
    }),
    operations: [
      op('GET /posts/:id', 'Post', posts, 11, 'read-by-id'),
      op('GET /posts/:id', 'PostTag', postTags, 12, 'relations', { attributes: ['post_id'] }),
      op('GET /posts/:id', 'PostTag', postTags, 12, 'join', { attributes: ['post_tags.tag_id', 'tags.id'] }),
      op('GET /posts/:id', 'Tag', tags, 12, 'join', { attributes: ['post_tags.tag_id', 'tags.id'] }),
      op('GET /posts/:id', 'Tag', tags, 12, 'sort', { attributes: ['name'], order: 'asc' }),
      op('POST /posts/:id/tags', 'PostTag', postTags, 21, 'create'),
      op('DELETE /posts/:id/tags/:tagId', 'PostTag', postTags, 31, 'delete', { attributes: ['post_id', 'tag_id'] }),
      op('DELETE /posts/:id', 'PostTag', postTags, 41, 'delete', { attributes: ['post_id'] }),
      op('DELETE /posts/:id', 'Post', posts, 42, 'delete'),
      op('GET /tags/:id/posts', 'PostTag', postTags, 51, 'filter-by-attr', { attributes: ['tag_id'] }),
      ...(options.extraOps ?? []),
    ],
    infrastructure: { kind: 'none', files: [] },
    diagnostics:
      options.diagnostic === false
        ? []
        : [
            {
              severity: 'info',
              code: 'sql-composite-key',
              file: 'db/schema.sql',
              line: 20,
              message: 'post_tags has a composite primary key (post_id, tag_id): post_id is reported as the key; the plan needs tag_id as sort key',
            },
          ],
  };
}

const grantsOf = (design: ReturnType<typeof derivePlan>, id: string) => design.handlers.find((handler) => handler.id === id)?.grants;

describe('composite primary keys (SQLite join tables)', () => {
  it('reads the key columns from the scan diagnostic; the sort key takes the type of the id it points to', () => {
    expect(findCompositeKeys(joinTableModel()).get('PostTag')).toEqual({ partitionKey: { name: 'post_id', type: 'number' }, sortKey: { name: 'tag_id', type: 'number' }, extra: [] });
    expect(findCompositeKeys(joinTableModel({ diagnostic: false })).size).toBe(0);
  });

  it('keys the table on post_id + tag_id, so every row is its own item', () => {
    const table = derivePlan(joinTableModel()).tables.find((item) => item.entity === 'PostTag')!;
    expect(table).toMatchObject({ name: 'PostTags', partitionKey: { name: 'post_id', type: 'number' }, sortKey: { name: 'tag_id', type: 'number' } });
    expect(toCreateTableInput(table).KeySchema).toEqual([
      { AttributeName: 'post_id', KeyType: 'HASH' },
      { AttributeName: 'tag_id', KeyType: 'RANGE' },
    ]);
    // Without the diagnostic the table would hold one row per post: the control case.
    expect(derivePlan(joinTableModel({ diagnostic: false })).tables.find((item) => item.entity === 'PostTag')!.sortKey).toBeUndefined();
  });

  it('serves "the tags of a post" with a Query on the table itself and the tags by key, with no GSI and no Scan', () => {
    const design = derivePlan(joinTableModel());
    expect(grantsOf(design, 'GET /posts/:id')).toEqual([
      { table: 'PostTags', actions: ['Query'] },
      { table: 'Posts', actions: ['GetItem'] },
      { table: 'Tags', actions: ['BatchGetItem'] },
    ]);
    const pattern = design.accessPatterns!.find((item) => item.entity === 'PostTag' && item.handlers.includes('GET /posts/:id') && item.requests[0].startsWith('Query'))!;
    expect(pattern.requests).toEqual(['Query PostTags']);
    expect(pattern.scan).toBeUndefined();
    expect(design.entities.PostTag.joins).toEqual([{ entity: 'Tag', attribute: 'tag_id', kind: 'many-to-one' }]);
    expect(design.accessPatterns!.some((item) => item.entity === 'Tag' && item.scan)).toBe(false);
  });

  it('deletes one link by both keys, and all links of a deleted post with Query + BatchWriteItem', () => {
    const design = derivePlan(joinTableModel());
    expect(grantsOf(design, 'DELETE /posts/:id/tags/:tagId')).toEqual([{ table: 'PostTags', actions: ['DeleteItem'] }]);
    expect(grantsOf(design, 'DELETE /posts/:id')).toEqual([
      { table: 'PostTags', actions: ['Query', 'BatchWriteItem'] },
      { table: 'Posts', actions: ['DeleteItem'] },
    ]);
    expect(design.entities.Post.cascade).toEqual([{ entity: 'PostTag', attribute: 'post_id' }]);
  });

  it('still adds a GSI for the other direction (the posts of a tag)', () => {
    const design = derivePlan(joinTableModel());
    const table = design.tables.find((item) => item.entity === 'PostTag')!;
    expect(table.gsis.map((gsi) => [gsi.name, gsi.partitionKey])).toEqual([['tag_id-index', { name: 'tag_id', type: 'number' }]]);
    expect(grantsOf(design, 'GET /tags/:id/posts')).toEqual([{ table: 'PostTags', actions: ['Query'], indexes: ['tag_id-index'] }]);
  });

  it('single table: the second key column goes into the sort key template, zero-padded, and the partition is one Query', () => {
    const design = derivePlan(joinTableModel(), { singleTable: true });
    expect(design.entities.PostTag.keys).toEqual({ partitionKey: 'POST_TAG#{post_id}', sortKey: 'POST_TAG#{tag_id:pad}' });
    expect(design.entities.Post.keys).toEqual({ partitionKey: 'POST#{id}', sortKey: 'POST#{id}' });
    const read = design.accessPatterns!.find((item) => item.entity === 'PostTag' && item.handlers.includes('GET /posts/:id') && item.requests[0].startsWith('Query'))!;
    expect(read.requests).toEqual(['Query App']);
  });
});

describe('composite keys in plan.md', () => {
  it('explains the two-part key and names the table Query (not a Scan) for the cascade', () => {
    const model = joinTableModel();
    const lines = describeDecisions(derivePlan(model), model);
    expect(lines).toContainEqual(expect.stringContaining('**PostTags have a two-part key** (SQLite `PRIMARY KEY (post_id, tag_id)`)'));
    const cascade = lines.find((line) => line.startsWith('**Deleting a Post deletes its PostTags**'))!;
    expect(cascade).toContain('Query the PostTag table (its partition key)');
    expect(cascade).not.toContain('Scan');
  });
});

describe('composite keys of more than two columns', () => {
  it('keys on the first two and says in the plan notes that the rest is not part of the key', () => {
    const model = joinTableModel();
    model.entities[2].fields.push({ name: 'position', type: 'number' });
    model.diagnostics[0].message = 'post_tags has a composite primary key (post_id, tag_id, position): post_id is reported as the key; the plan needs tag_id, position as sort key';
    expect(derivePlan(model).tables.find((table) => table.entity === 'PostTag')!.sortKey).toEqual({ name: 'tag_id', type: 'number' });
    expect(getPlanNotes(model)).toContainEqual(expect.stringContaining('PostTag: its SQLite primary key has more than two columns (post_id, tag_id, position)'));
    expect(getPlanNotes(joinTableModel()).some((note) => note.includes('more than two columns'))).toBe(false);
  });
});
