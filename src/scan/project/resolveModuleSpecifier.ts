import * as path from 'node:path';

const CANDIDATE_SUFFIXES = [
  '',
  '.ts',
  '.tsx',
  '.js',
  '.jsx',
  '.mjs',
  '.cjs',
  '.mts',
  '.cts',
  '.json',
  '/index.ts',
  '/index.tsx',
  '/index.js',
  '/index.mjs',
  '/index.cjs',
];

/**
 * Absolute paths a relative specifier may name, in Node/TypeScript resolution order.
 * TypeScript ESM code imports `./x.js` for `./x.ts`, so a `.js` specifier also tries `.ts`.
 */
export function candidatePathsFor(fromAbs: string, specifier: string): string[] {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return [];
  const base = path.resolve(path.dirname(fromAbs), specifier);
  const candidates = CANDIDATE_SUFFIXES.map((suffix) => base + suffix);
  const jsToTs = base.match(/^(.*)\.(m|c)?js$/);
  if (jsToTs) {
    const stem = jsToTs[1];
    const flavour = jsToTs[2] ?? '';
    candidates.splice(1, 0, `${stem}.${flavour}ts`, `${stem}.tsx`);
  }
  return candidates;
}

/** `node:fs` → `fs`; `fs/promises` → `fs` + ['promises']; other packages as written. */
export function normalisePackageSpecifier(specifier: string): { module: string; members: string[] } {
  const bare = specifier.replace(/^node:/, '');
  if (bare === 'fs/promises') return { module: 'fs', members: ['promises'] };
  if (bare === 'timers/promises') return { module: 'timers', members: ['promises'] };
  return { module: bare, members: [] };
}
