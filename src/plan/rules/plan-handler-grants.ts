import type { AccessModel } from '../../model/access-model';
import type { HandlerDesign, TableDesign } from '../../model/table-design';
import type { AccessAnalysis } from '../access-needs';
import { ACTION_ORDER, resolveNeed, type Action } from '../resolve-requests';

/**
 * Per handler, exactly the DynamoDB actions its code needs, per table: GetItem/Query for
 * readers, PutItem/UpdateItem for writers, DeleteItem for deleters; Scan only where no key or
 * index serves the read, BatchGetItem/BatchWriteItem only for joins over lists and cascades.
 * `indexes` is set when the handler queries a GSI (IAM then needs `<table ARN>/index/*`).
 */
export function planHandlerGrants(design: TableDesign, model: AccessModel, analysis: AccessAnalysis): HandlerDesign[] {
  const ids = [...model.handlers.map((handler) => handler.id)];
  for (const need of analysis.needs) if (need.handler && !ids.includes(need.handler)) ids.push(need.handler);
  const handlers: HandlerDesign[] = [];
  for (const id of ids) {
    const grants = new Map<string, { actions: Set<Action>; indexes: Set<string> }>();
    for (const need of analysis.needs.filter((item) => item.handler === id)) {
      for (const request of resolveNeed(need, design, model)) {
        const grant = grants.get(request.table) ?? { actions: new Set<Action>(), indexes: new Set<string>() };
        grant.actions.add(request.action);
        if (request.index) grant.indexes.add(request.index);
        grants.set(request.table, grant);
      }
    }
    if (!grants.size) continue;
    const tables = [...grants.keys()].sort();
    const list = tables.map((table) => {
      const grant = grants.get(table)!;
      const indexes = [...grant.indexes].sort();
      return { table, actions: sortActions(grant.actions), ...(indexes.length ? { indexes } : {}) };
    });
    const indexes = [...new Set(list.flatMap((grant) => grant.indexes ?? []))].sort();
    handlers.push({
      ...locateHandler(model, id),
      actions: sortActions(new Set(list.flatMap((grant) => grant.actions as Action[]))),
      tables,
      ...(indexes.length ? { indexes } : {}),
      id,
      grants: list,
    });
  }
  return handlers;
}

function sortActions(actions: Set<Action>): string[] {
  return ACTION_ORDER.filter((action) => actions.has(action));
}

/** `lambda/getNote.ts#handler` → file + export; an HTTP route keeps its id as the handler name. */
function locateHandler(model: AccessModel, id: string): { file: string; handler?: string } {
  const record = model.handlers.find((handler) => handler.id === id);
  const hash = id.lastIndexOf('#');
  if (record?.kind === 'lambda' || (!record && hash > 0 && !id.includes(' '))) {
    const file = record?.file ?? id.slice(0, hash);
    return { file, handler: hash > 0 ? id.slice(hash + 1).replace(/ \(\d+\)$/, '') : 'handler' };
  }
  const file = record?.file ?? model.operations.find((op) => op.handler === id)?.file ?? '';
  return { file, handler: id };
}
