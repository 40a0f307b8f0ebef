/**
 * What every builder in src/emit needs: the jscodeshift API, the file's style, and the local
 * names of the shared client's exports and the SDK command classes (recording which are used,
 * so the transform adds exactly those imports).
 */
import type { JSCodeshift } from 'jscodeshift';
import type { ExpressionKind, StatementKind } from 'ast-types/lib/gen/kinds';
import type { CodeStyle } from './detectCodeStyle';
import { fromTemplate } from './fromTemplate';

export type CommandName = 'GetCommand' | 'PutCommand' | 'UpdateCommand' | 'DeleteCommand' | 'QueryCommand' | 'ScanCommand';

export interface EmitContext {
  j: JSCodeshift;
  style: CodeStyle;
  /** Local name of a shared-client export (`db`, `scanAll`, a table constant) or an SDK command class; marks it used. */
  name(exported: string): string;
}

/** The table an operation goes to: the constant holding its name and its key attribute. */
export interface TableTarget {
  constName: string;
  keyName: string;
  /**
   * The entity keeps non-key attributes unique with guard items: its writes go through the shared
   * client's putUnique/updateUnique/deleteUnique, which claim and release the guards.
   */
  guarded?: boolean;
}

export type Part = string | ExpressionKind | { node: ExpressionKind };

/** A string literal in the file's quote style. */
export function quoted(ctx: EmitContext, text: string): string {
  const q = ctx.style.quote;
  return q + text.replace(/\\/g, '\\\\').split(q).join(`\\${q}`) + q;
}

/** An object key: bare when it is an identifier, quoted otherwise. */
export function propertyKey(ctx: EmitContext, name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : quoted(ctx, name);
}

/**
 * `{ id: <value> }` as template parts. Always written out in full (never the `{ id }` shorthand):
 * every transform's expected output depends on this exact shape.
 */
export function keyObjectParts(ctx: EmitContext, keyName: string, value: ExpressionKind): Part[] {
  return [`{ ${propertyKey(ctx, keyName)}: `, value, ' }'];
}

/**
 * Builds an expression from code text and AST nodes, e.g. `expression(ctx, ['(', node, ').Item'])`.
 * Text parts are code; node parts are placed as they are (recast keeps their original formatting).
 */
export function expression(ctx: EmitContext, parts: Part[]): ExpressionKind {
  const { strings, nodes } = split(parts);
  return fromTemplate(ctx.j, 'expression', strings, nodes) as ExpressionKind;
}

export function statements(ctx: EmitContext, parts: Part[]): StatementKind[] {
  const { strings, nodes } = split(parts);
  const list = fromTemplate(ctx.j, 'statements', strings, nodes) as StatementKind[];
  // The statement itself is printed as a new node (so recast puts it on its own line next to other
  // new statements); everything inside keeps the template's own formatting.
  return list.map((node) => {
    const copy = { ...node } as StatementKind & { loc?: unknown };
    delete copy.loc;
    return copy;
  });
}

export function statement(ctx: EmitContext, parts: Part[]): StatementKind {
  const list = statements(ctx, parts);
  if (list.length !== 1) throw new Error(`internal: expected one statement, got ${list.length}`);
  return list[0];
}

function split(parts: Part[]): { strings: TemplateStringsArray; nodes: ExpressionKind[] } {
  const texts: string[] = [''];
  const nodes: ExpressionKind[] = [];
  for (const part of parts) {
    if (typeof part === 'string') texts[texts.length - 1] += part;
    else {
      nodes.push('node' in part && !('type' in part) ? part.node : (part as ExpressionKind));
      texts.push('');
    }
  }
  return { strings: Object.assign([...texts], { raw: [...texts] }) as unknown as TemplateStringsArray, nodes };
}
