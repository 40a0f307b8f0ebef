import type { AccessModel } from '../../../src/model/access-model';
import { scanFixture } from '../../support/scanProject';

/**
 * The whole scan on the fixture apps with in-memory and JSON stores: the stores, the operations
 * on them per handler, and the entity facts a migration depends on (key, id strategy, uniqueness).
 * Expectations are written from reading each app's source, not generated.
 */
const MINE = /^(in-memory|json)/;

function myOperations(model: AccessModel): string[] {
  const mine = new Set(model.stores.filter((s) => MINE.test(s.kind)).map((s) => s.id));
  return model.operations
    .filter((o) => mine.has(o.store))
    .map((o) => {
      const extras = [o.attributes ? `[${o.attributes.join(',')}]` : '', o.order ?? '', o.pagination ?? '', o.unique ? `unique:${o.unique.join(',')}` : ''].filter(Boolean);
      return `${o.handler ?? '-'}: ${o.op} ${o.entity}${extras.length ? ' ' + extras.join(' ') : ''}`;
    })
    .sort();
}

function myStores(model: AccessModel): string[] {
  return model.stores.filter((s) => MINE.test(s.kind)).map((s) => `${s.id} ${s.kind} ${s.entity}${s.source ? ` <- ${s.source}` : ''}`);
}

function entityFacts(model: AccessModel, name: string): string {
  const entity = model.entities.find((e) => e.name === name)!;
  return `${entity.key.name}:${entity.key.type} ${entity.idStrategy}${entity.records !== undefined ? ` records=${entity.records}` : ''}`;
}

describe('in-memory and JSON stores in the fixture apps', () => {
  it('express-notes-array: bootcamp array CRUD', async () => {
    const model = await scanFixture('express-notes-array');
    expect(myStores(model)).toEqual(['server.js#notes in-memory-array Note']);
    expect(entityFacts(model, 'Note')).toBe('id:number increment records=3');
    expect(myOperations(model)).toEqual(
      [
        'GET /api/notes: list Note',
        'GET /api/notes/:id: read-by-id Note',
        'POST /api/notes: create Note',
        'PUT /api/notes/:id: update Note [title,content]',
        'DELETE /api/notes/:id: delete Note',
      ].sort(),
    );
  });

  it('express-todos-map: Map with filter and newest-first sort', async () => {
    const model = await scanFixture('express-todos-map');
    expect(myStores(model)).toEqual(['index.js#todos in-memory-map Todo']);
    expect(entityFacts(model, 'Todo')).toBe('id:string uuid records=3');
    expect(myOperations(model)).toEqual(
      [
        'GET /todos: filter-by-attr Todo [completed]',
        'GET /todos: sort Todo [createdAt] desc',
        'GET /todos: list Todo',
        'GET /todos/:id: read-by-id Todo',
        'POST /todos: create Todo',
        'PATCH /todos/:id: update Todo [title,completed,updatedAt]',
        'DELETE /todos/:id: delete Todo',
      ].sort(),
    );
  });

  it('express-users-object-map: object keyed by Date.now() ids, unique email', async () => {
    const model = await scanFixture('express-users-object-map');
    expect(myStores(model)).toEqual(['db/users.js#users in-memory-object-map User']);
    expect(entityFacts(model, 'User')).toBe('id:string uuid');
    expect(myOperations(model)).toEqual(
      [
        'GET /api/users: filter-by-attr User [email]',
        'POST /api/users: filter-by-attr User [email]',
        'PUT /api/users/:id: filter-by-attr User [email]',
        'GET /api/users: list User',
        'GET /api/users/:id: read-by-id User',
        'POST /api/users: create User unique:email',
        'PUT /api/users/:id: update User [name,email,role,updatedAt]',
        'DELETE /api/users/:id: delete User',
      ].sort(),
    );
  });

  it('express-bookmarks-json-sync: wrapped document, read/save helpers, tag filter, page pagination', async () => {
    const model = await scanFixture('express-bookmarks-json-sync');
    expect(myStores(model)).toEqual(['json:data/bookmarks.json json-file-sync Bookmark <- data/bookmarks.json']);
    expect(entityFacts(model, 'Bookmark')).toBe('id:number increment records=5');
    expect(myOperations(model)).toEqual(
      [
        'GET /bookmarks: filter-by-attr Bookmark [tags]',
        'GET /bookmarks: list Bookmark',
        'GET /bookmarks: paginate Bookmark page',
        'GET /bookmarks/:id: read-by-id Bookmark',
        'POST /bookmarks: create Bookmark',
        'PUT /bookmarks/:id: update Bookmark [title,url,tags]',
        'DELETE /bookmarks/:id: delete Bookmark',
      ].sort(),
    );
  });

  it('express-recipes-json-callback: callback helpers in utils/store.js, cwd-relative path', async () => {
    const model = await scanFixture('express-recipes-json-callback');
    expect(myStores(model)).toEqual(['json:data/recipes.json json-file-callback Recipe <- data/recipes.json']);
    expect(entityFacts(model, 'Recipe')).toBe('id:string uuid records=3');
    expect(myOperations(model)).toEqual(
      [
        'GET /recipes: filter-by-attr Recipe [cuisine]',
        'GET /recipes: list Recipe',
        'GET /recipes/:id: read-by-id Recipe',
        'POST /recipes: create Recipe',
        'PUT /recipes/:id: update Recipe',
        'DELETE /recipes/:id: delete Recipe',
      ].sort(),
    );
  });

  it('express-shortlinks-json-promises: looked up by code from the path, expiry, unique code', async () => {
    const model = await scanFixture('express-shortlinks-json-promises');
    expect(myStores(model)).toEqual(['json:data/links.json json-file-promises Link <- data/links.json']);
    expect(entityFacts(model, 'Link')).toBe('id:string uuid records=3');
    expect(myOperations(model)).toEqual(
      [
        'GET /:code: ttl Link [expiresAt]',
        'GET /api/links: ttl Link [expiresAt]',
        'GET /api/links/:code: ttl Link [expiresAt]',
        'GET /api/links: list Link',
        'GET /api/links/:code: read-by-id Link [code]',
        'POST /api/links: filter-by-attr Link [code]',
        'POST /api/links: create Link unique:code',
        'PATCH /api/links/:code: update Link',
        'DELETE /api/links/:code: delete Link',
        'GET /:code: update Link [clicks]',
      ].sort(),
    );
  });

  it('express-products-json-require: required seed mutated in memory, both sort directions', async () => {
    const model = await scanFixture('express-products-json-require');
    expect(myStores(model)).toEqual(['json:data/products.json json-require Product <- data/products.json']);
    expect(entityFacts(model, 'Product')).toBe('id:number increment records=6');
    expect(myOperations(model)).toEqual(
      [
        'GET /products: filter-by-attr Product [category]',
        'GET /products: sort Product [price] asc',
        'GET /products: sort Product [price] desc',
        'GET /products: list Product',
        'GET /products/:id: read-by-id Product',
        'POST /products: create Product',
        'PUT /products/:id: update Product',
        'DELETE /products/:id: delete Product',
      ].sort(),
    );
  });

  it('ts-inventory-json-import: JSON import through a typed alias, fields from the interface', async () => {
    const model = await scanFixture('ts-inventory-json-import');
    expect(myStores(model)).toEqual(['json:src/data/items.json json-import Item <- src/data/items.json']);
    expect(entityFacts(model, 'Item')).toBe('id:string uuid records=4');
    expect(model.entities.find((e) => e.name === 'Item')!.fields.find((f) => f.name === 'warehouse')).toEqual({ name: 'warehouse', type: 'string' });
    expect(myOperations(model)).toEqual(
      [
        'GET /api/items: filter-by-attr Item [warehouse]',
        'GET /api/items: sort Item [quantity]',
        'GET /api/items: list Item',
        'GET /api/items/:id: read-by-id Item',
        'POST /api/items: filter-by-attr Item [sku]',
        'POST /api/items: create Item unique:sku',
        'PATCH /api/items/:id: update Item [name,warehouse,quantity,unitPrice,tags,updatedAt]',
        'DELETE /api/items/:id: delete Item',
      ].sort(),
    );
  });

  it('messy-express-mixed: var array + sync JSON, nested route, join, duplicate route, undeclared counter', async () => {
    const model = await scanFixture('messy-express-mixed');
    expect(myStores(model)).toEqual(['app.js#users in-memory-array User', 'json:orders.json json-file-sync Order <- orders.json']);
    expect(model.entities.find((e) => e.name === 'Order')!.relations).toEqual([{ field: 'userId', entity: 'User' }]);
    const ops = myOperations(model);
    expect(ops).toEqual(
      expect.arrayContaining([
        'GET /users (2): list User',
        'PUT /users/:id: update User [name,email]',
        'DELETE /users/:id: delete User',
        'GET /users/:id/orders: relations Order [userId]',
        'GET /orders: join Order [userId]',
        'GET /orders: list Order',
        'POST /orders: create Order',
        'PATCH /orders/:id: update Order [status,quantity]',
        'DELETE /orders/:id: delete Order',
      ]),
    );
    // GET /orders/:id sets userName on a copy that is never saved: not an update.
    expect(ops.filter((o) => o.startsWith('GET /orders/:id: update'))).toEqual([]);
  });

  it('fastify-events-memory: repository class, service layer, Map of venues, offset paging', async () => {
    const model = await scanFixture('fastify-events-memory');
    expect(myStores(model)).toEqual([
      'src/repositories/event.repository.ts#EventRepository.events in-memory-array Event',
      'src/repositories/venue.repository.ts#venues in-memory-map Venue',
    ]);
    expect(entityFacts(model, 'Event')).toBe('id:string uuid records=3');
    expect(myOperations(model)).toEqual(
      expect.arrayContaining([
        'GET /events: list Event',
        'GET /events: paginate Event offset',
        'GET /events: sort Event [startsAt] asc',
        'GET /venues/:id/events: relations Event [venueId]',
        'POST /events: create Event unique:venueId,startsAt',
        'PATCH /events/:id: update Event',
        'DELETE /events/:id: delete Event',
        'GET /venues: list Venue',
        'GET /venues/:id: read-by-id Venue',
      ]),
    );
  });

  it('serverless-framework-api: object map behind a put() helper used for create and update', async () => {
    const model = await scanFixture('serverless-framework-api');
    expect(myStores(model)).toEqual(['lib/store.js#products in-memory-object-map Product']);
    expect(myOperations(model)).toEqual(
      [
        'handler.js#create: create Product unique:sku',
        'handler.js#create: filter-by-attr Product [sku]',
        'handler.js#list: filter-by-attr Product [category]',
        'handler.js#list: filter-by-attr Product [inStock]',
        'handler.js#list: list Product',
        'handler.js#get: read-by-id Product',
        'handler.js#update: read-by-id Product',
        'handler.js#update: update Product [name,category,price,inStock,updatedAt]',
        'handler.js#delete: delete Product',
      ].sort(),
    );
  });

  it('lambda-sessions-nodejsfunction: Map keyed by sessionId with expiry, next to a DynamoDB users table', async () => {
    const model = await scanFixture('lambda-sessions-nodejsfunction');
    expect(myStores(model)).toEqual(['src/lib/session-store.ts#sessions in-memory-map Session']);
    const session = model.entities.find((e) => e.name === 'Session')!;
    expect(session.key).toEqual({ name: 'sessionId', type: 'string' });
    expect(session.relations).toEqual([{ field: 'userId', entity: 'User' }]);
    expect(new Set(myOperations(model))).toEqual(
      new Set([
        'src/handlers/api.ts#handler: create Session',
        'src/handlers/api.ts#handler: read-by-id Session',
        'src/handlers/api.ts#handler: update Session [data,expiresAt]',
        'src/handlers/api.ts#handler: delete Session',
        'src/handlers/api.ts#handler: filter-by-attr Session [userId]',
        'src/handlers/api.ts#handler: relations Session [userId]',
        'src/handlers/api.ts#handler: ttl Session [expiresAt]',
      ]),
    );
  });

  it.each([
    ['lambda-notes-cdk', ['infrastructure/lambda/data.ts#notes in-memory-array Note']],
    ['sst-minimal', ['src/links.ts#links in-memory-array Link']],
    ['terraform-lambda', ['json:src/data/quotes.json json-file-sync Quote <- src/data/quotes.json']],
    ['express-blog-better-sqlite3', []],
    ['express-tasks-sqlite3-callback', []],
    ['fastify-orders-sqlite-wrapper', []],
  ])('%s: exactly the expected memory/JSON stores', async (name, stores) => {
    expect(myStores(await scanFixture(name))).toEqual(stores);
  });
});
