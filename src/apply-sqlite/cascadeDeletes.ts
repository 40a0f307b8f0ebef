/**
 * ON DELETE CASCADE without foreign keys: after the parent's DeleteItem, the children the plan
 * lists under the parent's `cascade` are read with a Query (on the planned GSI, or on the child
 * table whose partition key is the reference) and deleted by key with BatchWriteItem, only when
 * the parent was really there. One level: SQLite's cascade through a child's own children needs
 * the plan to list them, so those stay a TODO.
 */
import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { buildQueryIndex, expression, statement, type Part } from '../emit';
import { buildBatchDelete } from '../emit/commands/buildBatchDelete';
import type { SiteContext } from './siteContext';

export interface CascadeStep {
  /** Constant holding the child table's name. */
  constName: string;
  keyNames: string[];
  index?: string;
  attribute: string;
  entity: string;
}

/** The child deletes the plan asks for when a `ctx.target` item is deleted; `{ todo }` when one cannot be written. */
export function findCascadeSteps(ctx: SiteContext): CascadeStep[] | { todo: string } {
  const { design } = ctx.rewrite.analysis;
  const steps: CascadeStep[] = [];
  for (const cascade of ctx.target.entity.cascade ?? []) {
    const child = design.entities[cascade.entity];
    const table = child && design.tables.find((candidate) => candidate.name === child.table);
    if (!child || !table || design.layout === 'single-table') return { todo: `ON DELETE CASCADE to ${cascade.entity}: the plan has no table for it; delete its items by hand, then re-run` };
    if ((child.cascade ?? []).length) return { todo: `ON DELETE CASCADE continues from ${cascade.entity} to ${child.cascade!.map((next) => next.entity).join(', ')}: delete those items too, then re-run` };
    const onTable = !cascade.index && table.partitionKey.name === cascade.attribute;
    if (!cascade.index && !onTable) return { todo: `ON DELETE CASCADE to ${cascade.entity}: the plan has no index on ${cascade.attribute}; add one in .migration/dynamodb.json, then re-run` };
    steps.push({
      constName: table.envVar,
      keyNames: [table.partitionKey.name, ...(table.sortKey ? [table.sortKey.name] : [])],
      ...(cascade.index ? { index: cascade.index } : {}),
      attribute: cascade.attribute,
      entity: cascade.entity,
    });
  }
  return steps;
}

/**
 * `if (<deleted>.Attributes) { await batchDeleteAll(CHILDREN, (await queryAll({ … })).map(…)); … }`,
 * the children keyed by the deleted item's own key value.
 */
export function buildCascade(ctx: SiteContext, steps: CascadeStep[], resultName: string): ReturnType<typeof statement> {
  const e = ctx.rewrite.emit;
  const i = e.style.indent;
  const end = e.style.semicolons ? ';' : '';
  const parts: Part[] = [`if (${resultName}.Attributes) {\n${i}// ON DELETE CASCADE: its ${steps.map((step) => step.entity).join(' and ')} items go with it\n`];
  for (const step of steps) {
    const parentKey = expression(e, [`${resultName}.Attributes.${ctx.target.keyName}`]);
    const query = buildQueryIndex(e, { constName: step.constName, keyName: step.keyNames[0] }, { ...(step.index ? { index: step.index } : {}), attribute: step.attribute, value: parentKey as ExpressionKind });
    parts.push(i, buildBatchDelete(e, step.constName, step.keyNames, query), `${end}\n`);
  }
  parts.push('}');
  return statement(e, parts);
}
