/**
 * Least privilege, checked rather than assumed: walks every IAM statement attached to every Lambda
 * function's role in synthesized templates and compares it with what the function's handler does
 * according to the table design (`handlers[]`).
 *
 * Violations: `*` or `dynamodb:*`-style actions, NotAction/NotResource, a `*` resource for a DynamoDB
 * action, a DynamoDB action the handler does not perform, a design table the handler does not use,
 * index ARNs for a handler that queries no index, DynamoDB managed policies, and DynamoDB access
 * of a function whose handler is unknown. `missing` lists what a handler needs but is not granted.
 */
import type { TableDesign } from '../model/table-design';
import { listHandlerGrants } from './listHandlerGrants';
import { readFunctionGrants, type CfnTemplateLike, type FunctionGrants } from './readFunctionGrants';

export type ViolationKind =
  | 'wildcard-action'
  | 'wildcard-resource'
  | 'negated-statement'
  | 'action-not-performed'
  | 'table-not-used'
  | 'index-not-queried'
  | 'broad-managed-policy'
  | 'unknown-function';

export interface Violation {
  kind: ViolationKind;
  /** `<stack>/<construct path or logical id>` of the function. */
  function: string;
  message: string;
}

export interface MissingGrant {
  function: string;
  table: string;
  action: string;
  on: 'table' | 'index';
}

export interface AuditOptions {
  /**
   * Which handler file(s) each function runs, relative to the design's root. Keys are construct
   * paths (`NotesStack/GetNoteFunction`, matching `aws:cdk:path` metadata) or logical ids; `null`
   * means the function must have no DynamoDB access. Functions not listed are matched by their
   * `Handler` (`getNote.handler` → a unique design handler file named getNote), when possible.
   */
  functions?: Record<string, string | string[] | null>;
}

export interface AuditResult {
  /** No violation (see `missing` for grants a handler needs but lacks). */
  ok: boolean;
  violations: Violation[];
  missing: MissingGrant[];
  /** Resources of DynamoDB statements that are not tables of the design (for information). */
  unrecognized: string[];
}

interface HandlerNeed {
  /** Lower-cased action → the action as the design writes it (IAM compares actions case-insensitively). */
  actions: Map<string, string>;
  indexes: Set<string>;
}

const normalizeFile = (file: string) => file.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/, '');
const normalizeAction = (action: string) => (action.includes(':') ? action : `dynamodb:${action}`).toLowerCase();

function needsOf(files: string[], design: TableDesign): Map<string, HandlerNeed> {
  const wanted = new Set(files.map(normalizeFile));
  const needs = new Map<string, HandlerNeed>();
  for (const handler of design.handlers ?? []) {
    if (!wanted.has(normalizeFile(handler.file))) continue;
    for (const grant of listHandlerGrants(handler)) {
      const need = needs.get(grant.table) ?? { actions: new Map<string, string>(), indexes: new Set<string>() };
      for (const action of grant.actions) need.actions.set(normalizeAction(action), action);
      for (const index of grant.indexes) need.indexes.add(index);
      needs.set(grant.table, need);
    }
  }
  return needs;
}

function handlerFilesOf(grants: FunctionGrants, design: TableDesign, options: AuditOptions): string[] | undefined {
  for (const [key, value] of Object.entries(options.functions ?? {})) {
    if (key === grants.logicalId || grants.path === key || grants.path?.startsWith(`${key}/`)) {
      return value === null ? [] : Array.isArray(value) ? value : [value];
    }
  }
  const handler = grants.handler;
  if (!handler || !handler.includes('.')) return undefined;
  const modulePath = handler.slice(0, handler.lastIndexOf('.'));
  if (modulePath === 'index') return undefined;
  const files = [...new Set((design.handlers ?? []).map((entry) => entry.file))].filter((file) => {
    const normalized = normalizeFile(file);
    return normalized === modulePath || normalized.endsWith(`/${modulePath}`);
  });
  return files.length === 1 ? files : undefined;
}

export function auditLeastPrivilege(
  templates: Record<string, CfnTemplateLike> | CfnTemplateLike,
  design: TableDesign,
  options: AuditOptions = {},
): AuditResult {
  const byStack = 'Resources' in templates ? { Stack: templates as CfnTemplateLike } : (templates as Record<string, CfnTemplateLike>);
  const violations: Violation[] = [];
  const missing: MissingGrant[] = [];
  const unrecognized = new Set<string>();
  for (const grants of readFunctionGrants(byStack, design.tables)) {
    const name = `${grants.stack}/${grants.path?.replace(/\/Resource$/, '').replace(`${grants.stack}/`, '') ?? grants.logicalId}`;
    const add = (kind: ViolationKind, message: string) => {
      if (!violations.some((violation) => violation.function === name && violation.message === message)) violations.push({ kind, function: name, message });
    };
    const files = handlerFilesOf(grants, design, options);
    const needs = files ? needsOf(files, design) : new Map<string, HandlerNeed>();
    const handlerText = files ? (files.length > 0 ? files.join(', ') : 'a handler that uses no table') : 'an unknown handler';
    for (const policy of grants.managedPolicies) {
      if (/AmazonDynamoDB|AdministratorAccess|PowerUserAccess/.test(policy)) add('broad-managed-policy', `${name} has the managed policy ${policy}`);
    }
    const granted: { action: string; table: string; kind: string }[] = [];
    for (const statement of grants.statements) {
      if (statement.effect !== 'Allow') continue;
      const dynamo = statement.actions.filter((action) => action === '*' || action.toLowerCase().startsWith('dynamodb:'));
      if (statement.negated && (dynamo.length > 0 || statement.negated === 'NotAction')) {
        add('negated-statement', `${name}: an Allow statement with ${statement.negated} (${statement.source}) grants more than it lists`);
        continue;
      }
      for (const rawAction of dynamo) {
        const action = rawAction.toLowerCase();
        if (action.includes('*')) {
          add('wildcard-action', `${name}: action "${rawAction}" in ${statement.source}; list the exact DynamoDB actions`);
          for (const resource of statement.resources) if ('table' in resource) granted.push({ action, table: resource.table, kind: resource.kind });
          continue;
        }
        for (const resource of statement.resources) {
          if (resource.kind === 'wildcard') {
            add('wildcard-resource', `${name}: ${rawAction} on resource "*" in ${statement.source}`);
            continue;
          }
          if (resource.kind === 'other') {
            unrecognized.add(resource.text);
            continue;
          }
          granted.push({ action, table: resource.table, kind: resource.kind });
          if (!files) {
            add('unknown-function', `${name} has DynamoDB access but its handler is unknown; map it in options.functions`);
            continue;
          }
          const need = needs.get(resource.table);
          if (!need) add('table-not-used', `${name}: ${rawAction} on table ${resource.table}, which ${handlerText} does not use`);
          else if (!need.actions.has(action)) add('action-not-performed', `${name}: ${rawAction} on ${resource.table} is not performed by ${handlerText}`);
          else if (resource.kind === 'index' && need.indexes.size === 0) add('index-not-queried', `${name}: ${rawAction} on ${resource.table}'s indexes, but ${handlerText} queries no index`);
        }
      }
    }
    const covers = (grant: { action: string; table: string; kind: string }, table: string, kind: string, action: string) =>
      grant.table === table && grant.kind === kind && new RegExp(`^${grant.action.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(action);
    for (const [table, need] of needs) {
      for (const [action, written] of need.actions) {
        if (!granted.some((grant) => covers(grant, table, 'table', action))) {
          missing.push({ function: name, table, action: written, on: 'table' });
        }
        if (need.indexes.size > 0 && (action === 'dynamodb:query' || action === 'dynamodb:scan') &&
          !granted.some((grant) => covers(grant, table, 'index', action))) {
          missing.push({ function: name, table, action: written, on: 'index' });
        }
      }
    }
  }
  return { ok: violations.length === 0, violations, missing, unrecognized: [...unrecognized] };
}
