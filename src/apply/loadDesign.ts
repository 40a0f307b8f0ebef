/** Reads `.migration/dynamodb.json` for apply, with clear messages for a missing or broken file. */
import * as fs from 'node:fs';
import type { TableDesign } from '../model/table-design';

export class DesignError extends Error {}

export function loadDesign(designPath: string): TableDesign {
  if (!fs.existsSync(designPath)) {
    throw new DesignError(`${designPath}: no table design; run \`dynamodb-codemod plan <dir>\` first (or pass --design)`);
  }
  let design: TableDesign;
  try {
    design = JSON.parse(fs.readFileSync(designPath, 'utf8'));
  } catch (error) {
    throw new DesignError(`${designPath}: not valid JSON (${(error as Error).message}); fix the file or run plan again`);
  }
  const problems: string[] = [];
  if (design?.version !== 1) problems.push('"version" must be 1');
  if (!Array.isArray(design?.tables)) problems.push('"tables" must be an array');
  if (!design?.entities || typeof design.entities !== 'object') problems.push('"entities" must be an object');
  for (const [index, table] of (Array.isArray(design?.tables) ? design.tables : []).entries()) {
    if (!table?.name || !table.envVar || !table.partitionKey?.name) problems.push(`tables[${index}] needs "name", "envVar" and "partitionKey"`);
    if (table && !Array.isArray(table.gsis)) table.gsis = [];
  }
  for (const [name, entity] of Object.entries(design?.entities ?? {})) {
    if (!entity?.table) problems.push(`entities.${name} needs "table"`);
    else if (Array.isArray(design.tables) && !design.tables.some((table) => table.name === entity.table)) problems.push(`entities.${name}.table "${entity.table}" is not a table of the design`);
  }
  if (problems.length) throw new DesignError(`${designPath}: ${problems.join('; ')}`);
  return design;
}
