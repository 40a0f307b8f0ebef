/**
 * The stores apply migrates, joined with their table design: where each store's collection is
 * declared (memory stores, required/imported JSON), which data file it reads (JSON files), and the
 * table, key and id strategy its operations must use.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { KeyType, StoreKind, StoreRecord } from '../../model/access-model';
import type { EntityDesign, TableDesign, TableDesignEntry } from '../../model/table-design';
import type { ProjectIndex, SourceFile, StoreFinding } from '../../scan/types';

export type CollectionShape = 'array' | 'map' | 'object-map';
export type StoreOrigin = 'memory' | 'json-module' | 'json-fs';

export interface StoreTarget {
  record: StoreRecord;
  shape: CollectionShape;
  origin: StoreOrigin;
  /** Declarations (scanner nodes) whose value is the collection itself. */
  declarations: Set<t.Node>;
  /** JSON data file, relative to the root. */
  dataFile?: string;
  /** `{ "bookmarks": [...] }`: the member holding the records. */
  wrapperKey?: string;
  entityName: string;
  entity: EntityDesign;
  table: TableDesignEntry;
  /** The app's id attribute (also the table's partition key in the table-per-entity layout). */
  key: { name: string; type: KeyType };
}

const MEMORY_KINDS: StoreKind[] = ['in-memory-array', 'in-memory-map', 'in-memory-object-map'];
const MODULE_KINDS: StoreKind[] = ['json-require', 'json-import'];
const FS_KINDS: StoreKind[] = ['json-file-sync', 'json-file-callback', 'json-file-promises'];

export interface StoreTargetProblem {
  store: StoreRecord;
  message: string;
}

/** Stores of the given kinds that the design maps to a table; the others are reported. */
export function findStoreTargets(
  project: ProjectIndex,
  stores: StoreRecord[],
  findings: StoreFinding[],
  design: TableDesign,
  problems: StoreTargetProblem[] = [],
): StoreTarget[] {
  const targets: StoreTarget[] = [];
  for (const record of stores) {
    const origin: StoreOrigin | undefined = MEMORY_KINDS.includes(record.kind)
      ? 'memory'
      : MODULE_KINDS.includes(record.kind)
        ? 'json-module'
        : FS_KINDS.includes(record.kind)
          ? 'json-fs'
          : undefined;
    if (!origin) continue;
    const entity = design.entities[record.entity];
    const table = entity ? design.tables.find((candidate) => candidate.name === entity.table) : undefined;
    if (!entity || !table) {
      problems.push({ store: record, message: `entity ${record.entity} has no table in the design; run \`dynamodb-codemod plan\` again or add it to .migration/dynamodb.json` });
      continue;
    }
    if (design.layout === 'single-table' || table.sortKey) {
      problems.push({ store: record, message: `table ${table.name} uses a composite or single-table key, which apply does not rewrite yet; migrate ${record.entity} by hand` });
      continue;
    }
    const keyName = entity.idAttribute?.name ?? table.partitionKey.name;
    const key = { name: keyName, type: entity.idAttribute?.type ?? table.partitionKey.type };
    const dataFile = origin === 'memory' ? undefined : record.source;
    const data = dataFile ? readDataShape(project, dataFile) : undefined;
    const shape: CollectionShape =
      record.kind === 'in-memory-map' ? 'map' : record.kind === 'in-memory-object-map' || data?.shape === 'object-map' ? 'object-map' : 'array';
    targets.push({
      record,
      shape,
      origin,
      declarations: findDeclarations(project, record, findings),
      ...(dataFile ? { dataFile } : {}),
      ...(data?.wrapperKey ? { wrapperKey: data.wrapperKey } : {}),
      entityName: record.entity,
      entity,
      table,
      key,
    });
  }
  return targets;
}

/** Memory stores: the module-level binding named in the store id, plus the scanner's anchors. */
function findDeclarations(project: ProjectIndex, record: StoreRecord, findings: StoreFinding[]): Set<t.Node> {
  const nodes = new Set<t.Node>();
  for (const finding of findings) {
    if (finding.id === record.id) for (const anchor of finding.anchors) nodes.add(anchor.path.node);
  }
  const hash = record.id.lastIndexOf('#');
  if (!record.id.startsWith('json:') && hash > 0) {
    const file = project.getSource(record.id.slice(0, hash));
    const binding = file?.program.scope.getBinding(record.id.slice(hash + 1));
    if (binding) nodes.add((binding.path as NodePath).node);
    else if (file && /^[\w$]+\.[\w$]+$/.test(record.id.slice(hash + 1))) {
      // `Class.field`: the class field (`#videos = new Map()`, `items = []`) is the declaration
      const field = findClassField(file, record.id.slice(hash + 1));
      if (field) nodes.add(field);
    } else if (file) {
      // sloppy global: `users = []` without a declaration
      for (const statement of file.program.node.body) {
        if (
          statement.type === 'ExpressionStatement' &&
          statement.expression.type === 'AssignmentExpression' &&
          statement.expression.left.type === 'Identifier' &&
          statement.expression.left.name === record.id.slice(hash + 1)
        ) {
          nodes.add(statement.expression);
          break;
        }
      }
    }
  }
  return nodes;
}

function readDataShape(project: ProjectIndex, rel: string): { shape: CollectionShape; wrapperKey?: string } | undefined {
  const file = project.getDataFile(rel);
  if (!file) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(file.text);
  } catch {
    return undefined;
  }
  if (Array.isArray(value)) return { shape: 'array' };
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && Array.isArray(entries[0][1])) return { shape: 'array', wrapperKey: entries[0][0] };
    return { shape: 'object-map' };
  }
  return undefined;
}

/** `DatabaseMemory.videos` → the `videos` (or `#videos`) field declared in class `DatabaseMemory` of the file. */
function findClassField(file: SourceFile, id: string): t.Node | undefined {
  const [className, property] = id.split('.');
  for (const statement of file.program.node.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'ClassDeclaration' || declaration.id?.name !== className) continue;
    return declaration.body.body.find((member) => {
      if (member.type === 'ClassPrivateProperty') return member.key.id.name === property;
      return member.type === 'ClassProperty' && !member.computed && member.key.type === 'Identifier' && member.key.name === property;
    });
  }
  return undefined;
}
