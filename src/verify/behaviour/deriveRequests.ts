/**
 * A request list for an app without `fixture.json`, from the routes the scan found: per entity,
 * create one record, read it back, list, filter by an attribute (by the record's value and by one
 * no record has), update it, read it again, delete it and read it once more. The two apps'
 * answers are compared with each other, so the requests carry no expectations of their own.
 */
import type { AccessModel, EntityRecord, HandlerRecord, OpKind } from '../../model/access-model';
import type { TableDesign } from '../../model/table-design';
import type { JsonValue, ReplayRequest } from '../replay/types';
import { withArticle } from '../../plan/naming';

const PARAM = /(^|\/)(:[\w$]+\??|\{[^}/+]+\})(?=\/|$)/g;

function paramsOf(path: string): number {
  return (path.match(PARAM) ?? []).length;
}

/** The handlers that perform `op` on `entity`, with a route, in id order. */
function handlersFor(model: AccessModel, entity: string, op: OpKind): HandlerRecord[] {
  const ids = new Set(model.operations.filter((operation) => operation.entity === entity && operation.op === op && operation.handler).map((operation) => operation.handler!));
  return model.handlers.filter((handler) => ids.has(handler.id) && handler.method && handler.path).sort((a, b) => a.id.localeCompare(b.id));
}

function pick(model: AccessModel, entity: string, op: OpKind, method: RegExp, params: number): HandlerRecord | undefined {
  return handlersFor(model, entity, op).find((handler) => method.test(handler.method!) && paramsOf(handler.path!) === params);
}

function sampleValue(name: string, type: string | undefined, entity: string): JsonValue {
  if (/email/i.test(name)) return `verify-${entity.toLowerCase()}@example.com`;
  switch (type) {
    case 'number':
      return 7;
    case 'boolean':
      return true;
    case 'date':
      return '2024-06-01T12:00:00.000Z';
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return `verify ${name}`;
  }
}

function withId(path: string, variable: string): string {
  return path.replace(PARAM, (_whole, slash: string) => `${slash}{{${variable}}}`);
}

/** Body of a create: every non-generated field the app knows, with a sample value of its type. */
function createBody(entity: EntityRecord, design: TableDesign): Record<string, JsonValue> {
  const types = design.entities[entity.name]?.attributes ?? {};
  const generatedId = !['client', 'natural'].includes(entity.idStrategy);
  const body: Record<string, JsonValue> = {};
  for (const field of entity.fields) {
    if (generatedId && field.name === entity.key.name) continue;
    if (/^(created|updated|modified)(At|_at|On)?$/i.test(field.name)) continue;
    body[field.name] = sampleValue(field.name, types[field.name] ?? field.type, entity.name);
  }
  if (!generatedId && body[entity.key.name] === undefined) body[entity.key.name] = entity.key.type === 'number' ? 9001 : `verify-${entity.name.toLowerCase()}`;
  return body;
}

const NO_MATCH_NUMBER = 987654321;

/**
 * The query string that asks `handler` for the records the create made: the parameter the
 * handler reads for a filtered attribute (scan's `inputs`: `?search=` for `title`), or the
 * attribute's own name when scan could not name one; an attribute compared with a path or body
 * value is no query parameter. Only attributes whose sample value is a scalar.
 */
function filterQuery(model: AccessModel, handler: HandlerRecord, entity: string, body: Record<string, JsonValue>): { attribute: string; parameter: string; value: string | number | boolean } | undefined {
  const filters = model.operations.filter((operation) => operation.handler === handler.id && operation.entity === entity && operation.op === 'filter-by-attr');
  for (const operation of filters) {
    for (const attribute of operation.attributes ?? []) {
      const value = body[attribute];
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
      const input = operation.inputs?.find((candidate) => candidate.attribute === attribute);
      if (input && input.from !== 'query') continue;
      return { attribute, parameter: input?.name ?? attribute, value };
    }
  }
  return undefined;
}

export interface DerivedRequests {
  requests: ReplayRequest[];
  /** Starting variables: an id no record has per entity, and ids the requests choose themselves. */
  vars: Record<string, unknown>;
}

export function deriveRequests(model: AccessModel, design: TableDesign): DerivedRequests {
  const requests: ReplayRequest[] = [];
  const vars: Record<string, unknown> = {};
  const send = (name: string, method: string, path: string, body?: JsonValue, capture?: Record<string, string>): void => {
    requests.push({ name, method: method.toUpperCase(), path, ...(body !== undefined ? { body } : {}), expect: { status: 200 }, ...(capture ? { capture } : {}) });
  };
  for (const entity of [...model.entities].sort((a, b) => a.name.localeCompare(b.name))) {
    const idVar = `${entity.name}_id`;
    const label = entity.name;
    const create = pick(model, entity.name, 'create', /^(POST|PUT)$/i, 0);
    const read = pick(model, entity.name, 'read-by-id', /^GET$/i, 1);
    const list = pick(model, entity.name, 'list', /^GET$/i, 0);
    const filter = handlersFor(model, entity.name, 'filter-by-attr').find((handler) => /^GET$/i.test(handler.method!) && paramsOf(handler.path!) === 0);
    const update = pick(model, entity.name, 'update', /^(PUT|PATCH|POST)$/i, 1);
    const remove = pick(model, entity.name, 'delete', /^DELETE$/i, 1);
    const body = createBody(entity, design);
    vars[`${idVar}_missing`] = entity.key.type === 'number' ? 987654321 : 'verify-missing-id';
    if (body[entity.key.name] !== undefined) vars[idVar] = body[entity.key.name];
    if (create) send(`create ${withArticle(label)}`, create.method!, create.path!, body, { [idVar]: `body.${entity.key.name}` });
    if (read) send(`read the ${label} back`, 'GET', withId(read.path!, idVar));
    if (read) send(`read ${withArticle(label)} that does not exist`, 'GET', withId(read.path!, `${idVar}_missing`));
    if (list) send(`list ${label} records`, 'GET', list.path!);
    const query = filter ? filterQuery(model, filter, entity.name, body) : undefined;
    if (filter && query) {
      const path = (value: JsonValue): string => `${filter.path!}?${encodeURIComponent(query.parameter)}=${encodeURIComponent(String(value))}`;
      send(`filter ${label} records by ${query.attribute}`, 'GET', path(query.value));
      // a value no record has: a filter that ignored its parameter would answer every record
      if (typeof query.value !== 'boolean') send(`filter ${label} records by a ${query.attribute} no record has`, 'GET', path(typeof query.value === 'number' ? NO_MATCH_NUMBER : 'verify-no-match'));
    }
    if (update) {
      const changed: Record<string, JsonValue> = { ...body };
      const text = Object.keys(body).find((name) => typeof body[name] === 'string' && name !== entity.key.name && !/email/i.test(name));
      if (text) changed[text] = `${String(body[text])} (updated)`;
      send(`update the ${label}`, update.method!, withId(update.path!, idVar), changed);
      if (read) send(`read the updated ${label}`, 'GET', withId(read.path!, idVar));
    }
    if (remove) {
      send(`delete the ${label}`, 'DELETE', withId(remove.path!, idVar));
      if (read) send(`read the deleted ${label}`, 'GET', withId(read.path!, idVar));
    }
  }
  return { requests, vars };
}
