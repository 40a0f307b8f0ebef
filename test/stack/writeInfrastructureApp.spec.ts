import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectTableStyle } from '../../src/stack/detectTableStyle';
import { generateInfrastructureApp } from '../../src/stack/generateInfrastructureApp';
import { formatTableEnvironment } from '../../src/stack/listTableEnvironment';
import { writeDatabaseStack, writeInfrastructureApp } from '../../src/stack/writeInfrastructureApp';
import { featureDesign, makeDesign, makeTable } from './designs';
import { makeScratchDir, PROJECT_ROOT } from './helpers';

const statusOf = (files: { path: string; status: string }[]) => Object.fromEntries(files.map((file) => [file.path, file.status]));

describe('writeInfrastructureApp', () => {
  it('equals the stack-templates/infrastructure app for the example design', () => {
    const design = JSON.parse(readFileSync(join(PROJECT_ROOT, 'stack-templates/example-design.json'), 'utf8'));
    for (const [path, file] of Object.entries(generateInfrastructureApp(design, { appName: 'example' }))) {
      expect(`${path}:\n${file.content}`).toBe(`${path}:\n${readFileSync(join(PROJECT_ROOT, 'stack-templates/infrastructure', path), 'utf8')}`);
    }
  });

  it('writes a complete app, then changes nothing on a second run, and returns the env vars', () => {
    const project = makeScratchDir('write');
    const first = writeInfrastructureApp(project, featureDesign, { appName: 'Shop API' });
    expect(statusOf(first.files)).toEqual({
      'infrastructure/bin/app.ts': 'created',
      'infrastructure/lib/database-stack.ts': 'created',
      'infrastructure/cdk.json': 'created',
      'infrastructure/package.json': 'created',
      'infrastructure/tsconfig.json': 'created',
      'infrastructure/.gitignore': 'created',
    });
    expect(JSON.parse(readFileSync(join(project, 'infrastructure/package.json'), 'utf8')).name).toBe('shop-api-infrastructure');
    expect(JSON.parse(readFileSync(join(project, 'infrastructure/cdk.json'), 'utf8')).app).toBe('node --import tsx bin/app.ts');
    expect(first.environment).toEqual([
      { envVar: 'ORDERS_TABLE_NAME', table: 'Orders', stackOutput: 'DatabaseStack.OrdersTableName', localValue: 'Orders' },
      { envVar: 'AUDIT_LOG_TABLE', table: 'audit_log', stackOutput: 'DatabaseStack.AuditLogTableName', localValue: 'audit_log' },
    ]);
    expect(formatTableEnvironment(first.environment)[0]).toBe(
      'ORDERS_TABLE_NAME=<output DatabaseStack.OrdersTableName after cdk deploy> (local engine: Orders)',
    );
    const second = writeInfrastructureApp(project, featureDesign, { appName: 'Shop API' });
    expect(new Set(second.files.map((file) => file.status))).toEqual(new Set(['unchanged']));
    // Atomic writes leave no temp files behind.
    expect(readdirSync(join(project, 'infrastructure/lib'))).toEqual(['database-stack.ts']);
  });

  it('regenerates an untouched database stack when the design changes', () => {
    const project = makeScratchDir('regen');
    writeInfrastructureApp(project, featureDesign);
    const changed = makeDesign([...featureDesign.tables, makeTable({ name: 'Users' })]);
    const result = writeInfrastructureApp(project, changed);
    expect(statusOf(result.files)['infrastructure/lib/database-stack.ts']).toBe('updated');
    expect(readFileSync(join(project, 'infrastructure/lib/database-stack.ts'), 'utf8')).toContain('public readonly usersTable: TableV2;');
  });

  it('never overwrites a file edited by hand or written by the user, and says why', () => {
    const project = makeScratchDir('keep');
    writeInfrastructureApp(project, featureDesign);
    const stackFile = join(project, 'infrastructure/lib/database-stack.ts');
    const edited = readFileSync(stackFile, 'utf8').replace('RemovalPolicy.DESTROY,', 'RemovalPolicy.RETAIN,');
    writeFileSync(stackFile, edited);
    writeFileSync(join(project, 'infrastructure/cdk.json'), '{ "app": "npx ts-node bin/app.ts" }\n');
    const changed = makeDesign([makeTable({ name: 'Users' })]);
    const result = writeInfrastructureApp(project, changed);
    const kept = result.files.filter((file) => file.status === 'kept');
    expect(kept.map((file) => file.path).sort()).toEqual(['infrastructure/cdk.json', 'infrastructure/lib/database-stack.ts']);
    expect(kept.find((file) => file.path.endsWith('database-stack.ts'))?.reason).toMatch(/edited by hand/);
    expect(readFileSync(stackFile, 'utf8')).toBe(edited);
    expect(readFileSync(join(project, 'infrastructure/cdk.json'), 'utf8')).toBe('{ "app": "npx ts-node bin/app.ts" }\n');
  });

  it('writes only lib/database-stack.ts into an existing CDK app, and keeps a user file of that name', () => {
    const cdkDir = makeScratchDir('existing');
    expect(writeDatabaseStack(cdkDir, featureDesign, { tableStyle: 'Table' }).status).toBe('created');
    expect(readFileSync(join(cdkDir, 'lib/database-stack.ts'), 'utf8')).toContain('new Table(this, ');
    expect(existsSync(join(cdkDir, 'cdk.json'))).toBe(false);
    writeFileSync(join(cdkDir, 'lib/database-stack.ts'), 'export class DatabaseStack {}\n');
    const result = writeDatabaseStack(cdkDir, featureDesign);
    expect(result.status).toBe('kept');
    expect(result.reason).toMatch(/not written by dynamodb-codemod/);
  });
});

describe('detectTableStyle', () => {
  it('keeps a project on the v1 Table construct when it already uses it, TableV2 otherwise', () => {
    const withTable = makeScratchDir('style-table');
    writeFileSync(join(withTable, 'stack.ts'), "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';\nnew dynamodb.Table(this, 'Legacy', {});\n");
    expect(detectTableStyle(withTable)).toBe('Table');
    const withV2 = makeScratchDir('style-v2');
    writeFileSync(join(withV2, 'stack.ts'), "import { Table, TableV2 } from 'aws-cdk-lib/aws-dynamodb';\nnew Table(this, 'A', {});\nnew TableV2(this, 'B', {});\n");
    expect(detectTableStyle(withV2)).toBe('TableV2');
    expect(detectTableStyle(makeScratchDir('style-none'))).toBe('TableV2');
  });
});
