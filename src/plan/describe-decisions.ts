import type { AccessModel } from '../model/access-model';
import type { TableDesign } from '../model/table-design';
import { findEntityTable, isSingleTable } from './design-lookup';
import { findNaturalKeys } from './find-natural-keys';
import { findServingTableKey } from './index-resolver';
import { pluralise, withArticle } from './naming';

/** Why the design looks the way it does, one plain-language line per decision, for plan.md. */
export function describeDecisions(design: TableDesign, model: AccessModel): string[] {
  const lines: string[] = [];
  if (isSingleTable(design)) {
    lines.push(
      `**One table for everything** (\`--single-table\`): every item has typed keys \`PK\`/\`SK\` such as \`NOTE#<id>\`, so entities share the table without colliding; lists and lookups use shared ("overloaded") GSIs \`GSI1\`, \`GSI2\`… whose key values each entity fills from its own templates (\`entities.<Entity>.indexKeys\`). Fewer tables to run; harder to read by hand. Without the flag each entity gets its own table.`,
    );
  }
  const naturalKeys = findNaturalKeys(model);
  for (const [name, entity] of Object.entries(design.entities)) {
    const scanned = model.entities.find((item) => item.name === name);
    const table = findEntityTable(design, name);
    const natural = naturalKeys.get(name);
    if (natural && entity.idAttribute?.name === natural.key.name) {
      const where = natural.handlers.length ? ` (${natural.handlers.join(', ')})` : '';
      lines.push(
        `**${pluralise(name)} are keyed by ${natural.key.name}, not ${natural.replaces}:** the app finds ${withArticle(name)} only by its ${natural.key.name}${where} and never by ${natural.replaces}, and keeps ${natural.key.name} unique. With ${natural.key.name} as partition key each of those reads is one strongly consistent GetItem, and the create's \`attribute_not_exists(${natural.key.name})\` condition answers "already taken" with no guard item. Keyed by ${natural.replaces}, every read would first need a guard item or a GSI query (eventually consistent: a new ${name} could be missing for a moment). ${natural.replaces} stays an ordinary attribute, returned as before: no API change.`,
      );
    }
    if (table?.sortKey && !isSingleTable(design) && scanned && table.partitionKey.name === scanned.key.name) {
      lines.push(
        `**${pluralise(name)} have a two-part key** (SQLite \`PRIMARY KEY (${table.partitionKey.name}, ${table.sortKey.name})\`): ${table.partitionKey.name} is the partition key and ${table.sortKey.name} the sort key, so each row stays one item and all ${pluralise(name)} of one ${table.partitionKey.name} are a single Query on the table, no GSI.`,
      );
    }
    if (entity.idStrategy === 'counter' && entity.counter) {
      const how = scanned?.idStrategy === 'autoincrement' ? 'SQLite autoincrement' : '`length + 1` / `max + 1`';
      lines.push(
        `**${name} ids** come from ${how}. DynamoDB cannot count a table cheaply, and two requests at the same moment would get the same number, so an atomic counter item (\`${entity.counter.table}\`, key ${formatKey(entity.counter.key)}, UpdateItem ADD ${entity.counter.attribute} 1) hands out the next id: ids stay numbers and the API does not change. The counter starts at the highest existing id (migrate-data sets it).${scanned?.idStrategy === 'increment' ? ' Unlike `length + 1`, an id is never handed out twice after a delete.' : ''} Alternative: \`--id-strategy uuid\`, an API change.`,
      );
    } else if (entity.idStrategy === 'uuid' && scanned && (scanned.idStrategy === 'increment' || scanned.idStrategy === 'autoincrement')) {
      lines.push(`**${name} ids** become random UUIDs (\`--id-strategy uuid\`): no counter to maintain, but an API change (see below).`);
    }
    for (const unique of entity.uniqueAttributes ?? []) {
      const lookup =
        unique.lookup === 'guard'
          ? `Looking ${withArticle(name)} up by ${unique.attribute} reads the guard (it holds the id) and then the ${name}: two small strongly consistent reads, so no GSI is needed and ${withArticle(name)} created a moment ago is found at once.`
          : unique.lookup === 'index'
            ? `The code also reads ${pluralise(name)} by ${unique.attribute} in ways a single guard read cannot answer (combined, sorted or paged), so GSI \`${unique.index ?? '?'}\` serves those.`
            : '';
      lines.push(
        `**${name}.${unique.attribute} is unique.** A table is unique only on its key, so a guard item ${formatKey(unique.key)} in \`${unique.table}\` is written first with a conditional put (\`attribute_not_exists\`): a taken ${unique.attribute} fails that put and the app answers as it did before (409/400); the existence check the code made before becomes that condition. If the ${name} put then fails, the guard is deleted again. ${lookup}`.trim(),
      );
    }
    for (const derived of entity.derivedAttributes ?? []) {
      if (derived.as === 'string') {
        lines.push(`**${name}.${derived.from} is a boolean**, which DynamoDB cannot use as a key: items also carry \`${derived.name}\` ("true"/"false") for the index. Two values mean two index partitions, fine up to about 1,000 writes a second.`);
      } else if (derived.as === 'constant') {
        const index = table?.gsis.find((gsi) => gsi.partitionKey.name === derived.name);
        lines.push(
          `**All ${pluralise(name)} in order, page by page:** a Scan can neither sort nor page in order, so every ${name} carries \`${derived.name}\` = "${derived.value}" and GSI \`${index?.name ?? '?'}\` keeps them sorted${index?.sortKey ? ` by ${index.sortKey.name}` : ''}; each page is one Query. They share one index partition (about 1,000 writes a second).`,
        );
      } else if (derived.as === 'epoch-seconds') {
        lines.push(
          `**${pluralise(name)} expire** on ${derived.from}. DynamoDB TTL needs epoch seconds, so items also carry \`${derived.name}\` = ${derived.from} in whole seconds (${derived.from} itself is kept as the API returns it). TTL deletion runs late, often days after the time, so every read still drops ${pluralise(name)} whose ${derived.from} has passed.`,
        );
      }
    }
    if (entity.pagination === 'cursor') {
      lines.push(`**${name} lists keep their page numbers:** DynamoDB has no OFFSET, so the migrated code reads every matching item (all pages of the Query or Scan) and the app's offset/page picks the slice: the API stays, and each page costs a read of all matching items. Cursor pagination (LastEvaluatedKey as an opaque \`nextCursor\`) is the recommended follow-up; it changes the API.`);
    }
    for (const cascade of entity.cascade ?? []) {
      lines.push(
        `**Deleting ${withArticle(name)} deletes its ${pluralise(cascade.entity)}** (there are no foreign keys to do it): Query ${cascade.index ? `GSI \`${cascade.index}\`` : servedByTable(design, cascade.entity, cascade.attribute) ? `the ${cascade.entity} table (its partition key)` : `a Scan (no GSI on ${cascade.attribute}!)`} on ${cascade.entity}.${cascade.attribute}, then BatchWriteItem deletes in chunks of 25, retrying unprocessed items.`,
      );
    }
    for (const join of entity.joins ?? []) {
      lines.push(
        join.kind === 'many-to-one'
          ? `**${name} → ${join.entity}** (${name}.${join.attribute}): DynamoDB has no JOIN, so the ${join.entity} is read by key, one BatchGetItem per page of ${pluralise(name)}. Copying ${join.entity} fields into each ${name} (denormalising) would save that read, but every ${join.entity} change would have to rewrite its ${pluralise(name)}.`
          : `**${name} → ${pluralise(join.entity)}** (${join.entity}.${join.attribute}): ${join.index ? `a Query on GSI \`${join.index}\`` : servedByTable(design, join.entity, join.attribute) ? `a Query on the ${join.entity} table (its partition key)` : 'a Scan (no GSI!)'} returns the ${pluralise(join.entity)} of one ${name}.`,
      );
    }
  }
  const scanned = (design.accessPatterns ?? []).filter((pattern) => pattern.scan);
  if (scanned.length) {
    lines.push(
      `**Scans:** ${scanned.map((pattern) => `"${pattern.description}"`).join(', ')} read${scanned.length === 1 ? 's' : ''} the whole table on every call, because no key or index answers ${scanned.length === 1 ? 'it' : 'them'} (the code returns every item anyway). Fine for hundreds of items; for more, add a GSI (\`--gsi Entity.attribute\`).`,
    );
  }
  lines.push('**Consistency:** reads by key are strongly consistent, as the old store was; GSI queries are eventually consistent (DynamoDB offers nothing else on a GSI).');
  return lines;
}

function servedByTable(design: TableDesign, entity: string, attribute: string): boolean {
  return findServingTableKey(design, entity, attribute) !== undefined;
}

function formatKey(key: Record<string, string>): string {
  return Object.entries(key)
    .map(([name, value]) => `\`${name} = ${value}\``)
    .join(', ');
}
