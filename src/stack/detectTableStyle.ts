/**
 * Which table construct an existing CDK app already uses: `Table` when its sources create a v1
 * `dynamodb.Table` (and no `TableV2`), so the generated stack matches the project's style.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TableStyle } from './renderTableDefinition';

const SKIP = new Set(['node_modules', 'cdk.out', '.git', 'dist', 'build']);

function listSources(directory: string, depth = 0): string[] {
  if (depth > 6) return [];
  return readdirSync(directory).flatMap((name) => {
    if (SKIP.has(name) || name.startsWith('.')) return [];
    const full = join(directory, name);
    const stats = statSync(full);
    if (stats.isDirectory()) return listSources(full, depth + 1);
    return /\.(ts|js|mts|cts)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

export function detectTableStyle(cdkDir: string): TableStyle {
  let usesTable = false;
  for (const file of listSources(cdkDir)) {
    const text = readFileSync(file, 'utf8');
    if (!/aws-dynamodb|aws_dynamodb/.test(text)) continue;
    if (/\bnew\s+(?:[\w$]+\.)*TableV2\s*\(/.test(text)) return 'TableV2';
    if (/\bnew\s+(?:[\w$]+\.)*Table\s*\(/.test(text)) usesTable = true;
  }
  return usesTable ? 'Table' : 'TableV2';
}
