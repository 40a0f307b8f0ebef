import type { AccessModel } from '../../model/access-model';
import type { AccessPatternDesign, TableDesign } from '../../model/table-design';
import type { AccessAnalysis, AccessNeed } from '../access-needs';
import { findEntityTable, getAttributeTypes, getTemplateAttributes, isSingleTable } from '../design-lookup';
import { estimateItemSize, getReadUnits, getWriteUnits } from '../estimate-item-size';
import { pluralise, withArticle } from '../naming';
import { resolveNeed, type PlannedRequest } from '../resolve-requests';

/**
 * Cost lines: every access pattern of the code, the requests it becomes, and the capacity one
 * request uses for an average item (pay-per-request bills exactly these units). Reads: 1 RCU per
 * 4 KB strongly consistent, 0.5 eventually consistent; writes: 1 WCU per 1 KB, plus one write
 * per GSI the item is copied to.
 */
export function planAccessPatterns(design: TableDesign, model: AccessModel, analysis: AccessAnalysis): AccessPatternDesign[] {
  const patterns: AccessPatternDesign[] = [];
  for (const need of analysis.needs) {
    const requests = resolveNeed(need, design, model);
    if (!requests.length) continue;
    const pattern = { entity: need.entity, description: describeNeed(need, design, model), handlers: need.handler ? [need.handler] : [], ...costRequests(requests, design, model) };
    const same = patterns.find((known) => known.entity === pattern.entity && known.description === pattern.description && known.requests.join() === pattern.requests.join());
    if (same) {
      for (const handler of pattern.handlers) if (!same.handlers.includes(handler)) same.handlers.push(handler);
    } else {
      patterns.push(pattern);
    }
  }
  return patterns;
}

export function describeNeed(need: AccessNeed, design: TableDesign, model: AccessModel): string {
  const plural = pluralise(need.entity);
  const id = design.entities[need.entity]?.idAttribute?.name ?? 'id';
  const order = need.sort ? `, ${describeOrder(need, design, model)}` : '';
  const page = need.pagination ? ', one page at a time' : '';
  switch (need.kind) {
    case 'create':
      return `create ${withArticle(need.entity)}`;
    case 'get':
      return `get ${withArticle(need.entity)} by ${id}`;
    case 'update':
      return `update ${withArticle(need.entity)}${need.updated?.length ? ` (${need.updated.join(', ')})` : ''}`;
    case 'delete':
      return need.counter ? `reset the ${need.entity} id counter` : `delete ${withArticle(need.entity)}`;
    case 'list':
      return `list all ${plural}${order}${page}`;
    case 'lookup': {
      if (!need.attributes.length) return `find ${plural} with a filter the scan could not read${order}${page}`;
      const relation = model.entities.find((entity) => entity.name === need.entity)?.relations.find((item) => need.attributes.includes(item.field));
      if (need.match) return `find ${plural} whose ${describeFilterMatch(need.match, need.attributes)}${order}${page} — no index for it: a GSI answers only an equality on its partition key, so every request reads the whole table`;
      if (relation && need.attributes.length === 1) return `list the ${plural} of ${withArticle(relation.entity)} (${relation.field})${order}${page}`;
      return `find ${plural} by ${need.attributes.join(' and ')}${order}${page}`;
    }
    case 'delete-related':
      if (!need.attributes.length) return `delete all ${plural}`;
      return need.cascadeFrom ? `delete the ${plural} of a deleted ${need.cascadeFrom} (cascade)` : `delete ${plural} by ${need.attributes.join(' and ')}`;
    case 'join': {
      const join = need.join!;
      return join.kind === 'many-to-one'
        ? `fetch the ${join.entity} of ${need.many ? `each ${need.entity}` : withArticle(need.entity)} (${join.attribute})`
        : `fetch the ${pluralise(join.entity)} of ${withArticle(need.entity)} (${join.attribute})`;
    }
  }
}

function describeFilterMatch(match: NonNullable<AccessNeed['match']>, attributes: string[]): string {
  const names = attributes.join(' or ');
  if (match === 'contains') return `${names} contains a value`;
  if (match === 'prefix') return `${names} starts with a value`;
  return `${names} is in a range`;
}

function describeOrder(need: AccessNeed, design: TableDesign, model: AccessModel): string {
  const sort = need.sort!;
  const type = getAttributeTypes(design, model, need.entity)[sort.attribute];
  const temporal = type === 'date' || /At$|Date$|^date$|time$/i.test(sort.attribute);
  const first = temporal ? (sort.order === 'desc' ? 'newest' : 'oldest') : sort.order === 'desc' ? 'highest' : 'lowest';
  return `${first} ${sort.attribute} first`;
}

function costRequests(requests: PlannedRequest[], design: TableDesign, model: AccessModel): Pick<AccessPatternDesign, 'requests' | 'cost' | 'readUnits' | 'writeUnits' | 'scan'> {
  let readUnits = 0;
  let writeUnits = 0;
  const parts: string[] = [];
  const names: string[] = [];
  for (const request of requests) {
    names.push(`${request.action} ${request.table}${request.index ? ` index ${request.index}` : ''}${request.role === 'rollback' ? ' (only if the item put fails)' : ''}`);
    if (request.role === 'rollback') continue; // only when the item put fails
    const cost = costRequest(request, design, model);
    readUnits += cost.read;
    writeUnits += cost.write;
    parts.push(cost.text);
  }
  const scan = requests.some((request) => request.action === 'Scan');
  const total = [readUnits ? `${formatUnits(readUnits)} RCU` : '', writeUnits ? `${formatUnits(writeUnits)} WCU` : ''].filter(Boolean).join(' + ');
  const composite = parts.length > 1 || (parts[0] ?? '').includes(' + ');
  const cost = `${parts.join(' + ')}${composite ? ` = ${total}` : ''}${scan && composite ? ' (the Scan grows with the table)' : ''}`;
  return { requests: names, cost, ...(readUnits ? { readUnits } : {}), ...(writeUnits ? { writeUnits } : {}), ...(scan ? { scan } : {}) };
}

interface RequestCost {
  read: number;
  write: number;
  text: string;
}

function costRequest(request: PlannedRequest, design: TableDesign, model: AccessModel): RequestCost {
  if (request.role === 'counter' || request.role === 'guard') {
    const small = request.action === 'GetItem' ? { read: 1, write: 0 } : { read: 0, write: 1 };
    return { ...small, text: `${small.read ? '1 RCU' : '1 WCU'} (${request.role === 'counter' ? 'counter item' : 'guard item'})` };
  }
  const size = estimateItemSize(design, model, request.entity);
  const sizeText = `~${size} B item`;
  const consistency = request.consistent ? 'strongly consistent' : 'eventually consistent';
  switch (request.action) {
    case 'GetItem': {
      const read = getReadUnits(size, !!request.consistent);
      return { read, write: 0, text: `${formatUnits(read)} RCU (GetItem, ${consistency}, ${sizeText})` };
    }
    case 'BatchGetItem': {
      const read = getReadUnits(size, false);
      return { read, write: 0, text: `${formatUnits(read)} RCU per item (BatchGetItem, eventually consistent, ${sizeText})` };
    }
    case 'Query': {
      const read = request.consistent ? 1 : 0.5;
      const perChunk = Math.max(1, Math.floor(4096 / size));
      return { read, write: 0, text: `${formatUnits(read)} RCU per 4 KB read, about ${perChunk} items (Query${request.index ? ' on a GSI' : ''}, ${consistency}, ${sizeText})` };
    }
    case 'Scan': {
      const records = model.entities.find((entity) => entity.name === request.entity)?.records;
      const perUnit = request.consistent ? 1 : 0.5;
      const tableBytes = records ? records * size : 4096;
      const read = getReadUnits(tableBytes, !!request.consistent);
      const scope = isSingleTable(design) ? 'the whole table, every entity' : 'the whole table';
      const known = records ? `, ${formatUnits(read)} RCU for the ${records} items found today` : '';
      return { read: records ? read : perUnit, write: 0, text: `${formatUnits(perUnit)} RCU per 4 KB of ${scope} (Scan, ${consistency}${known})` };
    }
    default: {
      const copies = countIndexCopies(design, request);
      const base = getWriteUnits(size);
      const write = base * (1 + copies.writes);
      const per = request.action === 'BatchWriteItem' ? ' per item' : '';
      const moved = copies.moved ? `, ${copies.moved} of them moved: delete + put` : '';
      const gsiText = copies.indexes ? ` + ${base * copies.writes} WCU for ${copies.indexes} GSI cop${copies.indexes === 1 ? 'y' : 'ies'}${moved}` : '';
      return { read: 0, write, text: `${base} WCU${gsiText}${per} (${request.action}, ${sizeText})` };
    }
  }
}

/**
 * How many GSI copies a write touches (each costs its own write units). An update that changes
 * an index key attribute moves the item in that index: a delete and a put, two writes. An update
 * whose attributes are unknown is priced as moving every index it could.
 */
function countIndexCopies(design: TableDesign, request: PlannedRequest): { indexes: number; writes: number; moved: number } {
  const table = findEntityTable(design, request.entity);
  const entity = design.entities[request.entity];
  if (!table || !entity || table.name !== request.table) return { indexes: 0, writes: 0, moved: 0 };
  const keyAttributes: string[][] = isSingleTable(design)
    ? Object.entries(entity.indexKeys ?? {})
        .filter(([name]) => table.gsis.some((gsi) => gsi.name === name))
        .map(([, keys]) => [...getTemplateAttributes(keys.partitionKey), ...getTemplateAttributes(keys.sortKey ?? '')])
    : table.gsis.map((gsi) => [gsi.partitionKey.name, gsi.sortKey?.name].filter((name): name is string => !!name).flatMap((name) => sourcesOf(entity, name)));
  let moved = 0;
  if (request.action === 'UpdateItem') {
    const updated = request.updated ?? [];
    moved = keyAttributes.filter((names) => !updated.length || names.some((name) => updated.includes(name))).length;
  }
  return { indexes: keyAttributes.length, writes: keyAttributes.length + moved, moved };
}

/** The app attributes a key attribute is computed from (itself, or the source of a derived copy). */
function sourcesOf(entity: TableDesign['entities'][string], name: string): string[] {
  const derived = entity.derivedAttributes?.find((item) => item.name === name);
  return derived ? (derived.from ? [derived.from] : []) : [name];
}

function formatUnits(units: number): string {
  return Number.isInteger(units) ? String(units) : units.toFixed(1);
}
