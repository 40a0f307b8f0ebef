import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, scanFixture } from '../../support/scanProject';

const SQLITE_FIXTURES = ['express-blog-better-sqlite3', 'express-issues-sqlite-wrapper', 'express-library-sqlite3-callback', 'express-tasks-sqlite3-callback', 'express-ts-users-better-sqlite3', 'fastify-orders-sqlite-wrapper'];

describe.each(SQLITE_FIXTURES)('fixture %s: the SQLite scan finds what fixture.json exercises', (name) => {
  const fixture = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'fixtures', name, 'fixture.json'), 'utf8')) as {
    exercises: { stores: string[]; operations: string[] };
  };

  it('finds the store kinds and every exercised operation inside a handler, with no warnings from the SQLite family', async () => {
    const model = await scanFixture(name);
    const sqliteStores = model.stores.filter((s) => s.id.startsWith('sqlite:'));
    expect([...new Set(sqliteStores.map((s) => s.kind))].sort()).toEqual([...fixture.exercises.stores].sort());
    const handled = new Set<string>(model.operations.filter((o) => o.store.startsWith('sqlite:') && o.handler).map((o) => o.op));
    for (const op of fixture.exercises.operations) expect([op, handled.has(op)]).toEqual([op, true]);
    const sqlWarnings = model.diagnostics.filter((d) => d.severity !== 'info' && /^(sql|sqlite|dynamic-sql)/.test(d.code));
    expect(sqlWarnings).toEqual([]);
  });
});

describe('fixture details', () => {
  it('express-blog-better-sqlite3: prepared statements run in routes, cascade deletes, JOIN author names, 0/1 published', async () => {
    const model = await scanFixture('express-blog-better-sqlite3');
    const ops = model.operations.map((o) => `${o.handler ?? '-'} ${o.op} ${o.entity}${o.attributes ? `(${o.attributes.join(',')})` : ''}`);
    expect(ops).toEqual(
      expect.arrayContaining([
        'DELETE /posts/:id delete Post',
        'DELETE /posts/:id delete Comment(post_id)',
        'DELETE /posts/:id delete PostTag(post_id)',
        'GET /posts relations Post(author_id)',
        'GET /posts filter-by-attr Post(published)',
        'GET /posts join Author(authors.id,posts.author_id)',
        'POST /posts create Post',
        'POST /posts create PostTag',
        'PUT /posts/:id update Post(title,body,published,updated_at)',
        'GET /posts/:postId/comments relations Comment(post_id)',
      ]),
    );
    const post = model.entities.find((e) => e.name === 'Post')!;
    expect(post.fields.find((f) => f.name === 'published')?.type).toBe('boolean');
    expect(post.relations).toEqual([{ field: 'author_id', entity: 'Author' }]);
    expect(model.stores.find((s) => s.entity === 'Post')).toMatchObject({ id: 'sqlite:blog.db#posts', file: 'db/schema.sql', line: 11 });
  });

  it('express-ts-users-better-sqlite3: ESM db file, statements prepared in a repository constructor, named parameters, transaction, 0/1 booleans', async () => {
    const model = await scanFixture('express-ts-users-better-sqlite3');
    expect(model.stores.map((s) => `${s.id} ${s.kind} ${s.file}:${s.line}`)).toEqual(['sqlite:users.db#users better-sqlite3 src/db.ts:16']);
    const ops = model.operations.map((o) => `${o.handler ?? '-'} ${o.op}${o.attributes ? `(${o.attributes.join(',')})` : ''}${o.unique ? ` unique:${o.unique}` : ''}`);
    expect(ops).toEqual(
      expect.arrayContaining([
        'GET /api/users/:id read-by-id',
        'GET /api/users filter-by-attr(is_admin)',
        'GET /api/users/lookup filter-by-attr(email)',
        'POST /api/users create unique:email',
        'POST /api/users/import create unique:email',
        'PATCH /api/users/:id update(email,display_name,is_admin,email_verified,updated_at)',
      ]),
    );
    const user = model.entities.find((e) => e.name === 'User')!;
    expect(user.fields.filter((f) => f.type === 'boolean').map((f) => f.name)).toEqual(['is_admin', 'email_verified']);
    expect(user.idStrategy).toBe('autoincrement');
    expect(model.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('express-library-sqlite3-callback: cascade through the run() helper, ?page= offset bound from a ternary of arrays, nested books route', async () => {
    const model = await scanFixture('express-library-sqlite3-callback');
    const ops = model.operations.map((o) => `${o.handler ?? '-'} ${o.op} ${o.entity}${o.attributes ? `(${o.attributes.join(',')})` : ''}${o.pagination ? ` ${o.pagination}` : ''}`);
    expect(ops).toEqual(
      expect.arrayContaining([
        'DELETE /api/authors/:id delete Author',
        'DELETE /api/authors/:id delete Book(author_id)',
        'GET /api/authors/:id/books relations Book(author_id)',
        'GET /api/books paginate Book page',
        'GET /api/books filter-by-attr Book(genre)',
        'POST /api/authors/:id/books create Book',
        'PUT /api/books/:id update Book(title,year,genre,available)',
      ]),
    );
    // available is sent to clients as stored (0/1): a number, not a boolean.
    expect(model.entities.find((e) => e.name === 'Book')?.fields.find((f) => f.name === 'available')?.type).toBe('number');
  });

  it('express-issues-sqlite-wrapper: SQL constants composed from a shared SELECT, INNER JOIN, COALESCE update, uuid ids despite a seed loop', async () => {
    const model = await scanFixture('express-issues-sqlite-wrapper');
    expect(model.stores.map((s) => `${s.id} ${s.file}:${s.line}`)).toEqual([
      'sqlite:data/tracker.sqlite#issues src/queries.js:11',
      'sqlite:data/tracker.sqlite#projects src/queries.js:4',
    ]);
    const ops = model.operations.map((o) => `${o.handler ?? '-'} ${o.op} ${o.entity}${o.attributes ? `(${o.attributes.join(',')})` : ''}${o.order ? ` ${o.order}` : ''}`);
    expect(ops).toEqual(
      expect.arrayContaining([
        'GET /api/issues join Project(issues.project_id,projects.id)',
        'GET /api/issues sort Issue(created_at) desc',
        'GET /api/issues filter-by-attr Issue(status)',
        'GET /api/projects/:id/issues relations Issue(project_id)',
        'PATCH /api/issues/:id update Issue(title,status,priority,assignee,updated_at)',
        'POST /api/issues filter-by-attr Project(key)',
      ]),
    );
    expect(model.entities.find((e) => e.name === 'Issue')?.idStrategy).toBe('uuid');
  });

  it('fastify-orders-sqlite-wrapper: page-number pagination, whitelisted ORDER BY column, COALESCE update', async () => {
    const model = await scanFixture('fastify-orders-sqlite-wrapper');
    const list = model.operations.filter((o) => o.handler === 'GET /api/orders');
    expect(list.find((o) => o.op === 'paginate')?.pagination).toBe('page');
    expect(list.find((o) => o.op === 'sort')?.attributes).toEqual(['created_at', 'id', 'total_cents', 'status']);
    expect(model.operations.find((o) => o.handler === 'PATCH /api/orders/:id' && o.op === 'update')?.attributes).toEqual(['status', 'note']);
  });
});
