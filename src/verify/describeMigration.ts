/**
 * What `verify` shows once the migration is checked: each table's definition, one updated handler
 * (the diff of its file against the original, a read-by-id handler when there is one), and the
 * DynamoDB actions granted to each handler.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { TableDesign, TableDesignEntry } from '../model/table-design';

export interface MigrationSummary {
  tables: string[];
  /** One updated handler: its file and the diff (or, without the original, its DynamoDB lines). */
  handler?: { id: string; file: string; diff: string[] };
  /** `<handler>: dynamodb:GetItem on Notes`, one line per handler. */
  iam: string[];
}

const MAX_DIFF_LINES = 60;

function describeKey(key: { name: string; type: string }): string {
  return `${key.name} (${key.type})`;
}

export function describeTable(table: TableDesignEntry): string {
  const parts = [`partition key ${describeKey(table.partitionKey)}`];
  if (table.sortKey) parts.push(`sort key ${describeKey(table.sortKey)}`);
  for (const gsi of table.gsis) parts.push(`GSI ${gsi.name} on ${describeKey(gsi.partitionKey)}${gsi.sortKey ? ` + ${describeKey(gsi.sortKey)}` : ''}`);
  if (table.ttlAttribute) parts.push(`TTL on ${table.ttlAttribute}`);
  parts.push(table.billing === 'PAY_PER_REQUEST' ? 'on-demand' : table.billing);
  if (table.pointInTimeRecovery) parts.push('point-in-time recovery');
  return `${table.name}${table.purpose && table.purpose !== 'entity' ? ` [${table.purpose}]` : ''}: ${parts.join(', ')} (env ${table.envVar})`;
}

function describeGrants(design: TableDesign): string[] {
  return design.handlers.map((handler) => {
    const grants = handler.grants ?? [{ table: handler.tables.join(','), actions: handler.actions, indexes: handler.indexes }];
    const text = grants.map((grant) => `${grant.actions.map((action) => `dynamodb:${action}`).join(', ')} on ${grant.table}${grant.indexes?.length ? ` (+ index ${grant.indexes.join(', ')})` : ''}`).join('; ');
    return `${handler.id ?? handler.handler ?? handler.file}: ${text}`;
  });
}

/** Handlers in the order worth showing: read-by-id (GetItem only) first, then by id. */
function candidates(design: TableDesign): TableDesign['handlers'] {
  const rank = (handler: TableDesign['handlers'][number]) => (handler.actions.length === 1 && handler.actions[0] === 'GetItem' ? 0 : 1);
  return [...design.handlers].sort((a, b) => rank(a) - rank(b) || (a.id ?? a.file).localeCompare(b.id ?? b.file));
}

const ROUTE_CALL = /\.(get|post|put|patch|delete|all|head|options|route)\s*\(\s*['"`]/i;

/**
 * The lines of a route handler in its file: from the registration of its path (or the longest
 * tail of it, for routers mounted under a prefix) to the next route registration. Lambda handler
 * ids (`file#export`) and routes not found give the whole file.
 */
export function extractRouteBlock(text: string, handlerId: string): string {
  const route = /^([A-Z]+) (\/\S*)/.exec(handlerId);
  if (!route) return text;
  const lines = text.split('\n');
  const segments = route[2].split('/');
  for (let drop = 1; drop < segments.length; drop++) {
    const tail = `/${segments.slice(drop).join('/')}`;
    const quoted = [`'${tail}'`, `"${tail}"`, `\`${tail}\``];
    const start = lines.findIndex((line) => quoted.some((literal) => line.includes(literal)) && new RegExp(`\\.${route[1].toLowerCase()}\\s*\\(|method:\\s*['"]${route[1]}`, 'i').test(line));
    if (start === -1) continue;
    let end = lines.findIndex((line, index) => index > start && ROUTE_CALL.test(line));
    if (end === -1) end = lines.length;
    while (end > start + 1 && lines[end - 1].trim() === '') end -= 1;
    return `${lines.slice(start, end).join('\n')}\n`;
  }
  return text;
}

function read(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** The diff of one updated handler file; without an original, its lines that send DynamoDB commands. */
export function showUpdatedHandler(root: string, design: TableDesign, originalDir?: string): MigrationSummary['handler'] {
  for (const handler of candidates(design)) {
    const migrated = read(path.join(root, handler.file));
    if (migrated === undefined) continue;
    const id = handler.id ?? handler.handler ?? handler.file;
    if (originalDir) {
      const before = read(path.join(originalDir, handler.file));
      if (before === undefined || before === migrated) continue;
      const patch = createTwoFilesPatch(`a/${handler.file}`, `b/${handler.file}`, extractRouteBlock(before, id), extractRouteBlock(migrated, id), undefined, undefined, { context: 3 })
        .split('\n')
        .filter((line, index, all) => !/^(={10,}|Index: )/.test(line) && (index < all.length - 1 || line !== ''));
      const diff = patch.length > MAX_DIFF_LINES ? [...patch.slice(0, MAX_DIFF_LINES), `… ${patch.length - MAX_DIFF_LINES} more diff lines`] : patch;
      return { id, file: handler.file, diff };
    }
    const lines = migrated.split('\n').map((line, index) => `${index + 1}: ${line}`).filter((line) => /\b\w+Command\b|scanAll|queryAll|nextId/.test(line));
    if (lines.length) return { id, file: handler.file, diff: lines.slice(0, 15) };
  }
  return undefined;
}

export function describeMigration(root: string, design: TableDesign, originalDir?: string): MigrationSummary {
  const handler = showUpdatedHandler(root, design, originalDir);
  return { tables: design.tables.map(describeTable), ...(handler ? { handler } : {}), iam: describeGrants(design) };
}

export function formatMigrationSummary(summary: MigrationSummary): string {
  const lines = ['Tables:', ...summary.tables.map((line) => `  ${line}`)];
  if (summary.handler) lines.push(`Updated handler ${summary.handler.id} (${summary.handler.file}):`, ...summary.handler.diff.map((line) => `  ${line}`));
  lines.push('IAM actions granted:', ...summary.iam.map((line) => `  ${line}`));
  return lines.join('\n');
}
