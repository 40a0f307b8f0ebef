import * as t from '@babel/types';
import type { DiagnosticSink, SourceFile } from '../../types';
import { memberPropertyName } from './astUtils';
import { perFile } from './perFile';
import { walkPaths } from '../../walkPaths';

export interface RowMapper {
  /** Every property read from the row object, as written (snake_case columns). */
  reads: Set<string>;
  /** camelCase field → snake_case column (`authorId` ← `author_id`). */
  renames: Map<string, string>;
}

export interface CodeHints {
  /** Property names the code treats as 0/1 booleans: `row.done === 1`, `done: x ? 1 : 0`, `!!row.done`. */
  booleanNames: Set<string>;
  /** Row mappers: object literals building fields from a row (`{ authorId: row.author_id, title: row.title }`). */
  rowMappers: RowMapper[];
  /** `db.pragma('foreign_keys = ON')` (better-sqlite3) seen. */
  foreignKeysPragma: boolean;
  /** `db.pragma('foreign_keys = OFF')` seen. */
  foreignKeysOffPragma: boolean;
}

/** One pass over the code for what the SQL alone does not say: 0/1 booleans, row mappers, pragmas. */
export function readCodeHints(sources: SourceFile[], diagnostics?: DiagnosticSink): CodeHints {
  const hints: CodeHints = { booleanNames: new Set(), rowMappers: [], foreignKeysPragma: false, foreignKeysOffPragma: false };
  for (const file of sources) {
    perFile(file, diagnostics, () => walkPaths(file.program, {
      BinaryExpression(path) {
        const { operator, left, right } = path.node;
        if (!['===', '==', '!==', '!='].includes(operator)) return;
        const member = t.isNumericLiteral(right, { value: 1 }) ? left : t.isNumericLiteral(left, { value: 1 }) ? right : undefined;
        const name = member ? memberPropertyName(member) : undefined;
        if (name) hints.booleanNames.add(name);
      },
      UnaryExpression(path) {
        const argument = path.node.argument;
        if (path.node.operator === '!' && t.isUnaryExpression(argument, { operator: '!' })) {
          const name = memberPropertyName(argument.argument);
          if (name) hints.booleanNames.add(name);
        }
      },
      CallExpression(path) {
        const { callee, arguments: args } = path.node;
        if (t.isIdentifier(callee, { name: 'Boolean' }) && args[0]) {
          const name = memberPropertyName(args[0]);
          if (name) hints.booleanNames.add(name);
        }
        if (memberPropertyName(callee) === 'pragma' && t.isStringLiteral(args[0]) && /foreign_keys\s*=\s*(on|1|true|yes)/i.test(args[0].value)) {
          hints.foreignKeysPragma = true;
        }
        if (memberPropertyName(callee) === 'pragma' && t.isStringLiteral(args[0]) && /foreign_keys\s*=\s*(off|0|false|no)\b/i.test(args[0].value)) {
          hints.foreignKeysOffPragma = true;
        }
      },
      ObjectProperty(path) {
        const key = path.node.key;
        const keyName = t.isIdentifier(key) && !path.node.computed ? key.name : t.isStringLiteral(key) ? key.value : undefined;
        if (!keyName) return;
        const value = path.node.value;
        if (t.isConditionalExpression(value) && isZeroOne(value.consequent, value.alternate)) hints.booleanNames.add(keyName);
      },
      ObjectExpression(path) {
        const mapper: RowMapper = { reads: new Set(), renames: new Map() };
        for (const property of path.node.properties) {
          if (!t.isObjectProperty(property) || property.computed || !t.isIdentifier(property.key)) continue;
          const read = rowReadOf(property.value);
          if (!read) continue;
          mapper.reads.add(read);
          if (read !== property.key.name && read.includes('_') && snakeToCamel(read) === property.key.name) mapper.renames.set(property.key.name, read);
        }
        if (mapper.renames.size > 0) hints.rowMappers.push(mapper);
      },
    }));
  }
  return hints;
}

function isZeroOne(a: t.Node, b: t.Node): boolean {
  return (t.isNumericLiteral(a, { value: 1 }) && t.isNumericLiteral(b, { value: 0 })) || (t.isNumericLiteral(a, { value: 0 }) && t.isNumericLiteral(b, { value: 1 }));
}

export function snakeToCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The row property a mapper value reads: `row.x`, `row.x === 1`, `!!row.x`, `Boolean(row.x)`, `new Date(row.x)`. */
function rowReadOf(value: t.Node): string | undefined {
  if (t.isMemberExpression(value) && t.isIdentifier(value.object)) return memberPropertyName(value);
  if (t.isBinaryExpression(value) && t.isNumericLiteral(value.right)) return rowReadOf(value.left);
  if (t.isUnaryExpression(value)) return rowReadOf(value.argument);
  if ((t.isCallExpression(value) || t.isNewExpression(value)) && value.arguments.length === 1 && t.isExpression(value.arguments[0])) return rowReadOf(value.arguments[0]);
  return undefined;
}
