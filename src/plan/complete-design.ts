import type { AccessModel } from '../model/access-model';
import type { TableDesign } from '../model/table-design';
import { findAccessNeeds } from './access-needs';
import { getTemplateAttributes, isSingleTable } from './design-lookup';
import { orderDesignKeys } from './order-design-keys';
import { listApiChanges } from './rules/list-api-changes';
import { planAccessPatterns } from './rules/plan-access-patterns';
import { planHandlerGrants } from './rules/plan-handler-grants';

/**
 * The parts of the design that follow from the code and the tables as they stand: handler
 * grants, access patterns with costs, API changes. Recomputed on every run, after people's edits
 * are merged, so removing a GSI by hand turns its Query into a Scan in the grants and costs.
 * Also drops helper items nothing uses any more (a counter table after a switch to uuid ids,
 * a derived key attribute whose GSI was removed).
 */
export function completeDesign(design: TableDesign, model: AccessModel): TableDesign {
  const result: TableDesign = structuredClone(design);
  pruneUnused(result);
  const analysis = findAccessNeeds(model);
  result.handlers = planHandlerGrants(result, model, analysis);
  result.accessPatterns = planAccessPatterns(result, model, analysis);
  result.apiChanges = listApiChanges(result, model, analysis);
  return orderDesignKeys(result);
}

function pruneUnused(design: TableDesign): void {
  const entities = Object.entries(design.entities ?? {});
  if (!isSingleTable(design)) {
    design.tables = design.tables.filter((table) => {
      if (table.purpose !== 'counters' && table.purpose !== 'unique-values') return true;
      const served = entities
        .filter(([, entity]) => (table.purpose === 'counters' ? entity.counter?.table === table.name : entity.uniqueAttributes?.some((item) => item.table === table.name)))
        .map(([name]) => name);
      if (!served.length) return false;
      table.entity = served[0];
      table.entities = served;
      return true;
    });
  }
  for (const [name, entity] of entities) {
    if (!entity.derivedAttributes) continue;
    const table = design.tables.find((item) => item.name === entity.table);
    const used = new Set<string>();
    for (const gsi of table?.gsis ?? []) {
      used.add(gsi.partitionKey?.name);
      if (gsi.sortKey) used.add(gsi.sortKey.name);
    }
    for (const keys of Object.values(entity.indexKeys ?? {})) {
      for (const attribute of [...getTemplateAttributes(keys.partitionKey), ...getTemplateAttributes(keys.sortKey ?? '')]) used.add(attribute);
    }
    const kept = entity.derivedAttributes.filter((item) => (item.as === 'epoch-seconds' ? table?.ttlAttribute === item.name : used.has(item.name)));
    if (kept.length) entity.derivedAttributes = kept;
    else delete design.entities[name].derivedAttributes;
  }
}
