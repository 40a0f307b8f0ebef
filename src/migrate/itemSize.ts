/**
 * DynamoDB's size of an item, counted the way its 400 KB limit counts: each attribute name's
 * UTF-8 bytes plus its value — strings by UTF-8 bytes, numbers by about one byte per two
 * significant digits plus one, booleans and null one byte, lists and maps three bytes plus one
 * per element plus their contents.
 */
export const MAX_ITEM_BYTES = 400 * 1024;

export function getItemSize(item: Record<string, unknown>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue;
    bytes += Buffer.byteLength(name) + getValueSize(value);
  }
  return bytes;
}

function getValueSize(value: unknown): number {
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number' || typeof value === 'bigint') return getNumberSize(String(value));
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) {
    let bytes = 0;
    for (const member of value) bytes += getValueSize(member);
    return bytes;
  }
  if (Array.isArray(value)) {
    let bytes = 3;
    for (const element of value) bytes += 1 + (element === undefined ? 1 : getValueSize(element));
    return bytes;
  }
  if (value instanceof Date) return Buffer.byteLength(value.toISOString());
  if (typeof value === 'object') {
    let bytes = 3;
    for (const [name, member] of Object.entries(value as Record<string, unknown>)) {
      if (member === undefined) continue;
      bytes += 1 + Buffer.byteLength(name) + getValueSize(member);
    }
    return bytes;
  }
  return Buffer.byteLength(String(value));
}

function getNumberSize(text: string): number {
  const digits = text.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}
