import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { SqlResultUse } from '../types';
import { memberPropertyName, thisFunctionOf } from './astUtils';
import { walkPaths } from '../../walkPaths';

const INSERTED_ID = new Set(['lastInsertRowid', 'lastID']);
const CHANGES = new Set(['changes']);

/**
 * How the code uses what a call returns: the sqlite3 callback (`this.lastID`, `this.changes`
 * inside a `function`), or the value (`const info = stmt.run()` → `info.lastInsertRowid`,
 * `const { changes } = await db.run(…)`, `stmt.run().changes`).
 */
export function readResultUse(call: NodePath<t.CallExpression>): SqlResultUse {
  const use: SqlResultUse = { style: 'ignored', insertedIdUses: [], changesUses: [] };
  const args = call.get('arguments') as NodePath[];
  const last = args[args.length - 1];
  if (last && last.isFunction()) {
    use.style = 'callback';
    use.callback = last;
    if (!last.isArrowFunctionExpression()) collectThisUses(last, use);
    return use;
  }
  let current: NodePath = call;
  while (current.parentPath && (current.parentPath.isAwaitExpression() || current.parentPath.isParenthesizedExpression() || current.parentPath.isTSAsExpression() || current.parentPath.isTSNonNullExpression())) {
    current = current.parentPath;
  }
  const parent = current.parentPath;
  if (!parent || parent.isExpressionStatement()) return use;
  use.style = 'value';
  if (parent.isMemberExpression() && parent.node.object === current.node) {
    addUse(parent, use);
    return use;
  }
  if (parent.isVariableDeclarator() && parent.node.init === current.node) {
    const id = parent.get('id');
    use.target = id;
    if (id.isIdentifier()) {
      const binding = parent.scope.getBinding(id.node.name);
      for (const reference of binding?.referencePaths ?? []) {
        const member = reference.parentPath;
        if (member?.isMemberExpression() && member.node.object === reference.node) addUse(member, use);
      }
    } else if (id.isObjectPattern()) {
      for (const property of id.get('properties')) {
        if (!property.isObjectProperty()) continue;
        const key = property.node.key;
        const name = t.isIdentifier(key) ? key.name : t.isStringLiteral(key) ? key.value : undefined;
        if (name && INSERTED_ID.has(name)) use.insertedIdUses.push(property);
        if (name && CHANGES.has(name)) use.changesUses.push(property);
      }
    }
  } else if (parent.isAssignmentExpression() && parent.node.right === current.node) {
    use.target = parent.get('left');
  }
  return use;
}

function collectThisUses(callback: NodePath<t.Function>, use: SqlResultUse): void {
  walkPaths(callback, {
    MemberExpression(member) {
      if (!t.isThisExpression(member.node.object)) return;
      if (thisFunctionOf(member)?.node !== callback.node) return;
      addUse(member, use);
    },
  });
}

function addUse(member: NodePath, use: SqlResultUse): void {
  const name = memberPropertyName(member.node);
  if (name && INSERTED_ID.has(name)) use.insertedIdUses.push(member);
  if (name && CHANGES.has(name)) use.changesUses.push(member);
}
