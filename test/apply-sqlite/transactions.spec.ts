/**
 * A better-sqlite3 transaction in a module of prepared statements, called from a route in another
 * file (the blog app's shape): the transaction is unwrapped into an async function its caller
 * awaits, with a warning at its line; the tag id read back by its UNIQUE name is a guard lookup
 * (findByUnique, planned as two GetItems), never a Scan; the route's slug check before the call is
 * retired into the app's own 409 answering a refused guard put from inside that call.
 */
import * as fs from 'node:fs';
import { planAndApply } from '../apply/support/plan-and-apply';
import type { TableDesign } from '../../src/model/table-design';
import type { ApplyResult } from '../../src/apply';

jest.setTimeout(120000);

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'blog', private: true, dependencies: { 'better-sqlite3': '^12.0.0', express: '^4.21.2' } }, null, 2),
  'db/queries.js': `const Database = require('better-sqlite3');

const db = new Database('blog.db');
db.exec(\`
  CREATE TABLE IF NOT EXISTS posts (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, slug TEXT NOT NULL UNIQUE);
  CREATE TABLE IF NOT EXISTS tags (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE);
  CREATE TABLE IF NOT EXISTS post_tags (post_id INTEGER NOT NULL, tag_id INTEGER NOT NULL, PRIMARY KEY (post_id, tag_id));
\`);

const getPostById = db.prepare('SELECT * FROM posts WHERE id = ?');
const getPostBySlug = db.prepare('SELECT id FROM posts WHERE slug = ?');
const insertPost = db.prepare('INSERT INTO posts (title, slug) VALUES (@title, @slug)');
const insertTag = db.prepare('INSERT OR IGNORE INTO tags (name) VALUES (?)');
const getTagByName = db.prepare('SELECT id FROM tags WHERE name = ?');
const linkTag = db.prepare('INSERT OR IGNORE INTO post_tags (post_id, tag_id) VALUES (?, ?)');

const createPostWithTags = db.transaction((post, tags) => {
  const info = insertPost.run(post);
  for (const name of tags) {
    insertTag.run(name);
    const tag = getTagByName.get(name);
    linkTag.run(info.lastInsertRowid, tag.id);
  }
  return info.lastInsertRowid;
});

module.exports = { getPostById, getPostBySlug, createPostWithTags };
`,
  'routes/posts.js': `const express = require('express');
const q = require('../db/queries');

const router = express.Router();

router.post('/', (req, res) => {
  const { title, tags = [] } = req.body;
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  if (q.getPostBySlug.get(slug)) {
    return res.status(409).json({ error: 'slug taken' });
  }
  const id = q.createPostWithTags({ title, slug }, tags);
  res.status(201).json(q.getPostById.get(id));
});

module.exports = router;
`,
};

describe('a better-sqlite3 transaction called from another file', () => {
  let dir: string;
  let result: ApplyResult;
  let design: TableDesign;
  const text = (rel: string) => result.changes.find((change) => change.rel === rel)?.after ?? '';
  beforeAll(async () => {
    const project = await planAndApply('sqlite-transaction-', FILES);
    dir = project.dir;
    result = project.result;
    design = JSON.parse(fs.readFileSync(`${dir}/.migration/dynamodb.json`, 'utf8'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('becomes an async function without db.transaction, and apply warns at its line that it is no longer atomic', () => {
    const queries = text('db/queries.js');
    expect(queries).toContain('const createPostWithTags = async (post, tags) => {');
    expect(queries).not.toContain('transaction(');
    expect(result.todos).toEqual([]);
    expect(result.diagnostics.filter((diagnostic) => diagnostic.code === 'apply-sqlite-transaction')).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'db/queries.js', line: 17, message: expect.stringContaining('not atomically') }),
    ]);
  });

  it('reads the tag id back through its guard item, as planned, with no Scan', () => {
    const queries = text('db/queries.js');
    expect(queries).toContain("await findByUnique(TAGS_TABLE_NAME, 'name', name)");
    expect(queries).not.toContain('scanAll');
    expect(design.entities.Tag.uniqueAttributes).toEqual([expect.objectContaining({ attribute: 'name', lookup: 'guard' })]);
  });

  it("awaits the call in the route, inside a try whose refused put is the app's own 409 (the slug check is gone)", () => {
    const route = text('routes/posts.js');
    expect(route.replace(/\n\n/g, '\n')).toContain(`    let id;
    try {
      id = await q.createPostWithTags({ title, slug }, tags);
    } catch (error) {
      if (isConditionFailed(error)) {
        return res.status(409).json({ error: 'slug taken' });
      }
      throw error;
    }`);
    expect(route).not.toContain('scanAll');
    expect(route).not.toContain('putUnique'); // the put runs in db/queries.js
    expect(route).not.toContain('if ((');
  });
});
