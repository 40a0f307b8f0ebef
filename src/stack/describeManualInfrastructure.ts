/**
 * For SST, Terraform and Serverless Framework projects, which this tool does not wire yet: a clear
 * diagnostic naming what to add by hand, with the tables (and least-privilege statements) written
 * for that tool, plus the generated CDK stack for reference.
 */
import type { InfrastructureKind } from '../model/access-model';
import type { TableDesign } from '../model/table-design';
import { generateDatabaseStack } from './generateDatabaseStack';
import { listTableEnvironment } from './listTableEnvironment';
import { renderServerlessResources, renderSstTables, renderTerraformTables } from './renderManualTables';

export type ManualInfrastructureKind = Extract<InfrastructureKind, 'sst' | 'terraform' | 'serverless'>;

export interface ManualInfrastructureGuide {
  kind: ManualInfrastructureKind;
  /** One paragraph: what the user must add, where, and why it is not done automatically. */
  message: string;
  snippet: string;
  snippetLanguage: 'yaml' | 'hcl' | 'typescript';
  /** The generated CDK DatabaseStack, for reference (same tables, same settings). */
  reference: string;
}

const TOOL_NAMES: Record<ManualInfrastructureKind, { name: string; where: string; language: ManualInfrastructureGuide['snippetLanguage'] }> = {
  serverless: { name: 'Serverless Framework', where: 'serverless.yml (resources, and each function\'s environment and IAM statements)', language: 'yaml' },
  terraform: { name: 'Terraform', where: 'a .tf file (one aws_dynamodb_table per table, one policy document per handler)', language: 'hcl' },
  sst: { name: 'SST', where: 'sst.config.ts (one sst.aws.Dynamo per table; per-function environment and permissions)', language: 'typescript' },
};

export function describeManualInfrastructure(kind: ManualInfrastructureKind, design: TableDesign): ManualInfrastructureGuide {
  const tool = TOOL_NAMES[kind];
  const snippet = kind === 'serverless' ? renderServerlessResources(design) : kind === 'terraform' ? renderTerraformTables(design) : renderSstTables(design);
  const variables = listTableEnvironment(design).map((variable) => variable.envVar).join(', ');
  const message =
    `This project deploys with ${tool.name}, which dynamodb-codemod does not wire yet. ` +
    `Add the ${design.tables.length} table(s) of .migration/dynamodb.json to ${tool.where}, ` +
    `set ${variables || 'the table-name variables'} on the functions that use them, and grant each function only the actions listed for its handler ` +
    '(never dynamodb:*). The definitions below follow the design; the generated CDK stack is included for reference.';
  return { kind, message, snippet, snippetLanguage: tool.language, reference: generateDatabaseStack(design) };
}
