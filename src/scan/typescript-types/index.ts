import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { FieldRecord, RelationRecord } from '../../model/access-model';
import { referencedEntity } from '../memory/buildEvidence';
import type { EntityEvidence, ScanContext, SourceFile, StoreFinding } from '../types';
import { collectScalarAliases, collectTypeDeclarations, toFields, type TypeDeclaration } from './collectTypeDeclarations';
import { elementTypeName } from './elementTypeName';
import { walkPaths } from '../walkPaths';

const SQL_KINDS = new Set(['better-sqlite3', 'sqlite3-callback', 'sqlite-wrapper']);

/**
 * Entity fields from TypeScript: interfaces, object type aliases and classes with typed properties,
 * tied to an entity when a store is typed with them (`const notes: Note[] = …`, `Map<string, User>`,
 * `Record<string, User>`, `private items: Item[]`) or when the type is named like the entity.
 */
export function typeScriptEntityEvidence(ctx: ScanContext, stores: StoreFinding[]): EntityEvidence[] {
  const sources = ctx.project.sources.filter((s) => s.typescript);
  if (sources.length === 0) return [];
  const declarations = collectTypeDeclarations(sources);
  const scalarAliases = collectScalarAliases(sources);
  const entities = new Set(stores.map((s) => s.entity));
  const typeForEntity = new Map<string, Set<string>>();
  const tie = (typeName: string, entity: string): void => {
    if (!declarations.has(typeName)) return;
    const set = typeForEntity.get(entity) ?? new Set<string>();
    set.add(typeName);
    typeForEntity.set(entity, set);
  };
  // A type named like the entity describes it, except for SQL tables: there the columns are the
  // schema and row interfaces often describe mapped (aliased) objects instead.
  for (const store of stores) if (!SQL_KINDS.has(store.kind)) tie(store.entity, store.entity);
  for (const file of sources) {
    try {
      for (const { typeName, entity } of typedStoreUses(ctx, file, stores)) tie(typeName, entity);
    } catch (error) {
      ctx.diagnostics.add({
        severity: 'info',
        code: 'recogniser-failed',
        file: file.rel,
        line: 1,
        message: `could not read store type annotations in this file (${(error as Error).message}); entity fields come from data and code only`,
      });
    }
  }
  const evidence: EntityEvidence[] = [];
  for (const [entity, typeNames] of [...typeForEntity.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const fields: FieldRecord[] = [];
    for (const typeName of typeNames) {
      for (const declaration of withBases(typeName, declarations)) {
        for (const field of toFields(declaration, declarations, scalarAliases)) {
          if (!fields.some((f) => f.name === field.name)) fields.push(field);
        }
      }
    }
    if (fields.length === 0) continue;
    const relations: RelationRecord[] = fields
      .map((f) => ({ field: f.name, entity: referencedEntity(f.name) }))
      .filter((r): r is RelationRecord => Boolean(r.entity) && r.entity !== entity && entities.has(r.entity!));
    const item: EntityEvidence = { entity, source: 'schema', fields };
    if (relations.length > 0) item.relations = relations;
    evidence.push(item);
  }
  return evidence;
}

/** A type and the interfaces/types it extends or intersects (by name, anywhere in the project). */
function withBases(name: string, declarations: Map<string, TypeDeclaration[]>, seen = new Set<string>()): TypeDeclaration[] {
  if (seen.has(name)) return [];
  seen.add(name);
  const own = declarations.get(name) ?? [];
  // Inherited fields first, as a reader of the full type would list them.
  return [...own.flatMap((d) => d.bases.flatMap((base) => withBases(base, declarations, seen))), ...own];
}

/** Collection-typed declarations whose value is a store: `const inventory: Item[] = items`, `private users: Map<string, User>`. */
function typedStoreUses(ctx: ScanContext, file: SourceFile, stores: StoreFinding[]): { typeName: string; entity: string }[] {
  const found: { typeName: string; entity: string }[] = [];
  const anchorEntity = new Map<t.Node, string>();
  for (const store of stores) for (const anchor of store.anchors) anchorEntity.set(anchor.path.node, store.entity);
  const check = (typeAnnotation: t.Node | null | undefined, owner: NodePath, value: NodePath | undefined): void => {
    const typeName = elementTypeName(typeAnnotation);
    if (!typeName) return;
    const direct = anchorEntity.get(owner.node);
    if (direct) {
      found.push({ typeName, entity: direct });
      return;
    }
    if (!value?.node) return;
    const origin = ctx.project.resolveExpression(file, value);
    if (!origin) return;
    if (origin.kind === 'data') {
      const store = stores.find((s) => s.source === origin.file.rel);
      if (store) found.push({ typeName, entity: store.entity });
    } else if (origin.kind === 'declaration' || origin.kind === 'expression') {
      const entity = anchorEntity.get(origin.path.node);
      if (entity) found.push({ typeName, entity });
    }
  };
  walkPaths(file.program, {
    VariableDeclarator(path) {
      if (t.isIdentifier(path.node.id)) check(path.node.id.typeAnnotation, path, path.get('init') as NodePath);
    },
    ClassProperty(path) {
      check(path.node.typeAnnotation, path, path.get('value') as NodePath);
    },
    NewExpression(path) {
      // new Map<string, Session>() assigned to a store
      const params = path.node.typeParameters;
      if (!params || !t.isIdentifier(path.node.callee, { name: 'Map' }) || params.params.length !== 2) return;
      const owner = path.parentPath;
      const entity = anchorEntity.get(path.node) ?? (owner ? anchorEntity.get(owner.node) : undefined);
      const valueType = params.params[1];
      if (entity && t.isTSTypeReference(valueType) && t.isIdentifier(valueType.typeName)) found.push({ typeName: valueType.typeName.name, entity });
    },
  });
  return found;
}
