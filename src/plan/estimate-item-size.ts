import type { AccessModel } from '../model/access-model';
import type { TableDesign } from '../model/table-design';
import { getAttributeTypes, isSingleTable } from './design-lookup';

const LONG_TEXT = /^(body|content|description|text|notes?|message|comment|bio|summary|details)$/i;

/**
 * Average item size in bytes, estimated from attribute names and types the way DynamoDB counts
 * it (UTF-8 name length + value size). Strings are guessed by role: a UUID is 36 bytes, an ISO
 * date 24, free text 200, other text 24. Only an estimate: the plan says so next to each number.
 */
export function estimateItemSize(design: TableDesign, model: AccessModel, entityName: string): number {
  const types = getAttributeTypes(design, model, entityName);
  const entity = design.entities[entityName];
  let bytes = 0;
  for (const [name, type] of Object.entries(types)) {
    bytes += Buffer.byteLength(name) + estimateValueSize(name, type, name === entity?.idAttribute?.name ? entity.idStrategy : undefined);
  }
  if (isSingleTable(design) && entity) {
    const keyCount = 2 + 2 * Object.keys(entity.indexKeys ?? {}).length;
    bytes += keyCount * (4 + 24); // `GSI1PK` + typed value such as `NOTE#<id>`
  }
  return Math.max(bytes, 1);
}

function estimateValueSize(name: string, type: string, idStrategy: string | undefined): number {
  switch (type) {
    case 'number':
      return 8; // DynamoDB stores ~1 byte per 2 significant digits + 1: a 13-digit timestamp takes 8
    case 'boolean':
    case 'null':
      return 1;
    case 'date':
      return 24;
    case 'object':
    case 'array':
      return 100;
    default:
      if (idStrategy === 'uuid') return 36;
      if (/At$|Date$|^date$|time$/i.test(name)) return 24;
      if (LONG_TEXT.test(name)) return 200;
      return 24;
  }
}

/** Read units for reading `bytes` in one request: 1 per 4 KB strongly consistent, half that eventually consistent. */
export function getReadUnits(bytes: number, consistent: boolean): number {
  return Math.ceil(bytes / 4096) * (consistent ? 1 : 0.5);
}

/** Write units for writing an item of `bytes`: 1 per 1 KB, rounded up. */
export function getWriteUnits(bytes: number): number {
  return Math.ceil(bytes / 1024);
}
