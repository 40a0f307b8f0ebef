/**
 * Every place in the project where a store's whole collection is named: the store variable (also
 * through imports, `db.notes`, aliases), a required/imported JSON file, or a call of the app's
 * JSON reader/writer functions. Keyed by the scanner's node, which the transforms find again by
 * source offsets.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { ProjectIndex, SourceFile, ValueOrigin } from '../../scan/types';
import { walkPaths } from '../../scan/walkPaths';
import type { JsonAccessor } from './findJsonAccessors';
import type { StoreTarget } from './findStoreTargets';

export type StoreReference =
  | { kind: 'collection'; target: StoreTarget; file: SourceFile; path: NodePath }
  | { kind: 'accessor-call'; target: StoreTarget; accessor: JsonAccessor; file: SourceFile; path: NodePath<t.CallExpression> };

export function findStoreReferences(project: ProjectIndex, targets: StoreTarget[], accessors: Map<t.Node, JsonAccessor>): Map<t.Node, StoreReference> {
  const references = new Map<t.Node, StoreReference>();
  const collectionTargets = targets.filter((target) => target.origin !== 'json-fs');
  for (const file of project.sources) {
    // the scanner's recorded walk (same paths, same order as program.traverse, no Babel traversal)
    walkPaths(file.program, {
      Identifier(path) {
        if (!isValueReference(path)) return;
        const target = matchOrigin(project.resolveExpression(file, path), collectionTargets);
        if (target) references.set(path.node, { kind: 'collection', target, file, path });
      },
      MemberExpression(path) {
        // an inline read of a wrapped file: `JSON.parse(fs.readFileSync(F)).quotes`
        const inline = accessors.get(path.node);
        if (inline?.inline) {
          references.set(path.node, { kind: 'accessor-call', target: inline.target, accessor: inline, file, path: path as unknown as NodePath<t.CallExpression> });
          return;
        }
        if (path.node.computed || references.has(path.node.object)) return;
        const object = path.get('object');
        if (!object.isIdentifier() && !object.isMemberExpression() && !object.isThisExpression()) return;
        const target = matchOrigin(project.resolveExpression(file, path), collectionTargets);
        if (target && !references.has(path.node.object)) references.set(path.node, { kind: 'collection', target, file, path });
      },
      CallExpression(path) {
        if (!accessors.size) return;
        // an inline read or write is its own call
        const inline = accessors.get(path.node);
        if (inline?.inline) {
          references.set(path.node, { kind: 'accessor-call', target: inline.target, accessor: inline, file, path });
          return;
        }
        const fn = project.resolveFunction(file, path.get('callee') as NodePath);
        const accessor = fn ? accessors.get(fn.path.node) : undefined;
        if (accessor) references.set(path.node, { kind: 'accessor-call', target: accessor.target, accessor, file, path });
      },
    });
  }
  // A member `db.users` whose object is itself a reference is not a second reference.
  for (const [node, reference] of references) {
    if (reference.kind === 'collection' && t.isMemberExpression(node) && references.has(node.object)) references.delete(node);
  }
  return references;
}

function matchOrigin(origin: ValueOrigin | undefined, targets: StoreTarget[]): StoreTarget | undefined {
  if (!origin) return undefined;
  for (const target of targets) {
    if (origin.kind === 'declaration' && target.declarations.has(origin.path.node)) return target;
    // `this.videos = new Map()` in a constructor, without a class field: the store `<file>#<Class>.videos`
    if (origin.kind === 'this-member' && target.record.id === `${origin.file.rel}#${(origin.classPath.node as t.ClassDeclaration).id?.name}.${origin.name}`) return target;
    if (origin.kind === 'data' && target.dataFile === origin.file.rel) {
      const expected = target.wrapperKey ? [target.wrapperKey] : [];
      if (origin.members.length === expected.length && origin.members.every((member, index) => member === expected[index])) return target;
    }
  }
  return undefined;
}

/** An identifier that reads a value (not a declaration, key, import name or type). */
function isValueReference(path: NodePath<t.Identifier>): boolean {
  const parent = path.parent;
  if (t.isVariableDeclarator(parent) && parent.id === path.node) return false;
  if ((t.isFunction(parent) && (parent.params as t.Node[]).includes(path.node)) || (t.isFunction(parent) && 'id' in parent && parent.id === path.node)) return false;
  if ((t.isClassDeclaration(parent) || t.isClassExpression(parent)) && parent.id === path.node) return false;
  if (t.isCatchClause(parent) || t.isArrayPattern(parent) || t.isRestElement(parent) || t.isAssignmentPattern(parent) && parent.left === path.node) return false;
  if (t.isObjectProperty(parent) && t.isObjectPattern(path.parentPath?.parent)) return false;
  if (t.isMemberExpression(parent) && parent.property === path.node && !parent.computed) return false;
  if (t.isOptionalMemberExpression(parent) && parent.property === path.node && !parent.computed) return false;
  if ((t.isObjectProperty(parent) || t.isObjectMethod(parent) || t.isClassProperty(parent) || t.isClassMethod(parent)) && parent.key === path.node && !parent.computed) {
    // `{ notes }` shorthand reads the variable
    return t.isObjectProperty(parent) && parent.shorthand && t.isObjectExpression(path.parentPath?.parent);
  }
  if (t.isImportSpecifier(parent) || t.isImportDefaultSpecifier(parent) || t.isImportNamespaceSpecifier(parent) || t.isExportSpecifier(parent)) return false;
  if (path.findParent((p) => p.isTSType() || p.isTSTypeAnnotation() || p.isTSInterfaceDeclaration() || p.isTSTypeAliasDeclaration())) return false;
  if (t.isLabeledStatement(parent) || t.isBreakStatement(parent) || t.isContinueStatement(parent)) return false;
  return true;
}
