/**
 * shared-db-client.ts is the one hand-written source of the shared client; the CommonJS template
 * apply renders from (and the ESM one derived from it) is produced by transpileClientTemplate.
 * Regenerate after editing the .ts: UPDATE_CLIENT_TEMPLATE=1 npx jest test/emit/client-template-cjs.spec.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { transpileClientTemplate } from '../support/transpileClientTemplate';

const TEMPLATES = path.join(__dirname, '../../stack-templates');

describe('stack-templates/shared-db-client.cjs', () => {
  it('is exactly what transpileClientTemplate makes of shared-db-client.ts', () => {
    const made = transpileClientTemplate(fs.readFileSync(path.join(TEMPLATES, 'shared-db-client.ts'), 'utf8'));
    const file = path.join(TEMPLATES, 'shared-db-client.cjs');
    if (process.env.UPDATE_CLIENT_TEMPLATE) fs.writeFileSync(file, made);
    const committed = fs.readFileSync(file, 'utf8');
    if (committed !== made) {
      throw new Error('stack-templates/shared-db-client.cjs differs from shared-db-client.ts: edit the .ts only, then run UPDATE_CLIENT_TEMPLATE=1 npx jest test/emit/client-template-cjs.spec.ts and read the diff');
    }
  });
});

describe('transpileClientTemplate', () => {
  const source = [
    "import { GetCommand, type GetCommandInput } from '@aws-sdk/lib-dynamodb';",
    "import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';",
    '',
    '// dynamodb-codemod:tables',
    "export const NOTES_TABLE_NAME = process.env.NOTES_TABLE_NAME || 'Notes';",
    '// dynamodb-codemod:end-tables',
    '',
    '/** Only for the compiler. */',
    'type Item = Record<string, any>;',
    '',
    'interface Guard {',
    '  table: string;',
    '}',
    '',
    '/** Reads one item. */',
    'export async function getOne<T = Item>(params: GetCommandInput, key?: Item): Promise<T | undefined> {',
    '  const guard = (params as { guard?: Guard }).guard!;',
    '  const item = (params.Key ?? {}) as Item;',
    '  if (!item) return undefined; // keeps this comment',
    '  return (await db.send(new GetCommand(params))).Item as T;',
    '}',
    '',
    'function local(value: unknown): boolean {',
    '  return Boolean(value);',
    '}',
    '',
  ].join('\n');

  it('cuts the TypeScript out and keeps layout, comments and the table markers', () => {
    expect(transpileClientTemplate(source)).toBe(
      [
        "const { GetCommand } = require('@aws-sdk/lib-dynamodb');",
        '',
        '// dynamodb-codemod:tables',
        "const NOTES_TABLE_NAME = process.env.NOTES_TABLE_NAME || 'Notes';",
        '// dynamodb-codemod:end-tables',
        '',
        '/** Reads one item. */',
        'async function getOne(params, key) {',
        '  const guard = params.guard;',
        '  const item = params.Key ?? {};',
        '  if (!item) return undefined; // keeps this comment',
        '  return (await db.send(new GetCommand(params))).Item;',
        '}',
        '',
        'function local(value) {',
        '  return Boolean(value);',
        '}',
        '',
        'module.exports = {',
        '  getOne,',
        '  // dynamodb-codemod:table-exports',
        '  NOTES_TABLE_NAME,',
        '  // dynamodb-codemod:end-table-exports',
        '};',
        '',
      ].join('\n'),
    );
  });

  it('refuses syntax it cannot cut out, naming the line', () => {
    expect(() => transpileClientTemplate("// dynamodb-codemod:tables\n// dynamodb-codemod:end-tables\nenum Kind { A }\n")).toThrow(/shared-db-client\.ts:3: EnumDeclaration is not supported/);
  });
});
