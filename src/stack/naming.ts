/**
 * Names the generated stack and the wiring transform must agree on: a table's public property on
 * DatabaseStack (`notesTable`), its construct id (`NotesTable`) and its CfnOutput ids.
 */
import type { TableDesignEntry } from '../model/table-design';

export interface TableNames {
  /** Property on DatabaseStack and on every stack/construct props that takes the table. */
  propertyName: string;
  /** Construct id inside DatabaseStack; the CloudFormation logical id starts with it. */
  constructId: string;
  nameOutputId: string;
  arnOutputId: string;
}

function splitWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
}

export function toPascalCase(text: string): string {
  return splitWords(text)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
}

export function toCamelCase(text: string): string {
  const pascal = toPascalCase(text);
  return pascal.length === 0 ? pascal : pascal[0].toLowerCase() + pascal.slice(1);
}

export function getTableNames(table: Pick<TableDesignEntry, 'name'>): TableNames {
  let base = toPascalCase(table.name);
  if (base.length === 0) throw new Error(`table name "${table.name}" has no letters or digits to build a property name from`);
  if (/^[0-9]/.test(base)) base = `T${base}`;
  const constructId = /Table$/.test(base) ? base : `${base}Table`;
  return {
    propertyName: constructId[0].toLowerCase() + constructId.slice(1),
    constructId,
    nameOutputId: `${constructId}Name`,
    arnOutputId: `${constructId}Arn`,
  };
}
