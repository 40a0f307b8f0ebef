/**
 * Records of a JSON data file: the document itself as an array, an array under a property
 * (`{ "bookmarks": [...] }`, one of several collections in a lowdb-style file), or an object keyed
 * by id (at the top or under a property). The file is read twice, both times streaming: once to
 * find where the collection is and how many records it holds, then record by record.
 */
import { pluralise } from '../../plan/naming';
import type { SourceRecord } from '../types';
import { streamJsonCollection, summariseJsonFile, type JsonCollectionTarget, type JsonContainerSummary } from './jsonStream';

export interface JsonCollection extends JsonCollectionTarget {
  count: number;
}

/** Collections the document holds, the way scan sees them (see src/scan/json-file/jsonDocument.ts). */
export function listJsonCollections(summaries: JsonContainerSummary[]): JsonCollection[] {
  const root = summaries.find((summary) => summary.members.length === 0);
  if (!root) return [];
  if (root.type === 'array') return [{ members: [], shape: 'array', count: root.children }];
  const nested = summaries
    .filter((summary) => summary.members.length === 1)
    .filter((summary) => (summary.type === 'array' ? summary.children === 0 || summary.objectChildren > 0 : summary.children > 0 && summary.objectChildren === summary.children))
    .map((summary): JsonCollection => ({ members: summary.members, shape: summary.type, count: summary.children }));
  if (nested.length) return nested;
  if (root.children > 0 && root.objectChildren === root.children) return [{ members: [], shape: 'object', count: root.children }];
  return [];
}

/** The collection holding `entity`'s records: the only one, or the one named after the entity. */
export function chooseJsonCollection(collections: JsonCollection[], entity: string, file: string): JsonCollection {
  if (collections.length === 1) return collections[0];
  if (!collections.length) throw new Error(`${file}: no collection of records found (expected an array of objects, or an object of objects keyed by id)`);
  const wanted = new Set([normalise(entity), normalise(pluralise(entity))]);
  const named = collections.filter((collection) => collection.members.length && wanted.has(normalise(collection.members[collection.members.length - 1])));
  if (named.length === 1) return named[0];
  throw new Error(`${file}: holds several collections (${collections.map((collection) => collection.members.join('.') || '(document)').join(', ')}) and none is named after ${entity}`);
}

export async function findJsonCollection(file: string, displayFile: string, entity: string): Promise<JsonCollection> {
  return chooseJsonCollection(listJsonCollections(await summariseJsonFile(file)), entity, displayFile);
}

/** The records of the collection, one at a time; an object keyed by id gives each record its key. */
export async function* readJsonRecords(file: string, displayFile: string, collection: JsonCollectionTarget): AsyncGenerator<SourceRecord> {
  for await (const element of streamJsonCollection(file, collection)) {
    yield { value: element.value, ref: `${displayFile}:${element.line}`, ...(element.key !== undefined ? { mapKey: element.key } : {}) };
  }
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
