import type { AccessModel, EntityRecord, OperationRecord } from '../model/access-model';
import { findCompositeKeys } from './find-composite-keys';
import { findNaturalKeys, withPlannedKey } from './find-natural-keys';

/**
 * What the code does with one entity in one handler, reduced to the DynamoDB question it asks.
 * Every rule reads these instead of raw operations, so "the code sorts on this path" or "this
 * handler deletes the parent too" is decided once.
 */
export type NeedKind = 'create' | 'get' | 'update' | 'delete' | 'list' | 'lookup' | 'delete-related' | 'join';

export interface AccessNeed {
  entity: string;
  kind: NeedKind;
  /** Access-model handler id; absent for code outside any handler. */
  handler?: string;
  /** lookup / delete-related: attributes compared for equality (never the id). Empty: unknown filter. */
  attributes: string[];
  sort?: { attribute: string; order: 'asc' | 'desc' };
  pagination?: 'offset' | 'page' | 'limit' | 'cursor';
  /** create / update: attributes the code keeps unique. */
  unique?: string[];
  /** update: attributes written. */
  updated?: string[];
  /** update / delete: the code may read the item first (array/Map/JSON records are found, then changed or removed). */
  readsFirst?: boolean;
  /** lookup made through a relation (a foreign key). */
  relation?: boolean;
  /** lookup that is not an equality (text search, prefix, range): no GSI can serve it, it stays a Scan with a FilterExpression. */
  match?: 'contains' | 'prefix' | 'range';
  /** join: the other entity and which side holds the key. */
  join?: { entity: string; attribute: string; kind: 'many-to-one' | 'one-to-many' };
  /** delete-related: the same handler deletes this parent entity, so this is a cascade. */
  cascadeFrom?: string;
  /** The handler works on many items of the entity (a list or lookup): joins fetch in batches. */
  many?: boolean;
  /** delete: the entity's id counter is reset (SQLite's AUTOINCREMENT restart), not an item. */
  counter?: boolean;
}

export interface AccessAnalysis {
  needs: AccessNeed[];
  /** entity → attributes the code treats as expiry times. */
  ttl: Map<string, string[]>;
  /** entity → attributes the code keeps unique. */
  unique: Map<string, string[]>;
  /** Things the plan could not map; shown in plan.md. */
  notes: string[];
}

/** Reads the operations of the access model and returns the access needs, in source order. */
export function findAccessNeeds(model: AccessModel): AccessAnalysis {
  const natural = findNaturalKeys(model);
  const entities = new Map(model.entities.map((entity) => [entity.name, withPlannedKey(entity, natural)]));
  const analysis: AccessAnalysis = { needs: [], ttl: new Map(), unique: new Map(), notes: [] };
  const sortKeys = new Map([...findCompositeKeys(model)].map(([name, key]) => [name, key.sortKey.name]));
  for (const group of groupOperations(model.operations)) {
    for (const need of getGroupNeeds(group, entities, sortKeys, analysis)) {
      if (!analysis.needs.some((known) => sameNeed(known, need))) analysis.needs.push(need);
    }
  }
  return analysis;
}

/** Operations of one handler (or one stray operation), in source order. */
function groupOperations(operations: OperationRecord[]): OperationRecord[][] {
  const groups = new Map<string, OperationRecord[]>();
  for (const op of operations) {
    const key = op.handler ?? `${op.file}:${op.line}:${op.op}:${op.entity}`;
    const group = groups.get(key) ?? [];
    group.push(op);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => [...group].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line));
}

function getGroupNeeds(group: OperationRecord[], entities: Map<string, EntityRecord>, sortKeys: Map<string, string>, analysis: AccessAnalysis): AccessNeed[] {
  const needs: AccessNeed[] = [];
  const handler = group[0].handler;
  for (const entityName of unique(group.map((op) => op.entity))) {
    const entity = entities.get(entityName);
    if (!entity) {
      analysis.notes.push(`${group[0].file}:${group[0].line}: an operation names entity ${entityName}, which the scan did not describe; it was left out of the plan.`);
      continue;
    }
    const ops = group.filter((op) => op.entity === entityName);
    const sortOp = ops.find((op) => op.op === 'sort' && op.attributes?.length);
    const sort = sortOp ? { attribute: sortOp.attributes![0], order: sortOp.order ?? 'asc' } : undefined;
    const pagination = ops.find((op) => op.pagination)?.pagination ?? (ops.some((op) => op.op === 'paginate') ? 'offset' : undefined);
    const many = ops.some((op) => op.op === 'list' || op.op === 'filter-by-attr' || op.op === 'relations');
    const base = { entity: entityName, ...(handler ? { handler } : {}) };
    const deletesParent = (parent: string) => group.some((op) => op.entity === parent && op.op === 'delete' && !op.removes && !nonKey(op, entities.get(parent), sortKeys.get(parent)).length);
    // `if (users.find(u => u.email === email)) return 409` before a create/update that keeps email
    // unique is the uniqueness check itself: the guard's conditional put replaces it, no read needed.
    // (one attribute at a time: a combination of attributes gets no guard, see keptUnique)
    const single = (op: OperationRecord) => op.unique?.length === 1 || op.unique?.filter((name) => name !== entity.key.name).length === 1;
    const guarded = new Set(ops.filter((op) => (op.op === 'create' || op.op === 'update') && single(op)).flatMap((op) => op.unique ?? []));
    for (const op of ops) {
      const attributes = nonKey(op, entity, sortKeys.get(entityName));
      const named = unique((op.attributes ?? []).map((name) => name.split('.').pop()!));
      // (a row read back by that attribute, `tag.id` after INSERT OR IGNORE, is a lookup: the guard serves it)
      if (op.op === 'filter-by-attr' && named.length === 1 && guarded.has(named[0]) && !op.readsMatch) continue;
      switch (op.op) {
        case 'create': {
          const kept = keptUnique(op, entity, analysis);
          needs.push({ ...base, kind: 'create', attributes: [], ...(kept.length ? { unique: kept } : {}) });
          addAll(analysis.unique, entityName, kept);
          break;
        }
        case 'read-by-id':
          needs.push({ ...base, kind: 'get', attributes: [] });
          break;
        case 'list':
          needs.push(withOrder({ ...base, kind: 'list', attributes: [] }, sort, pagination));
          break;
        case 'filter-by-attr':
        case 'relations':
          if (op.op === 'filter-by-attr' && op.match && op.match !== 'equals') {
            // `name.includes(q)`, `startsWith`, `<`: a GSI key needs an equality, so no index is planned for it
            if (attributes.length) needs.push(withOrder({ ...base, kind: 'lookup', attributes, match: op.match }, sort, pagination));
          } else if (!attributes.length && op.attributes?.includes(entity.key.name)) {
            needs.push({ ...base, kind: 'get', attributes: [] });
          } else if (op.readsMatch && named.length === 1 && guarded.has(named[0])) {
            // by a unique attribute: one item at most, so another statement's ORDER BY or pages do not apply
            needs.push({ ...base, kind: 'lookup', attributes });
          } else {
            needs.push(withOrder({ ...base, kind: 'lookup', attributes, ...(op.op === 'relations' || isRelation(entity, attributes) ? { relation: true } : {}) }, sort, pagination));
          }
          break;
        case 'update': {
          const kept = keptUnique(op, entity, analysis);
          needs.push({ ...base, kind: 'update', attributes: [], updated: attributes, ...(kept.length ? { unique: kept } : {}), ...(readsBeforeWrite(op.store) ? { readsFirst: true } : {}) });
          addAll(analysis.unique, entityName, kept);
          break;
        }
        case 'delete': {
          // `DELETE FROM t` (every item: keys read, then deleted in batches) and the id counter's reset
          if (op.removes === 'all') {
            needs.push({ ...base, kind: 'delete-related', attributes: [] });
            break;
          }
          if (op.removes === 'counter') {
            needs.push({ ...base, kind: 'delete', attributes: [], counter: true });
            break;
          }
          if (!attributes.length) {
            needs.push({ ...base, kind: 'delete', attributes: [], ...(readsBeforeWrite(op.store) ? { readsFirst: true } : {}) });
            break;
          }
          const parent = entity.relations.find((relation) => relation.field === attributes[0])?.entity;
          needs.push({ ...base, kind: 'delete-related', attributes, ...(parent && deletesParent(parent) ? { cascadeFrom: parent } : {}) });
          break;
        }
        case 'sort':
        case 'paginate':
          // Sorting joined rows (`JOIN tags … ORDER BY tags.name`) orders the join's result, not a list of every item.
          if (!ops.some((other) => ['list', 'filter-by-attr', 'relations', 'join'].includes(other.op))) {
            needs.push(withOrder({ ...base, kind: 'list', attributes: [] }, sort, pagination));
          }
          break;
        case 'ttl':
          addAll(analysis.ttl, entityName, op.attributes ?? []);
          break;
        case 'join': {
          const join = resolveJoin(entity, op, entities);
          // `tags JOIN post_tags … WHERE post_tags.post_id = ?` is reported on both tables; the side the
          // handler filters drives it (post_tags → tags by key), so the other side adds no Query.
          if (join?.kind === 'one-to-many' && drives(group, join.entity)) break;
          if (join) needs.push({ ...base, kind: 'join', attributes: [join.attribute], join, ...(many ? { many: true } : {}) });
          else analysis.notes.push(`${op.file}:${op.line}: a join on ${entityName} (${(op.attributes ?? []).join(', ') || 'no attributes'}) matches no relation; plan it by hand.`);
          break;
        }
      }
    }
  }
  return needs;
}

function withOrder(need: AccessNeed, sort: AccessNeed['sort'], pagination: AccessNeed['pagination']): AccessNeed {
  return { ...need, ...(sort ? { sort } : {}), ...(pagination ? { pagination } : {}) };
}

/**
 * The operation's attributes without the id, with `Entity.attr` reduced to `attr`. With a composite
 * key (`sortKey` set) only both parts together name one item; one part alone stays an attribute,
 * so "the rows of post 7" is a lookup (a Query on the table), not a get.
 */
function nonKey(op: OperationRecord, entity: EntityRecord | undefined, sortKey?: string): string[] {
  const names = unique((op.attributes ?? []).map((name) => name.split('.').pop()!));
  if (sortKey && entity && !(names.includes(entity.key.name) && names.includes(sortKey))) return names;
  return names.filter((name) => name !== entity?.key.name && name !== sortKey);
}

function isRelation(entity: EntityRecord, attributes: string[]): boolean {
  return attributes.some((name) => entity.relations.some((relation) => relation.field === name));
}

/**
 * A join names the key it joins on. When this entity holds it (`post.userId`), the join fetches the
 * other entity by id; when another entity holds a key to this one (`comment.postId`), it queries
 * that entity by the key.
 */
function resolveJoin(entity: EntityRecord, op: OperationRecord, entities: Map<string, EntityRecord>): AccessNeed['join'] | undefined {
  for (const raw of op.attributes ?? []) {
    const [qualifier, attribute] = raw.includes('.') ? raw.split('.', 2) : [undefined, raw];
    const own = entity.relations.find((relation) => relation.field === attribute);
    if (own && (!qualifier || entities.get(qualifier) === entity || entityMatches(qualifier, entity.name))) {
      return { entity: own.entity, attribute, kind: 'many-to-one' };
    }
    for (const other of entities.values()) {
      if (qualifier && !entityMatches(qualifier, other.name)) continue;
      if (other.relations.some((relation) => relation.field === attribute && relation.entity === entity.name)) {
        return { entity: other.name, attribute, kind: 'one-to-many' };
      }
    }
  }
  return undefined;
}

/** The handler reads `entity` by key or filter itself, so a join from another entity starts there. */
function drives(group: OperationRecord[], entity: string): boolean {
  return group.some((op) => op.entity === entity && ['read-by-id', 'filter-by-attr', 'relations'].includes(op.op));
}

/** `comments`, `Comment`, `comment` (and `post_tags` for PostTag) all name their entity in a qualified join key. */
function entityMatches(qualifier: string, entityName: string): boolean {
  const q = qualifier.toLowerCase().replace(/[_-]/g, '');
  const e = entityName.toLowerCase();
  return q === e || q === `${e}s` || q === `${e}es` || (e.endsWith('y') && q === `${e.slice(0, -1)}ies`);
}

function sameNeed(a: AccessNeed, b: AccessNeed): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function addAll(map: Map<string, string[]>, key: string, values: string[]): void {
  const list = map.get(key) ?? [];
  for (const value of values) if (!list.includes(value)) list.push(value);
  if (list.length) map.set(key, list);
}

/**
 * The attributes a create/update keeps unique one by one. A check on several attributes at once
 * (`findByVenueAndStart(venueId, startsAt)` before a 409) keeps their combination unique, not each
 * of them: one guard per attribute would refuse a second event at the same venue at another time,
 * so such a check gets no guard (the app's own check stays) and a note in the plan.
 */
function keptUnique(op: OperationRecord, entity: EntityRecord, analysis: AccessAnalysis): string[] {
  const attributes = unique((op.unique ?? []).filter((name) => name !== entity.key.name));
  if (attributes.length <= 1) return attributes;
  const note = `${op.file}:${op.line}: ${op.entity} keeps ${attributes.join(' + ')} unique together; no guard item is planned for a combination, so the app's own check stays (two creates racing can both pass it).`;
  if (!analysis.notes.includes(note)) analysis.notes.push(note);
  return [];
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/**
 * Memory and JSON-file code finds a record and changes it in place, so the migrated code reads the
 * item (GetItem) before its UpdateItem; SQL `UPDATE … WHERE` (and existing DynamoDB code) does not.
 */
function readsBeforeWrite(store: string): boolean {
  return !/^(sqlite|dynamodb):/.test(store);
}
