import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { isModuleExports } from '../project/collectModuleExports';
import type { ScanContext, SourceFile } from '../types';
import { elementTypeName, elementTypeOfNew } from '../typescript-types/elementTypeName';
import type { CollectionShape, DataStore } from './model';
import type { StoreRegistry } from './StoreRegistry';
import { memberName, propertyKeyName, unwrapNode } from './syntax';
import { walkPaths } from '../walkPaths';
import { GENERATED_MARK } from '../../stack/generatedHeader';

/**
 * Collections that may hold the app's data: module-level arrays, Maps and id-keyed objects
 * (also inside a `db = { users: [], posts: [] }` container or `module.exports = { notes: [] }`),
 * sloppy globals (`users = []`), class properties and `this.x = []` in constructors.
 * They become stores only when code really uses them as data (decided after operations are found).
 */
export function findMemoryCandidates(ctx: ScanContext, registry: StoreRegistry): void {
  for (const file of ctx.project.sources) {
    // tool output (the shared DynamoDB client, the CDK stack) holds no app data: its caches are not stores
    if (file.text.startsWith(GENERATED_MARK)) continue;
    try {
      findInModule(file, registry);
      findInClasses(file, registry);
    } catch (error) {
      ctx.diagnostics.add({
        severity: 'warning',
        code: 'recogniser-failed',
        file: file.rel,
        line: 1,
        message: `could not look for in-memory stores in this file (${(error as Error).message}); stores declared here may be missing`,
      });
    }
  }
}

function findInModule(file: SourceFile, registry: StoreRegistry): void {
  for (const statement of file.program.get('body')) {
    const declaration = statement.isExportNamedDeclaration() ? (statement.get('declaration') as NodePath) : statement;
    if (declaration.isVariableDeclaration()) {
      for (const declarator of declaration.get('declarations')) {
        const id = declarator.node.id;
        const init = declarator.get('init') as NodePath;
        if (!t.isIdentifier(id) || !init.node) continue;
        addCandidate(file, registry, declarator, id.name, init, elementTypeName(id.typeAnnotation));
      }
    } else if (statement.isExpressionStatement()) {
      const expression = statement.get('expression');
      if (!expression.isAssignmentExpression({ operator: '=' })) continue;
      const left = expression.node.left;
      const right = expression.get('right') as NodePath;
      if (t.isIdentifier(left) && !statement.scope.getBinding(left.name)) {
        addCandidate(file, registry, expression, left.name, right);
      } else if (isModuleExports(left) && t.isObjectExpression(unwrapNode(right.node))) {
        addContainerProperties(file, registry, right, '');
      } else if (t.isMemberExpression(left) && (isModuleExports(left.object) || t.isIdentifier(left.object, { name: 'exports' }))) {
        const name = memberName(left);
        if (name) addCandidate(file, registry, right, name, right);
      }
    }
  }
}

function findInClasses(file: SourceFile, registry: StoreRegistry): void {
  // A class needs the `class` keyword: files without it skip a whole-tree walk.
  if (!/\bclass\b/.test(file.text)) return;
  walkPaths(file.program, {
    Class(classPath) {
      const className = classPath.node.id?.name;
      const declared = new Map<string, NodePath>();
      for (const member of classPath.get('body').get('body')) {
        if (!member.isClassProperty() && !member.isClassPrivateProperty()) continue;
        const name = classMemberName(member.node);
        if (!name) continue;
        declared.set(name, member);
        const value = member.get('value') as NodePath;
        if (value.node && collectionShape(value.node)) {
          const store = addCandidate(file, registry, member, name, value, elementTypeName(member.node.typeAnnotation), className);
          if (store) store.binding = name;
        }
      }
      // this.items = [] in the constructor (or any method): a store even without a declared property.
      walkPaths(classPath, {
        AssignmentExpression(assignment) {
          const left = assignment.node.left;
          if (!t.isMemberExpression(left) || !t.isThisExpression(left.object)) return;
          if (assignment.getFunctionParent()?.parentPath?.parentPath?.node !== classPath.node) return;
          const name = memberName(left);
          if (!name) return;
          const right = assignment.get('right') as NodePath;
          const property = declared.get(name);
          const existing = property ? registry.storeOfNode(property.node) : registry.stores.find((s) => s.thisMember?.classNode === classPath.node && s.thisMember.name === name);
          if (existing) {
            existing.assignedValues.push({ file, path: right });
            return;
          }
          if (!collectionShape(unwrapNode(right.node))) return;
          const typeName = property ? elementTypeName((property.node as t.ClassProperty).typeAnnotation) : undefined;
          const store = addCandidate(file, registry, assignment, name, right, typeName, className);
          if (!store) return;
          registry.setThisMember(store, classPath.node, name);
          if (property) registry.addAnchor(store, property.node);
        },
        Class(inner) {
          // Nested classes get their own visit.
          inner.skip();
        },
      });
    },
  });
}

function classMemberName(node: t.ClassProperty | t.ClassPrivateProperty): string | undefined {
  if (t.isClassPrivateProperty(node)) return node.key.id.name;
  if (node.computed) return undefined;
  return t.isIdentifier(node.key) ? node.key.name : t.isStringLiteral(node.key) ? node.key.value : undefined;
}

/** The shape of a collection initialiser: `[]`, `new Map()`, `{}` / `{ id1: {...} }`, `Object.create(null)`, `seed.map(...)`. */
export function collectionShape(node: t.Node): CollectionShape | undefined {
  const value = unwrapNode(node);
  if (t.isArrayExpression(value)) return 'array';
  if (t.isNewExpression(value) && t.isIdentifier(value.callee)) {
    if (value.callee.name === 'Map') return 'map';
    if (value.callee.name === 'Array') return 'array';
  }
  if (t.isObjectExpression(value)) {
    if (value.properties.length === 0) return 'object';
    const keyed = value.properties.every((p) => t.isObjectProperty(p) && t.isObjectExpression(unwrapNode(p.value)));
    return keyed ? 'object' : undefined;
  }
  if (t.isCallExpression(value) && t.isMemberExpression(value.callee)) {
    const name = memberName(value.callee);
    if (t.isIdentifier(value.callee.object, { name: 'Object' }) && name === 'create') return 'object';
    if (t.isIdentifier(value.callee.object, { name: 'Array' }) && (name === 'from' || name === 'of')) return 'array';
  }
  return undefined;
}

function addCandidate(
  file: SourceFile,
  registry: StoreRegistry,
  anchor: NodePath,
  name: string,
  valuePath: NodePath,
  typeName?: string,
  className?: string,
): DataStore | undefined {
  const value = unwrapNode(valuePath.node);
  if (t.isObjectExpression(value) && isContainer(value)) {
    addContainerProperties(file, registry, valuePath, name);
    return undefined;
  }
  const shape = collectionShape(value) ?? seedCopyShape(valuePath);
  if (!shape) return undefined;
  const store: DataStore = {
    key: `${file.rel}#${name}`,
    family: 'memory',
    shape,
    binding: name,
    file,
    path: anchor,
    anchors: [{ file, path: anchor }],
    anchorNodes: new Set([anchor.node, value]),
    typeName: typeName ?? elementTypeOfNew(value),
    className,
    assignedValues: [{ file, path: valuePath }],
  };
  if (registry.storeOfNode(anchor.node)) return undefined;
  registry.addMemoryStore(store);
  return store;
}

/** `{ users: [], posts: new Map() }`: an object whose values are collections, not records. */
function isContainer(node: t.ObjectExpression): boolean {
  return node.properties.some((p) => t.isObjectProperty(p) && isCollectionInit(unwrapNode(p.value)));
}

function isCollectionInit(node: t.Node): boolean {
  return t.isArrayExpression(node) || (t.isNewExpression(node) && t.isIdentifier(node.callee, { name: 'Map' }));
}

function addContainerProperties(file: SourceFile, registry: StoreRegistry, objectPath: NodePath, prefix: string): void {
  const object = objectPath.isObjectExpression() ? objectPath : undefined;
  const inner = object ?? (objectPath.get('expression') as NodePath);
  if (!inner.isObjectExpression()) return;
  for (const property of inner.get('properties')) {
    if (!property.isObjectProperty()) continue;
    const key = propertyKeyName(property.node);
    const value = property.get('value') as NodePath;
    if (!key || !isCollectionInit(unwrapNode(value.node))) continue;
    addCandidate(file, registry, value, prefix ? `${prefix}.${key}` : key, value);
  }
}

/** `const notes = seed.map(...)` / `seed.slice()` where `seed` is an array literal: a copy of seed records. */
function seedCopyShape(valuePath: NodePath): CollectionShape | undefined {
  const value = valuePath.node;
  if (!t.isCallExpression(value) || !t.isMemberExpression(value.callee)) return undefined;
  const name = memberName(value.callee);
  if (!name || !['map', 'slice', 'filter', 'concat'].includes(name)) return undefined;
  const object = value.callee.object;
  if (t.isArrayExpression(object)) return 'array';
  if (t.isIdentifier(object)) {
    const binding = valuePath.scope.getBinding(object.name);
    const init = binding?.path.isVariableDeclarator() ? binding.path.node.init : undefined;
    if (init && t.isArrayExpression(unwrapNode(init))) return 'array';
  }
  return undefined;
}
