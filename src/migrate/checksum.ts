/**
 * Order-independent content checksum of a set of items: each item is written as canonical JSON
 * (keys sorted at every level, undefined dropped), hashed with SHA-256, and the first 16 bytes of
 * the hashes are added modulo 2^128. Sum rather than XOR, so two equal items do not cancel out.
 */
import { createHash } from 'node:crypto';

const MODULUS = 1n << 128n;

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((element) => (element === undefined ? 'null' : canonicalJson(element))).join(',')}]`;
  if (value instanceof Set) return canonicalJson([...value].map((member) => canonicalJson(member)).sort());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([name, member]) => `${JSON.stringify(name)}:${canonicalJson(member)}`).join(',')}}`;
}

export class ItemChecksum {
  private sum = 0n;
  count = 0;

  add(item: unknown): void {
    this.addCanonical(canonicalJson(item));
  }

  addCanonical(text: string): void {
    const digest = createHash('sha256').update(text).digest();
    this.sum = (this.sum + BigInt(`0x${digest.subarray(0, 16).toString('hex')}`)) % MODULUS;
    this.count += 1;
  }

  get hex(): string {
    return this.sum.toString(16).padStart(32, '0');
  }
}
