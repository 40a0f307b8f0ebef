import * as path from 'node:path';
import { candidatePathsFor } from '../project/resolveModuleSpecifier';

/** Specifiers in `require('…')`, `import('…')`, `import … from '…'`, `export … from '…'` and `import '…'`. */
const SPECIFIERS = /\brequire\s*\(\s*(['"`])([^'"`\n]+)\1\s*\)|\bimport\s*\(\s*(['"`])([^'"`\n]+)\3|\bfrom\s*(['"])([^'"\n]+)\5|\bimport\s*(['"])([^'"\n]+)\7/g;

/**
 * The project files a source file may import, read from its text without parsing: every relative
 * specifier that looks like an import, resolved the way the scanner resolves modules (the first
 * candidate path the project has). A specifier inside a comment or string adds an edge the
 * scanner would not follow: harmless, it only puts one more file into a shard. Non-relative
 * specifiers (packages, path aliases) are not followed by the scanner either.
 */
export function readModuleEdges(fromAbs: string, text: string, files: Set<string>): string[] {
  const found = new Set<string>();
  SPECIFIERS.lastIndex = 0;
  for (let match = SPECIFIERS.exec(text); match; match = SPECIFIERS.exec(text)) {
    const specifier = match[2] ?? match[4] ?? match[6] ?? match[8];
    if (!specifier || (!specifier.startsWith('.') && !specifier.startsWith('/'))) continue;
    const target = candidatePathsFor(fromAbs, specifier).find((candidate) => files.has(candidate));
    if (target && target !== path.resolve(fromAbs)) found.add(target);
  }
  return [...found];
}
