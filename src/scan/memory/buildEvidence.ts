import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { FieldRecord, IdStrategy, KeyType, RelationRecord } from '../../model/access-model';
import { collectionAt, jsonType } from '../json-file/jsonDocument';
import { toEntityName } from '../naming';
import type { EntityEvidence } from '../types';
import { classifyIdStrategy } from './classifyIdStrategy';
import type { CreateSite } from './collectOperations';
import type { Seeds } from './collectSeeds';
import type { KeyInfo } from './finaliseOperations';
import type { DataStore, RawOp, RecordLiteral } from './model';
import type { StoreRegistry } from './StoreRegistry';
import { inferType, propertyKeyName } from './syntax';
import type { ViewEvaluator } from './ViewEvaluator';

export interface StoreFacts {
  store: DataStore;
  entity: string;
  key: KeyInfo;
  seeds?: Seeds;
  creates: CreateSite[];
  ops: RawOp[];
}

type Sample = Map<string, Set<string>>;

/** Entity evidence from seed records / JSON content, created records, and the attributes operations use. */
export function buildEvidence(ev: ViewEvaluator, registry: StoreRegistry, facts: StoreFacts, references: (field: string) => string | undefined): EntityEvidence[] {
  const { entity, key } = facts;
  const evidence: EntityEvidence[] = [];

  const seedSample: Sample = new Map();
  let records: number | undefined;
  if (facts.store.family === 'json') {
    const ref = facts.store.json!.refs[0];
    const content = ref ? registry.contentOf(ref) : undefined;
    const found = content?.ok ? collectionAt(content.value, facts.store.json!.members) : undefined;
    if (found) {
      records = found.records.length;
      for (const record of found.records) for (const [name, value] of Object.entries(record)) add(seedSample, name, jsonType(value));
    }
  } else if (facts.seeds && facts.seeds.records.length > 0) {
    records = facts.seeds.records.length;
    for (const literal of facts.seeds.records) sampleLiteral(literal, seedSample);
  }

  const createSample: Sample = new Map();
  let idStrategy: IdStrategy = 'unknown';
  let strategyType: KeyType | undefined;
  for (const create of facts.creates) {
    if (create.literal) sampleLiteral(create.literal, createSample);
    const keyValue = create.literal ? keyProperty(create.literal, key.name) : undefined;
    const found = keyValue
      ? classifyIdStrategy(ev, create.literal!.file, keyValue)
      : create.keyPath
        ? classifyIdStrategy(ev, create.keyFile ?? create.op.file, create.keyPath)
        : { strategy: 'unknown' as const };
    if (found.strategy !== 'unknown' && idStrategy === 'unknown') {
      idStrategy = found.strategy;
      strategyType = found.type;
      const at = keyValue ?? create.keyPath;
      const file = keyValue ? create.literal!.file : (create.keyFile ?? create.op.file);
      if (found.zeroBased && at) {
        ev.ctx.diagnostics.add({
          severity: 'info',
          code: 'zero-based-ids',
          file: file.rel,
          line: ev.ctx.project.lineOf(at.node),
          message: `${entity} ids are the collection's length, so they start at 0; kept as numbers with an atomic counter, which gives the next id after the highest one in use (the same as before) but starts at 1 when the table is empty`,
        });
      }
    }
  }
  if (key.natural) idStrategy = 'natural';

  const keyType = typeOf(seedSample, key.name) ?? strategyType ?? typeOf(createSample, key.name);
  const keyEvidence: { name: string; type: KeyType } | undefined =
    keyType === 'number' || keyType === 'string' ? { name: key.name, type: keyType } : key.name !== 'id' ? { name: key.name, type: 'string' } : undefined;
  const relationsOf = (sample: Sample): RelationRecord[] =>
    [...sample.keys()]
      .filter((field) => field !== key.name)
      .map((field) => ({ field, entity: references(field) }))
      .filter((r): r is RelationRecord => Boolean(r.entity) && r.entity !== entity);

  if (seedSample.size > 0 || records !== undefined) {
    evidence.push(withoutEmpty({ entity, source: 'seed', fields: fieldsOf(seedSample), key: keyEvidence, records, relations: relationsOf(seedSample) }));
  }
  if (createSample.size > 0 || idStrategy !== 'unknown') {
    evidence.push(withoutEmpty({ entity, source: 'create', fields: fieldsOf(createSample), idStrategy, key: seedSample.size === 0 ? keyEvidence : undefined, relations: relationsOf(createSample) }));
  }
  const usage: Sample = new Map();
  for (const op of facts.ops) {
    if (op.op === 'join') continue;
    for (const attr of op.attributes ?? []) if (attr !== '*') add(usage, attr);
  }
  const usageKey = seedSample.size === 0 && createSample.size === 0 ? keyEvidence : undefined;
  if (usage.size > 0 || usageKey) evidence.push(withoutEmpty({ entity, source: 'usage', fields: fieldsOf(usage), key: usageKey, relations: relationsOf(usage) }));
  return evidence;
}

function sampleLiteral(literal: RecordLiteral, sample: Sample): void {
  for (const property of literal.path.get('properties')) {
    if (property.isSpreadElement()) continue;
    const name = propertyKeyName(property.node as t.ObjectProperty);
    if (!name) continue;
    const type = property.isObjectProperty() ? inferType(property.get('value') as NodePath) : undefined;
    add(sample, name, type);
  }
}

function keyProperty(literal: RecordLiteral, key: string): NodePath | undefined {
  for (const property of literal.path.get('properties')) {
    if (property.isObjectProperty() && propertyKeyName(property.node) === key) return property.get('value') as NodePath;
  }
  return undefined;
}

function add(sample: Sample, name: string, type?: string): void {
  const types = sample.get(name) ?? new Set<string>();
  if (type) types.add(type);
  sample.set(name, types);
}

function typeOf(sample: Sample, name: string): string | undefined {
  const types = sample.get(name);
  if (!types) return undefined;
  return mergeTypes(types);
}

function mergeTypes(types: Set<string>): string | undefined {
  const concrete = [...types].filter((t) => t !== 'null').sort();
  if (concrete.length === 0) return types.has('null') ? 'null' : undefined;
  return concrete.join(' | ');
}

function fieldsOf(sample: Sample): FieldRecord[] {
  return [...sample.entries()].map(([name, types]) => {
    const type = mergeTypes(types);
    return type ? { name, type } : { name };
  });
}

function withoutEmpty(evidence: EntityEvidence): EntityEvidence {
  const out: EntityEvidence = { entity: evidence.entity, source: evidence.source };
  if (evidence.fields && evidence.fields.length > 0) out.fields = evidence.fields;
  if (evidence.key) out.key = evidence.key;
  if (evidence.idStrategy && evidence.idStrategy !== 'unknown') out.idStrategy = evidence.idStrategy;
  if (evidence.relations && evidence.relations.length > 0) out.relations = evidence.relations;
  if (evidence.records !== undefined) out.records = evidence.records;
  return out;
}

/** `userId` / `user_id` → `User`, when that names another entity. */
export function referencedEntity(field: string): string | undefined {
  const match = /^(.+?)(?:Id|_id|ID)$/.exec(field);
  return match ? toEntityName(match[1]) : undefined;
}
