/**
 * Access models written by hand, in the shape the scanner prints (contract 1), for the apps the
 * plan must handle. Each one is what `scan` would report for a small realistic app.
 */
import type { AccessModel, EntityRecord, HandlerRecord, OperationRecord } from '../../src/model/access-model';

function model(parts: Partial<AccessModel>): AccessModel {
  return { version: 1, stores: [], entities: [], operations: [], handlers: [], infrastructure: { kind: 'none', files: [] }, diagnostics: [], ...parts };
}

function route(method: string, path: string, file: string, line: number): HandlerRecord {
  return { id: `${method} ${path}`, file, line, kind: 'express', method, path };
}

function op(handler: string | undefined, entity: string, store: string, file: string, line: number, kind: OperationRecord['op'], extra: Partial<OperationRecord> = {}): OperationRecord {
  return { op: kind, entity, store, file, line, ...(handler ? { handler } : {}), ...extra };
}

/** Bootcamp Express notes API on an in-memory array, uuid ids. */
export function notesModel(): AccessModel {
  const file = 'server.js';
  const store = 'server.js#notes';
  const note: EntityRecord = {
    name: 'Note',
    fields: [{ name: 'id', type: 'string' }, { name: 'title', type: 'string' }, { name: 'body', type: 'string' }, { name: 'createdAt', type: 'string' }],
    key: { name: 'id', type: 'string' },
    idStrategy: 'uuid',
    relations: [],
    records: 3,
  };
  const handlers = [route('POST', '/notes', file, 10), route('GET', '/notes', file, 20), route('GET', '/notes/:id', file, 25), route('PUT', '/notes/:id', file, 32), route('DELETE', '/notes/:id', file, 42)];
  return model({
    stores: [{ id: store, kind: 'in-memory-array', entity: 'Note', file, line: 3 }],
    entities: [note],
    handlers,
    operations: [
      op('POST /notes', 'Note', store, file, 12, 'create'),
      op('GET /notes', 'Note', store, file, 21, 'list'),
      op('GET /notes/:id', 'Note', store, file, 26, 'read-by-id'),
      op('PUT /notes/:id', 'Note', store, file, 34, 'update', { attributes: ['title', 'body'] }),
      op('DELETE /notes/:id', 'Note', store, file, 44, 'delete'),
    ],
  });
}

/** Users with a unique email, looked up by email at login. */
export function usersModel(): AccessModel {
  const file = 'src/routes/users.ts';
  const store = 'src/db.ts#users';
  return model({
    stores: [{ id: store, kind: 'in-memory-map', entity: 'User', file: 'src/db.ts', line: 4 }],
    entities: [
      {
        name: 'User',
        fields: [{ name: 'id', type: 'string' }, { name: 'email', type: 'string' }, { name: 'name', type: 'string' }, { name: 'passwordHash', type: 'string' }, { name: 'createdAt', type: 'Date' }],
        key: { name: 'id', type: 'string' },
        idStrategy: 'uuid',
        relations: [],
      },
    ],
    handlers: [route('POST', '/users', file, 8), route('POST', '/login', file, 20), route('GET', '/users/:id', file, 33), route('PATCH', '/users/:id', file, 40), route('DELETE', '/users/:id', file, 52)],
    operations: [
      op('POST /users', 'User', store, file, 10, 'filter-by-attr', { attributes: ['email'] }),
      op('POST /users', 'User', store, file, 14, 'create', { unique: ['email'] }),
      op('POST /login', 'User', store, file, 22, 'filter-by-attr', { attributes: ['email'] }),
      op('GET /users/:id', 'User', store, file, 34, 'read-by-id'),
      op('PATCH /users/:id', 'User', store, file, 44, 'update', { attributes: ['name', 'email'], unique: ['email'] }),
      op('DELETE /users/:id', 'User', store, file, 54, 'delete'),
    ],
  });
}

/** Todos with `length + 1` ids, filtered by completed and listed newest first. */
export function todosModel(): AccessModel {
  const file = 'app.js';
  const store = 'app.js#todos';
  return model({
    stores: [{ id: store, kind: 'in-memory-array', entity: 'Todo', file, line: 5 }],
    entities: [
      {
        name: 'Todo',
        fields: [{ name: 'id', type: 'number' }, { name: 'title', type: 'string' }, { name: 'completed', type: 'boolean' }, { name: 'createdAt', type: 'string' }],
        key: { name: 'id', type: 'number' },
        idStrategy: 'increment',
        relations: [],
        records: 2,
      },
    ],
    handlers: [route('GET', '/todos', file, 10), route('POST', '/todos', file, 22), route('PATCH', '/todos/:id', file, 31), route('DELETE', '/todos/:id', file, 40)],
    operations: [
      op('GET /todos', 'Todo', store, file, 11, 'list'),
      op('GET /todos', 'Todo', store, file, 13, 'filter-by-attr', { attributes: ['completed'] }),
      op('GET /todos', 'Todo', store, file, 15, 'sort', { attributes: ['createdAt'], order: 'desc' }),
      op('POST /todos', 'Todo', store, file, 24, 'create'),
      op('PATCH /todos/:id', 'Todo', store, file, 33, 'update', { attributes: ['completed'] }),
      op('DELETE /todos/:id', 'Todo', store, file, 42, 'delete'),
    ],
  });
}

/** Sessions that expire: the code drops sessions whose expiresAt (ms) has passed. */
export function sessionsModel(): AccessModel {
  const file = 'src/sessions.ts';
  const store = 'json:data/sessions.json';
  return model({
    stores: [{ id: store, kind: 'json-file-promises', entity: 'Session', file, line: 6, source: 'data/sessions.json' }],
    entities: [
      {
        name: 'Session',
        fields: [{ name: 'id', type: 'string' }, { name: 'userId', type: 'string' }, { name: 'token', type: 'string' }, { name: 'expiresAt', type: 'number' }],
        key: { name: 'id', type: 'string' },
        idStrategy: 'uuid',
        relations: [],
      },
    ],
    handlers: [route('POST', '/sessions', file, 10), route('GET', '/sessions/:id', file, 20), route('DELETE', '/sessions/:id', file, 30)],
    operations: [
      op('POST /sessions', 'Session', store, file, 12, 'create'),
      op('GET /sessions/:id', 'Session', store, file, 21, 'read-by-id'),
      op('GET /sessions/:id', 'Session', store, file, 22, 'ttl', { attributes: ['expiresAt'] }),
      op('DELETE /sessions/:id', 'Session', store, file, 32, 'delete'),
    ],
  });
}

/** A blog in SQLite: posts by users, comments on posts, author joins, deleting a post deletes its comments. */
export function blogModel(): AccessModel {
  const file = 'src/routes.js';
  const posts = 'sqlite:blog.db#posts';
  const comments = 'sqlite:blog.db#comments';
  const users = 'sqlite:blog.db#users';
  return model({
    stores: [
      { id: users, kind: 'better-sqlite3', entity: 'User', file: 'src/db.js', line: 3, source: 'blog.db' },
      { id: posts, kind: 'better-sqlite3', entity: 'Post', file: 'src/db.js', line: 3, source: 'blog.db' },
      { id: comments, kind: 'better-sqlite3', entity: 'Comment', file: 'src/db.js', line: 3, source: 'blog.db' },
    ],
    entities: [
      { name: 'User', fields: [{ name: 'id', type: 'integer' }, { name: 'name', type: 'text' }], key: { name: 'id', type: 'number' }, idStrategy: 'autoincrement', relations: [], records: 2 },
      {
        name: 'Post',
        fields: [{ name: 'id', type: 'integer' }, { name: 'userId', type: 'integer' }, { name: 'title', type: 'text' }, { name: 'body', type: 'text' }, { name: 'createdAt', type: 'text' }],
        key: { name: 'id', type: 'number' },
        idStrategy: 'autoincrement',
        relations: [{ field: 'userId', entity: 'User' }],
        records: 4,
      },
      {
        name: 'Comment',
        fields: [{ name: 'id', type: 'integer' }, { name: 'postId', type: 'integer' }, { name: 'body', type: 'text' }, { name: 'createdAt', type: 'text' }],
        key: { name: 'id', type: 'number' },
        idStrategy: 'autoincrement',
        relations: [{ field: 'postId', entity: 'Post' }],
        records: 9,
      },
    ],
    handlers: [route('GET', '/posts', file, 5), route('GET', '/posts/:id', file, 12), route('GET', '/posts/:id/comments', file, 24), route('POST', '/posts/:id/comments', file, 31), route('DELETE', '/posts/:id', file, 40)],
    operations: [
      op('GET /posts', 'Post', posts, file, 6, 'list'),
      op('GET /posts', 'Post', posts, file, 6, 'join', { attributes: ['userId'] }),
      op('GET /posts/:id', 'Post', posts, file, 13, 'read-by-id'),
      op('GET /posts/:id', 'Post', posts, file, 14, 'join', { attributes: ['comments.postId'] }),
      op('GET /posts/:id/comments', 'Comment', comments, file, 25, 'relations', { attributes: ['postId'] }),
      op('GET /posts/:id/comments', 'Comment', comments, file, 25, 'sort', { attributes: ['createdAt'], order: 'asc' }),
      op('POST /posts/:id/comments', 'Comment', comments, file, 33, 'create'),
      op('DELETE /posts/:id', 'Comment', comments, file, 41, 'delete', { attributes: ['postId'] }),
      op('DELETE /posts/:id', 'Post', posts, file, 42, 'delete'),
    ],
  });
}

/** Orders in SQLite (autoincrement ids) listed newest first with ?page=, and per customer with a limit. */
export function ordersModel(): AccessModel {
  const file = 'src/orders.ts';
  const store = 'sqlite:shop.db#orders';
  return model({
    stores: [{ id: store, kind: 'sqlite-wrapper', entity: 'Order', file: 'src/db.ts', line: 4, source: 'shop.db' }],
    entities: [
      {
        name: 'Order',
        fields: [{ name: 'id', type: 'integer' }, { name: 'customerId', type: 'text' }, { name: 'total', type: 'real' }, { name: 'status', type: "'open' | 'paid'" }, { name: 'createdAt', type: 'text' }],
        key: { name: 'id', type: 'number' },
        idStrategy: 'autoincrement',
        relations: [],
        records: 40,
      },
    ],
    handlers: [route('GET', '/orders', file, 8), route('GET', '/orders/:id', file, 20), route('POST', '/orders', file, 27), route('GET', '/customers/:customerId/orders', file, 36)],
    operations: [
      op('GET /orders', 'Order', store, file, 10, 'list', { pagination: 'page' }),
      op('GET /orders', 'Order', store, file, 10, 'sort', { attributes: ['createdAt'], order: 'desc' }),
      op('GET /orders', 'Order', store, file, 10, 'paginate', { pagination: 'page' }),
      op('GET /orders/:id', 'Order', store, file, 21, 'read-by-id'),
      op('POST /orders', 'Order', store, file, 29, 'create'),
      op('GET /customers/:customerId/orders', 'Order', store, file, 38, 'filter-by-attr', { attributes: ['customerId'], pagination: 'limit' }),
    ],
  });
}

/** A Lambda + CDK course project: one handler per file, `max + 1` numeric ids in a JSON file. */
export function lambdaModel(): AccessModel {
  const store = 'json:data/notes.json';
  const handler = (name: string, line: number): HandlerRecord => ({
    id: `lambda/${name}.ts#handler`,
    file: `lambda/${name}.ts`,
    line,
    kind: 'lambda',
    construct: { file: 'infrastructure/lib/app-stack.ts', line: 20 + line, name: `${name[0].toUpperCase()}${name.slice(1)}Function` },
  });
  return model({
    stores: [{ id: store, kind: 'json-file-sync', entity: 'Note', file: 'lambda/store.ts', line: 5, source: 'data/notes.json' }],
    entities: [
      {
        name: 'Note',
        fields: [{ name: 'id', type: 'number' }, { name: 'text', type: 'string' }, { name: 'createdAt', type: 'string' }],
        key: { name: 'id', type: 'number' },
        idStrategy: 'increment',
        relations: [],
        records: 5,
      },
    ],
    handlers: [handler('createNote', 3), handler('getNote', 4), handler('listNotes', 5), handler('deleteNote', 6)],
    operations: [
      op('lambda/createNote.ts#handler', 'Note', store, 'lambda/createNote.ts', 9, 'create'),
      op('lambda/getNote.ts#handler', 'Note', store, 'lambda/getNote.ts', 8, 'read-by-id'),
      op('lambda/listNotes.ts#handler', 'Note', store, 'lambda/listNotes.ts', 7, 'list'),
      op('lambda/deleteNote.ts#handler', 'Note', store, 'lambda/deleteNote.ts', 8, 'delete'),
    ],
    infrastructure: { kind: 'cdk', files: ['infrastructure/lib/app-stack.ts'] },
  });
}

export const ALL_MODELS: Record<string, () => AccessModel> = {
  notes: notesModel,
  users: usersModel,
  todos: todosModel,
  sessions: sessionsModel,
  blog: blogModel,
  orders: ordersModel,
  lambda: lambdaModel,
};
