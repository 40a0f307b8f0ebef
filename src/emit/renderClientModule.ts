/**
 * The shared client module of a migrated app, rendered from the real, tested templates in
 * stack-templates/: shared-db-client.ts is the one written by hand; shared-db-client.cjs is produced
 * from it by test/support/transpileClientTemplate.ts (types cut out, imports as requires, one
 * module.exports block; test/emit/client-template-cjs.spec.ts fails when the committed file differs),
 * and the ESM flavour is derived from the CommonJS one here. Only the marker regions change per app:
 * the table constants (named after their environment variables), derived, unique and key attributes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../cli/packageInfo';
import type { TableDesign } from '../model/table-design';
import { addGeneratedHeader } from '../stack/generatedHeader';

export type ModuleFlavor = 'cjs' | 'esm' | 'ts';

/** The names every flavour exports besides the table constants. */
export const CLIENT_HELPERS = ['db', 'scanAll', 'queryAll', 'countAll', 'nextId', 'updateParams', 'isConditionFailed', 'putUnique', 'updateUnique', 'deleteUnique', 'findByUnique', 'withDerived', 'withoutDerived'] as const;

const TABLES = /^\/\/ dynamodb-codemod:tables\n[\s\S]*?^\/\/ dynamodb-codemod:end-tables\n/m;
const DERIVED = /^\/\/ dynamodb-codemod:derived\n([\s\S]*?)^const DERIVED_ATTRIBUTES([^=]*)= \{\n[\s\S]*?^\};\n^\/\/ dynamodb-codemod:end-derived\n/m;
const UNIQUE = /^\/\/ dynamodb-codemod:unique\n([\s\S]*?)^const UNIQUE_ATTRIBUTES([^=]*)= \{\n[\s\S]*?^\};\n^\/\/ dynamodb-codemod:end-unique\n/m;
const KEYS = /^\/\/ dynamodb-codemod:keys\n([\s\S]*?)^const KEY_ATTRIBUTES([^=]*)= \{\n[\s\S]*?^\};\n^\/\/ dynamodb-codemod:end-keys\n/m;
const TABLE_EXPORTS = /^ {2}\/\/ dynamodb-codemod:table-exports\n[\s\S]*?^ {2}\/\/ dynamodb-codemod:end-table-exports\n/m;

export function readClientTemplate(flavor: 'cjs' | 'ts'): string {
  const file = flavor === 'ts' ? 'shared-db-client.ts' : 'shared-db-client.cjs';
  return fs.readFileSync(path.join(packageRoot(), 'stack-templates', file), 'utf8');
}

/** The module text for an app, with the generated-file header (checksum-guarded regeneration). */
export function renderClientModule(design: TableDesign, flavor: ModuleFlavor): string {
  const envVars = listTableConstants(design);
  const declarations = design.tables.map((table) => `${flavor === 'cjs' ? '' : 'export '}const ${table.envVar} = process.env.${table.envVar} || ${quote(table.name)};\n`);
  let text = readClientTemplate(flavor === 'ts' ? 'ts' : 'cjs').replace(TABLES, declarations.join(''));
  text = text.replace(DERIVED, (_whole, comment: string, type: string) => `${comment}const DERIVED_ATTRIBUTES${type}= {${renderDerived(design)}};\n`);
  text = text.replace(UNIQUE, (_whole, comment: string, type: string) => `${comment}const UNIQUE_ATTRIBUTES${type}= {${renderUnique(design)}};\n`);
  text = text.replace(KEYS, (_whole, comment: string, type: string) => `${comment}const KEY_ATTRIBUTES${type}= {${renderKeys(design)}};\n`);
  if (flavor !== 'ts') text = text.replace(TABLE_EXPORTS, envVars.map((name) => `  ${name},\n`).join(''));
  if (flavor === 'esm') text = convertToEsm(text);
  return addGeneratedHeader(text);
}

/** Table constants the module exports, in design order. */
export function listTableConstants(design: TableDesign): string[] {
  return design.tables.map((table) => table.envVar);
}

/**
 * CommonJS template → ESM: requires become imports, exported declarations get `export`, the
 * `module.exports` block goes. The template is ours, so these exact shapes are all there is.
 */
function convertToEsm(text: string): string {
  const exportsBlock = /^module\.exports = \{\n([\s\S]*?)\n\};\n/m.exec(text);
  if (!exportsBlock) throw new Error('shared-db-client.cjs: module.exports block not found (regenerate it: UPDATE_CLIENT_TEMPLATE=1 npx jest test/emit/client-template-cjs.spec.ts)');
  const exported = new Set(exportsBlock[1].split('\n').map((line) => line.trim().replace(/,$/, '')).filter((line) => line && !line.startsWith('//')));
  return text
    .replace(exportsBlock[0], '')
    .replace(/\n+$/, '\n')
    .replace(/^const (\{[^}]*\}) = require\(('[^']+')\);$/gm, 'import $1 from $2;')
    .replace(/^(async function|function|const) ([A-Za-z_$][\w$]*)/gm, (whole, keyword: string, name: string) => (exported.has(name) ? `export ${keyword} ${name}` : whole));
}

/** `[LINKS_TABLE_NAME]: [{ name: 'ttl', as: 'epoch-seconds', from: 'expiresAt' }],` per table with derived attributes. */
function renderDerived(design: TableDesign): string {
  const lines: string[] = [];
  for (const table of design.tables) {
    const attributes = Object.values(design.entities)
      .filter((entity) => entity.table === table.name)
      .flatMap((entity) => entity.derivedAttributes ?? []);
    if (!attributes.length) continue;
    const items = attributes.map((attribute) => {
      const parts = [`name: ${quote(attribute.name)}`, `as: ${quote(attribute.as)}`];
      if (attribute.from !== undefined) parts.push(`from: ${quote(attribute.from)}`);
      if (attribute.value !== undefined) parts.push(`value: ${quote(attribute.value)}`);
      return `{ ${parts.join(', ')} }`;
    });
    lines.push(`  [${table.envVar}]: [${items.join(', ')}],`);
  }
  return lines.length ? `\n${lines.join('\n')}\n` : '';
}

/**
 * `[USERS_TABLE_NAME]: [{ attribute: 'email', table: UNIQUE_VALUES_TABLE_NAME, key: { uniqueKey: 'User#email#{email}' }, id: 'id' }],`
 * per entity table whose design keeps attributes unique (guard tables that exist in the design).
 */
function renderUnique(design: TableDesign): string {
  const lines: string[] = [];
  for (const table of design.tables) {
    const envVarOf = (name: string) => design.tables.find((candidate) => candidate.name === name)?.envVar;
    const guards = Object.values(design.entities)
      .filter((entity) => entity.table === table.name && !entity.keys)
      .flatMap((entity) => (entity.uniqueAttributes ?? []).map((unique) => ({ unique, id: entity.idAttribute?.name ?? table.partitionKey.name })))
      .filter(({ unique }) => envVarOf(unique.table));
    if (!guards.length) continue;
    const items = guards.map(({ unique, id }) => {
      const key = Object.entries(unique.key).map(([name, template]) => `${/^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name)}: ${quote(template)}`);
      return `{ attribute: ${quote(unique.attribute)}, table: ${envVarOf(unique.table)}, key: { ${key.join(', ')} }, id: ${quote(id)} }`;
    });
    lines.push(`  [${table.envVar}]: [${items.join(', ')}],`);
  }
  return lines.length ? `\n${lines.join('\n')}\n` : '';
}

/** `[USERS_TABLE_NAME]: ['id'],` per table: its partition key, then its sort key. */
function renderKeys(design: TableDesign): string {
  const lines = design.tables.map((table) => `  [${table.envVar}]: [${[table.partitionKey.name, ...(table.sortKey ? [table.sortKey.name] : [])].map(quote).join(', ')}],`);
  return lines.length ? `\n${lines.join('\n')}\n` : '';
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
