/**
 * Reads a synthesized CloudFormation template the way IAM will: for every Lambda function, every
 * policy statement attached to its execution role (role policies, inline policies, managed
 * policies), with each DynamoDB resource resolved to a table of the design.
 */
import type { TableDesignEntry } from '../model/table-design';
import { getTableNames } from './naming';

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

export interface CfnTemplateLike {
  Resources?: Record<string, CfnResource>;
}

export type ResourceTarget =
  | { kind: 'table' | 'index' | 'stream'; table: string }
  | { kind: 'wildcard' }
  | { kind: 'other'; text: string };

export interface GrantedStatement {
  source: string;
  effect: string;
  actions: string[];
  /** Set when the statement uses NotAction/NotResource (always too broad for this audit). */
  negated?: 'NotAction' | 'NotResource';
  resources: ResourceTarget[];
}

export interface FunctionGrants {
  stack: string;
  logicalId: string;
  /** Construct path from `aws:cdk:path` metadata, when the template has it. */
  path?: string;
  handler?: string;
  statements: GrantedStatement[];
  managedPolicies: string[];
}

const asArray = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Logical ids of the design's tables: `NotesTable` + 8 hex digits, as CDK names `this.notesTable = new TableV2(this, 'NotesTable')`. */
export function findTableLogicalIds(templates: Record<string, CfnTemplateLike>, tables: TableDesignEntry[]): Map<string, string> {
  const byLogicalId = new Map<string, string>();
  for (const template of Object.values(templates)) {
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      if (resource.Type !== 'AWS::DynamoDB::Table' && resource.Type !== 'AWS::DynamoDB::GlobalTable') continue;
      const table = tables.find((candidate) => new RegExp(`^${getTableNames(candidate).constructId}[0-9A-F]{8}$`).test(logicalId));
      if (table) byLogicalId.set(logicalId, table.name);
    }
  }
  return byLogicalId;
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function resolveResource(value: unknown, tables: TableDesignEntry[], logicalIds: Map<string, string>): ResourceTarget {
  if (value === '*') return { kind: 'wildcard' };
  const tableForLogicalId = (logicalId: string) =>
    logicalIds.get(logicalId) ?? tables.find((table) => new RegExp(`^${getTableNames(table).constructId}[0-9A-F]{8}$`).test(logicalId))?.name;
  if (typeof value === 'string') {
    const match = /:table\/([^/]+)(\/(index|stream)\/.*)?$/.exec(value);
    const table = match && tables.find((candidate) => candidate.name === match[1] || (candidate as { tableName?: string }).tableName === match[1]);
    if (table) return { kind: match![3] === 'index' ? 'index' : match![3] === 'stream' ? 'stream' : 'table', table: table.name };
    return { kind: 'other', text: value };
  }
  const object = value as Record<string, unknown> | null;
  if (object && Array.isArray(object['Fn::GetAtt'])) {
    const [logicalId, attribute] = object['Fn::GetAtt'] as [string, string];
    const table = tableForLogicalId(logicalId);
    if (table) return { kind: attribute === 'StreamArn' ? 'stream' : 'table', table };
  }
  if (object && typeof object['Fn::ImportValue'] === 'string') {
    const match = /FnGetAtt([A-Za-z0-9]+?[0-9A-F]{8})(Stream)?Arn[0-9A-F]{8}$/.exec(object['Fn::ImportValue'] as string);
    const table = match ? tableForLogicalId(match[1]) : undefined;
    if (table) return { kind: match![2] ? 'stream' : 'table', table };
  }
  if (object && Array.isArray(object['Fn::Join'])) {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    if (separator === '' && Array.isArray(parts) && parts.length === 2 && typeof parts[1] === 'string') {
      const base = resolveResource(parts[0], tables, logicalIds);
      if (base.kind === 'table' && /^\/index\//.test(parts[1])) return { kind: 'index', table: base.table };
      if (base.kind === 'table' && /^\/stream\//.test(parts[1])) return { kind: 'stream', table: base.table };
    }
  }
  return { kind: 'other', text: textOf(value) };
}

function readStatements(document: unknown, source: string, tables: TableDesignEntry[], logicalIds: Map<string, string>): GrantedStatement[] {
  const statements = asArray((document as { Statement?: unknown } | undefined)?.Statement) as Record<string, unknown>[];
  return statements.map((statement) => ({
    source,
    effect: String(statement.Effect ?? 'Allow'),
    actions: asArray(statement.Action ?? statement.NotAction).map(String),
    negated: statement.NotAction !== undefined ? 'NotAction' : statement.NotResource !== undefined ? 'NotResource' : undefined,
    resources: asArray(statement.Resource ?? statement.NotResource).map((resource) => resolveResource(resource, tables, logicalIds)),
  }));
}

const refersTo = (value: unknown, logicalId: string) => (value as { Ref?: string } | undefined)?.Ref === logicalId;

export function readFunctionGrants(templates: Record<string, CfnTemplateLike>, tables: TableDesignEntry[]): FunctionGrants[] {
  const logicalIds = findTableLogicalIds(templates, tables);
  const result: FunctionGrants[] = [];
  for (const [stack, template] of Object.entries(templates)) {
    const resources = template.Resources ?? {};
    for (const [logicalId, resource] of Object.entries(resources)) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const role = resource.Properties?.Role as { 'Fn::GetAtt'?: [string, string] } | undefined;
      const roleId = role?.['Fn::GetAtt']?.[0];
      const grants: FunctionGrants = {
        stack,
        logicalId,
        path: resource.Metadata?.['aws:cdk:path'] as string | undefined,
        handler: resource.Properties?.Handler as string | undefined,
        statements: [],
        managedPolicies: [],
      };
      if (!roleId) {
        if (role !== undefined) grants.managedPolicies.push(`role ${textOf(role)} defined outside this template`);
        result.push(grants);
        continue;
      }
      const roleResource = resources[roleId];
      for (const policy of asArray(roleResource?.Properties?.Policies) as { PolicyName?: string; PolicyDocument?: unknown }[]) {
        grants.statements.push(...readStatements(policy.PolicyDocument, `${roleId} inline ${policy.PolicyName ?? ''}`.trim(), tables, logicalIds));
      }
      grants.managedPolicies.push(...asArray(roleResource?.Properties?.ManagedPolicyArns).map(textOf));
      for (const [policyId, policy] of Object.entries(resources)) {
        if (policy.Type !== 'AWS::IAM::Policy' && policy.Type !== 'AWS::IAM::ManagedPolicy') continue;
        if (!asArray(policy.Properties?.Roles).some((entry) => refersTo(entry, roleId))) continue;
        grants.statements.push(...readStatements(policy.Properties?.PolicyDocument, policyId, tables, logicalIds));
      }
      result.push(grants);
    }
  }
  return result;
}
