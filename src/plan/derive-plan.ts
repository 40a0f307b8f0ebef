import type { AccessModel } from '../model/access-model';
import type { TableDesign } from '../model/table-design';
import { findAccessNeeds } from './access-needs';
import { applyChoices, parseChoiceFlags, type ChoiceFlags } from './apply-choices';
import { completeDesign } from './complete-design';
import { findCompositeKeys } from './find-composite-keys';
import { createSingleTable, createTablePerEntity } from './rules/choose-keys';
import { hasSequentialIds, setIdStrategy } from './rules/choose-id-strategy';
import { addOverloadedIndexes, addTableIndexes, findIndexNeeds } from './rules/plan-lookup-indexes';
import { planPagination } from './rules/plan-pagination';
import { planRelations } from './rules/plan-relations';
import { planTtl } from './rules/plan-ttl';
import { linkUniqueIndexes, planUniqueness } from './rules/plan-uniqueness';

export interface DeriveOptions extends ChoiceFlags {
  singleTable?: boolean;
}

/**
 * The table design for an access model: pure and deterministic (same model and options, same
 * JSON bytes). Flags are applied as choices on top of what the code implies.
 */
export function derivePlan(model: AccessModel, options: DeriveOptions = {}): TableDesign {
  const base = deriveStructure(model, { singleTable: options.singleTable });
  return completeDesign(applyChoices(base, model, parseChoiceFlags(options)), model);
}

/** What the code alone implies (no flags but the layout), completed. `plan` keeps it to tell edits from code changes. */
export function deriveBaseDesign(model: AccessModel, options: { singleTable?: boolean } = {}): TableDesign {
  return completeDesign(deriveStructure(model, options), model);
}

/** The rules, in dependency order: keys, ids, uniqueness, TTL, indexes, pagination, relations. */
function deriveStructure(model: AccessModel, options: { singleTable?: boolean }): TableDesign {
  const analysis = findAccessNeeds(model);
  const design = options.singleTable ? createSingleTable(model) : createTablePerEntity(model);
  for (const entity of model.entities) if (hasSequentialIds(entity)) setIdStrategy(design, entity.name, 'counter', entity.key.type);
  planUniqueness(design, analysis);
  planTtl(design, model, analysis);
  const indexNeeds = findIndexNeeds(analysis, design, model);
  if (options.singleTable) addOverloadedIndexes(design, model, indexNeeds);
  else addTableIndexes(design, model, indexNeeds);
  linkUniqueIndexes(design);
  planPagination(design, analysis);
  planRelations(design, analysis);
  return design;
}

/** Notes the rules could not turn into design (unmapped joins, TTL on a non-time field), for plan.md. */
export function getPlanNotes(model: AccessModel): string[] {
  const analysis = findAccessNeeds(model);
  const design = createTablePerEntity(model);
  const wideKeys = [...findCompositeKeys(model)]
    .filter(([, key]) => key.extra.length)
    .map(([entity, key]) => `${entity}: its SQLite primary key has more than two columns (${[key.partitionKey.name, key.sortKey.name, ...key.extra].join(', ')}); the table is keyed on ${key.partitionKey.name} + ${key.sortKey.name} only, so rows that differ only in ${key.extra.join(', ')} would overwrite each other. Make the sort key a derived text attribute joining ${[key.sortKey.name, ...key.extra].join(' and ')} by hand.`);
  // `id: todos.length`: the counter keeps the numbers, but an empty table's first id is 1, not 0
  const zeroBased = model.diagnostics.filter((diagnostic) => diagnostic.code === 'zero-based-ids').map((diagnostic) => `${diagnostic.file}:${diagnostic.line}: ${diagnostic.message}.`);
  // SQLite transactions become sequential writes: what a failure in the middle leaves behind
  const transactions = model.diagnostics.filter((diagnostic) => diagnostic.code === 'sql-transaction').map((diagnostic) => `${diagnostic.file}:${diagnostic.line}: ${diagnostic.message}.`);
  return [...analysis.notes, ...planTtl(design, model, analysis), ...wideKeys, ...zeroBased, ...transactions];
}
