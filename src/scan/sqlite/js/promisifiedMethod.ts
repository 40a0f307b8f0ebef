import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { ProjectIndex, SourceFile } from '../../types';
import { memberPropertyName, unwrapPath } from './astUtils';
import { packageOf } from './findConnections';

/**
 * `const all = util.promisify(db.all.bind(db))` / `promisify(db.run).bind(db)`: calling `all(sql, …)`
 * runs `db.all`. Returns the receiver (`db`) and method when `callee` is such a function.
 */
export function promisifiedMethod(project: ProjectIndex, file: SourceFile, callee: NodePath): { file: SourceFile; receiver: NodePath; method: string } | undefined {
  const origin = callee.isIdentifier() || callee.isMemberExpression() ? project.resolveExpression(file, callee) : undefined;
  if (origin?.kind !== 'declaration' || !origin.path.isVariableDeclarator()) return undefined;
  const init = origin.path.get('init');
  if (!init.node) return undefined;
  let call = unwrapPath(init as NodePath);
  // `promisify(db.get).bind(db)`
  if (call.isCallExpression() && memberPropertyName(call.node.callee) === 'bind') call = unwrapPath((call.get('callee') as NodePath<t.MemberExpression>).get('object'));
  if (!call.isCallExpression()) return undefined;
  const fn = packageOf(project, origin.file, call.get('callee'));
  if (!fn || fn.module !== 'util' || fn.members.join('.') !== 'promisify') return undefined;
  let target = call.get('arguments')[0] as NodePath | undefined;
  if (!target) return undefined;
  // `db.all.bind(db)`
  if (target.isCallExpression() && memberPropertyName(target.node.callee) === 'bind') target = (target.get('callee') as NodePath<t.MemberExpression>).get('object');
  if (!target.isMemberExpression()) return undefined;
  const method = memberPropertyName(target.node);
  if (!method) return undefined;
  return { file: origin.file, receiver: target.get('object') as NodePath, method };
}
