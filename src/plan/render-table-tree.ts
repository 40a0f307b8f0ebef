import type { KeyAttribute, TableDesign, TableDesignEntry } from '../model/table-design';

/**
 * The tables as a tree, for the terminal and plan.md:
 *
 *   Todos  (env TODOS_TABLE_NAME)
 *   ├─ partition key: id (number)
 *   ├─ attributes: title (string), completed (boolean), createdAt (string)
 *   ├─ GSI completed-createdAt-index: completedKey (string) ▸ sort createdAt (string), projects ALL
 *   ├─ TTL: none
 *   └─ billing: pay-per-request · point-in-time recovery on · removal policy destroy
 */
export function renderTableTree(design: TableDesign): string {
  return design.tables.map((table) => renderTable(design, table)).join('\n\n');
}

function renderTable(design: TableDesign, table: TableDesignEntry): string {
  const lines: string[] = [];
  const entities = Object.entries(design.entities).filter(([, entity]) => entity.table === table.name);
  const title = table.purpose === 'counters' ? ' — id counters' : table.purpose === 'unique-values' ? ' — uniqueness guards' : table.purpose === 'single-table' ? ` — ${entities.map(([name]) => name).join(', ')}` : '';
  lines.push(`${table.name}  (env ${table.envVar})${title}`);
  lines.push(`partition key: ${formatKey(table.partitionKey)}`);
  lines.push(table.sortKey ? `sort key: ${formatKey(table.sortKey)}` : 'sort key: none');
  if (table.purpose === 'single-table') {
    for (const [name, entity] of entities) {
      const keys = entity.keys ? `${entity.keys.partitionKey}${entity.keys.sortKey ? ` / ${entity.keys.sortKey}` : ''}` : '?';
      lines.push(`${name} items: ${keys}; attributes ${formatAttributes(entity.attributes)}`);
    }
  } else if (table.purpose === 'counters') {
    lines.push(`items: one per entity (${(table.entities ?? [table.entity]).join(', ')}), attribute value = last id`);
  } else if (table.purpose === 'unique-values') {
    lines.push(`items: one per claimed value, holding the owner's id (${(table.entities ?? [table.entity]).join(', ')})`);
  } else {
    const entity = design.entities[table.entity];
    lines.push(`attributes: ${formatAttributes(entity?.attributes, table.partitionKey.name)}`);
  }
  for (const gsi of table.gsis) {
    const projection = Array.isArray(gsi.projection) ? gsi.projection.join(', ') : gsi.projection;
    const sort = gsi.sortKey ? ` ▸ sort ${formatKey(gsi.sortKey)}` : '';
    const used = table.purpose === 'single-table' ? usedBy(design, table, gsi.name) : '';
    lines.push(`GSI ${gsi.name}: ${formatKey(gsi.partitionKey)}${sort}, projects ${projection}${used}`);
  }
  if (!table.gsis.length && table.purpose !== 'counters' && table.purpose !== 'unique-values') lines.push('GSIs: none');
  lines.push(table.ttlAttribute ? `TTL: ${table.ttlAttribute} (epoch seconds${ttlSource(design, table)})` : 'TTL: none');
  lines.push(`billing: pay-per-request · point-in-time recovery ${table.pointInTimeRecovery ? 'on' : 'off'} · removal policy ${table.removalPolicy}`);
  return lines.map((line, index) => (index === 0 ? line : `${index === lines.length - 1 ? '└─' : '├─'} ${line}`)).join('\n');
}

function formatKey(key: KeyAttribute): string {
  return `${key.name} (${key.type})`;
}

function formatAttributes(attributes: Record<string, string> | undefined, skip?: string): string {
  const list = Object.entries(attributes ?? {}).filter(([name]) => name !== skip);
  return list.length ? list.map(([name, type]) => `${name} (${type})`).join(', ') : 'none known';
}

function usedBy(design: TableDesign, table: TableDesignEntry, index: string): string {
  const users = Object.entries(design.entities)
    .filter(([, entity]) => entity.table === table.name && entity.indexKeys?.[index])
    .map(([name, entity]) => `${name} ${entity.indexKeys![index].partitionKey}`);
  return users.length ? ` — ${users.join('; ')}` : '';
}

function ttlSource(design: TableDesign, table: TableDesignEntry): string {
  for (const entity of Object.values(design.entities)) {
    if (entity.table !== table.name) continue;
    const derived = entity.derivedAttributes?.find((item) => item.name === table.ttlAttribute && item.as === 'epoch-seconds');
    if (derived?.from) return `, from ${derived.from}`;
  }
  return '';
}
