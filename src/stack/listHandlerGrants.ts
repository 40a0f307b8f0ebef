/**
 * What one `handlers[]` entry of the design grants, per table. `grants` (written by plan) is exact
 * per table; without it, `actions` and `indexes` apply to every table in `tables` (the contract's
 * minimal form, e.g. a design written by hand).
 */
import type { HandlerDesign } from '../model/table-design';

export interface TableGrant {
  table: string;
  /** `dynamodb:<Action>` (a bare `GetItem` in the design is read as `dynamodb:GetItem`). */
  actions: string[];
  indexes: string[];
}

export function toDynamoAction(action: string): string {
  return action.includes(':') ? action : `dynamodb:${action}`;
}

export function listHandlerGrants(handler: HandlerDesign): TableGrant[] {
  if (Array.isArray(handler.grants) && handler.grants.length > 0) {
    return handler.grants.map((grant) => ({
      table: grant.table,
      actions: (grant.actions ?? []).map(toDynamoAction),
      indexes: grant.indexes ?? [],
    }));
  }
  return (handler.tables ?? []).map((table) => ({
    table,
    actions: (handler.actions ?? []).map(toDynamoAction),
    indexes: handler.indexes ?? [],
  }));
}
