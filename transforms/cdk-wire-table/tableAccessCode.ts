/** Small builders for the code the wiring inserts, in the file's own style. */
import type { CodeStyle } from './detectStyle';
import { quoteText } from './detectStyle';

type Node = { type: string; [key: string]: any };

export function actionList(actions: string[], style: CodeStyle): string {
  return actions.map((action) => quoteText(action, style)).join(', ');
}

export type GrantForm = 'grant' | 'policy';

/**
 * `table.grant(fn, …actions)` covers the table ARN and, when the table has GSIs, its index ARNs.
 * A function that queries no index of a table with GSIs gets a statement on the table ARN only.
 * `actions` is either a list text (`'dynamodb:GetItem', …`) or an array expression (`map[key]`).
 */
export function grantCall(form: GrantForm, tableRef: string, fnRef: string, actions: { list: string } | { array: string }, policyStatement: string): string {
  if (form === 'grant') return `${tableRef}.grant(${fnRef}, ${'list' in actions ? actions.list : `...${actions.array}`})`;
  const actionsText = 'list' in actions ? `[${actions.list}]` : actions.array;
  return `${fnRef}.addToRolePolicy(new ${policyStatement}({ actions: ${actionsText}, resources: [${tableRef}.tableArn] }))`;
}

/**
 * An existing statement that grants `fnRef` access to `tableRef`: `table.grant(fn, …)`,
 * `fn.addToRolePolicy(… table.tableArn …)`, or either behind an `if`.
 */
export function findExistingGrant(block: Node, tableRef: string, fnRef: string, source: string): Node | undefined {
  const grant = `${tableRef}.grant(${fnRef},`;
  const policy = `${fnRef}.addToRolePolicy(`;
  return (block.body ?? []).find((statement: Node) => {
    if (statement.type !== 'ExpressionStatement' && statement.type !== 'IfStatement') return false;
    const text = source.slice(statement.start, statement.end);
    return text.includes(grant) || (text.includes(policy) && text.includes(`${tableRef}.tableArn`));
  });
}

/** Text of the statements of a block (for "is it already there" checks on short statements). */
export function blockText(block: Node, source: string): string {
  return source.slice(block.start, block.end);
}

export function addEnvironmentCall(fnRef: string, envVar: string, valueText: string, style: CodeStyle): string {
  return `${fnRef}.addEnvironment(${quoteText(envVar, style)}, ${valueText})${style.semicolon}`;
}
