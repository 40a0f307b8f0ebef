/**
 * DynamoDB JSON (the attribute-value form: `{"S": "text"}`, `{"N": "7"}`, `{"M": {...}}`) for the
 * S3 import files, and back again to check them. The same conversion the DocumentClient applies
 * on a put (undefined dropped, as its `removeUndefinedValues` does).
 */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { B: string }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> }
  | { SS: string[] }
  | { NS: string[] };

export function marshallItem(item: Record<string, unknown>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(item)) if (value !== undefined) out[name] = marshallValue(value);
  return out;
}

export function marshallValue(value: unknown): AttributeValue {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} cannot be stored in DynamoDB`);
    return { N: String(value) };
  }
  if (typeof value === 'bigint') return { N: value.toString() };
  if (typeof value === 'boolean') return { BOOL: value };
  if (value instanceof Uint8Array) return { B: Buffer.from(value).toString('base64') };
  if (value instanceof Set) {
    const members = [...value];
    if (members.every((member) => typeof member === 'number')) return { NS: members.map(String) };
    return { SS: members.map(String) };
  }
  if (Array.isArray(value)) return { L: value.map((element) => (element === undefined ? { NULL: true } : marshallValue(element))) };
  if (typeof value === 'object') return { M: marshallItem(value as Record<string, unknown>) };
  throw new Error(`a ${typeof value} cannot be stored in DynamoDB`);
}

export function unmarshallItem(item: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, unmarshallValue(value)]));
}

export function unmarshallValue(value: AttributeValue): unknown {
  if ('S' in value) return value.S;
  if ('N' in value) return Number(value.N);
  if ('BOOL' in value) return value.BOOL;
  if ('NULL' in value) return null;
  if ('B' in value) return new Uint8Array(Buffer.from(value.B, 'base64'));
  if ('L' in value) return value.L.map(unmarshallValue);
  if ('M' in value) return unmarshallItem(value.M);
  if ('SS' in value) return new Set(value.SS);
  if ('NS' in value) return new Set(value.NS.map(Number));
  throw new Error(`unknown attribute value ${JSON.stringify(value)}`);
}
