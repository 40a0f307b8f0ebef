const express = require('express');
const Database = require('better-sqlite3');

const { GetCommand } = require('@aws-sdk/lib-dynamodb');
const { db: dynamoDb, scanAll, queryAll, AUTHORS_TABLE_NAME, joinAll, joinOne, POST_TAGS_TABLE_NAME, POSTS_TABLE_NAME, TAGS_TABLE_NAME } = require('./dynamodb');

function authorRow(item) {
  // an Author item as the SQLite row this code expects: every column (null when absent)
  return item && {
    id: item.id,
    name: item.name,
    bio: item.bio ?? null,
  };
}

function postRow(item) {
  // a Post item as the SQLite row this code expects: every column (null when absent)
  return item && {
    id: item.id,
    author_id: item.author_id,
    title: item.title,
    created_at: item.created_at,
  };
}

function tagRow(item) {
  // a Tag item as the SQLite row this code expects: every column (null when absent)
  return item && {
    id: item.id,
    name: item.name,
  };
}

function postTagRow(item) {
  // a PostTag item as the SQLite row this code expects: every column (null when absent)
  return item && {
    post_id: item.post_id,
    tag_id: item.tag_id,
  };
}

const db = new Database('blog.db');

const router = express.Router();

// newest first, each with its author's name
router.get('/posts', async (req, res, next) => {
  try {
    const rows = (await joinAll((await scanAll({ TableName: POSTS_TABLE_NAME })).map(postRow), AUTHORS_TABLE_NAME, 'id', 'author_id')).map(([p, a]) => ({ ...p, author_name: authorRow(a).name })).sort((a, b) => sqlOrder(b.created_at, a.created_at) || sqlOrder(b.id, a.id));
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

router.get('/authors/:id/posts', async (req, res, next) => {
  try {
    res.json((await joinAll((await queryAll({
      TableName: POSTS_TABLE_NAME,
      IndexName: 'author_id-index',
      KeyConditionExpression: '#attr = :value',
      ExpressionAttributeNames: { '#attr': 'author_id' },
      ExpressionAttributeValues: { ':value': Number(req.params.id) },
    })).map(postRow), AUTHORS_TABLE_NAME, 'id', 'author_id')).map(([p, a]) => ({ title: p.title, author: authorRow(a).name })));
  } catch (err) {
    next(err);
  }
});

router.get('/posts/:id', async (req, res, next) => {
  try {
    const post = (await joinOne(postRow(
      (await dynamoDb.send(new GetCommand({ TableName: POSTS_TABLE_NAME, Key: { id: Number(req.params.id) }, ConsistentRead: true }))).Item
    ), AUTHORS_TABLE_NAME, 'id', 'author_id')).map(([p, a]) => ({ ...p, author_name: authorRow(a).name }))[0];
    if (!post) return res.status(404).end();
    const tags = (await joinAll((await queryAll({
      TableName: POST_TAGS_TABLE_NAME,
      KeyConditionExpression: '#attr = :value',
      ExpressionAttributeNames: { '#attr': 'post_id' },
      ExpressionAttributeValues: { ':value': Number(post.id) },
    })).map(postTagRow), TAGS_TABLE_NAME, 'id', 'tag_id')).map(([pt, t]) => ({ name: tagRow(t).name })).sort((a, b) => sqlOrder(a.name, b.name));
    res.json({ ...post, tags: tags.map((t) => t.name) });
  } catch (err) {
    next(err);
  }
});

// Authors without posts are listed too: stays a TODO.
router.get('/authors', (req, res) => {
  // dynamodb-codemod: TODO LEFT JOIN posts: only an INNER JOIN on one key pair is rewritten; read both tables by hand, then re-run
  res.json(db.prepare('SELECT a.*, p.title FROM authors a LEFT JOIN posts p ON p.author_id = a.id').all());
});

module.exports = router;

function sqlOrder(a, b) {
  // ORDER BY of one column as SQLite sorts: NULL first, then by value (DynamoDB returns rows unsorted)
  if (a === b) return 0;
  if (a == null) return -1;
  if (b == null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
