/**
 * The environment variables a server (or anything outside the Lambda wiring) must set: one per
 * table, whose value is the deployed table name, read from the DatabaseStack output.
 */
import type { TableDesign } from '../model/table-design';
import { getTableNames } from './naming';

export interface TableEnvironmentVariable {
  envVar: string;
  /** The design's table name. */
  table: string;
  /** The CloudFormation output holding the deployed name, e.g. `DatabaseStack.NotesTableName`. */
  stackOutput: string;
  /** Value for a local engine (dynalite, DynamoDB Local): the design's name. */
  localValue: string;
}

export function listTableEnvironment(design: TableDesign, stackId = 'DatabaseStack'): TableEnvironmentVariable[] {
  return design.tables.map((table) => ({
    envVar: table.envVar,
    table: table.name,
    stackOutput: `${stackId}.${getTableNames(table).nameOutputId}`,
    localValue: (table as { tableName?: string }).tableName ?? table.name,
  }));
}

/** Lines to print or put in plan.md: `NOTES_TABLE_NAME=<output DatabaseStack.NotesTableName> (local: Notes)`. */
export function formatTableEnvironment(variables: TableEnvironmentVariable[]): string[] {
  return variables.map(
    (variable) => `${variable.envVar}=<output ${variable.stackOutput} after cdk deploy> (local engine: ${variable.localValue})`,
  );
}
