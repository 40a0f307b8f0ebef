import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyInfrastructure } from '../../src/infra-step';
import { prepareProject } from './prepareProject';

const listTree = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listTree(join(dir, entry.name)).map((file) => `${entry.name}/${file}`) : [entry.name]);

describe('applyInfrastructure', () => {
  jest.setTimeout(120_000);

  it('cdk: dry returns the stack module and wiring diffs and writes nothing; a real run writes them; a second run changes nothing', async () => {
    const { dir, model, design } = await prepareProject('lambda-notes-cdk');
    const before = listTree(dir).map((file) => [file, readFileSync(join(dir, file), 'utf8')]);
    const dry = await applyInfrastructure(dir, design, model, { dry: true });
    expect(dry.diagnostics).toEqual([]);
    expect(dry.changes.map((change) => change.path)).toEqual([
      'infrastructure/bin/app.ts',
      'infrastructure/lib/database-stack.ts',
      'infrastructure/lib/notes-stack.ts',
    ]);
    expect(listTree(dir).map((file) => [file, readFileSync(join(dir, file), 'utf8')])).toEqual(before);
    const stack = dry.changes.find((change) => change.path.endsWith('notes-stack.ts'))!;
    expect(stack.before).toBe(readFileSync(join(dir, 'infrastructure/lib/notes-stack.ts'), 'utf8'));
    expect(stack.after).toMatch(/\.grant\(\w+, 'dynamodb:GetItem'\)/);
    expect(stack.after).not.toMatch(/dynamodb:\*|grantFullAccess|grantReadWriteData/);
    expect(dry.changes.find((change) => change.path.endsWith('bin/app.ts'))!.after).toMatch(/new DatabaseStack\(/);

    const real = await applyInfrastructure(dir, design, model, { dry: false });
    expect(real.changes).toEqual(dry.changes);
    for (const change of real.changes) expect(readFileSync(join(dir, change.path), 'utf8')).toBe(change.after);
    const again = await applyInfrastructure(dir, design, model, {});
    expect(again.changes).toEqual([]);
  });

  it('none: writes a complete infrastructure/ app and returns the environment the server must set', async () => {
    const { dir, model, design } = await prepareProject('express-notes-array');
    const result = await applyInfrastructure(dir, design, model, {});
    expect(result.kind).toBe('none');
    expect(result.cdkDir).toBe(join(dir, 'infrastructure'));
    expect(result.changes.map((change) => change.path).sort()).toEqual([
      'infrastructure/.gitignore', 'infrastructure/bin/app.ts', 'infrastructure/cdk.json',
      'infrastructure/lib/database-stack.ts', 'infrastructure/package.json', 'infrastructure/tsconfig.json',
    ]);
    expect(result.environment.map((variable) => variable.envVar)).toEqual(design.tables.map((table) => table.envVar));
    expect(result.notes.join('\n')).toContain(`${design.tables[0].envVar}=<output DatabaseStack.`);
    expect(existsSync(join(dir, 'infrastructure/lib/database-stack.ts'))).toBe(true);
    expect((await applyInfrastructure(dir, design, model, {})).changes).toEqual([]);
  });

  it('none: a hand-edited generated stack is kept, with a note, not overwritten', async () => {
    const { dir, model, design } = await prepareProject('express-notes-array');
    await applyInfrastructure(dir, design, model, {});
    const stackFile = join(dir, 'infrastructure/lib/database-stack.ts');
    writeFileSync(stackFile, `${readFileSync(stackFile, 'utf8')}// my edit\n`);
    const result = await applyInfrastructure(dir, design, model, {});
    expect(result.changes).toEqual([]);
    expect(result.notes.join('\n')).toMatch(/database-stack\.ts was edited by hand/);
    expect(readFileSync(stackFile, 'utf8')).toMatch(/\/\/ my edit\n$/);
  });

  it('serverless: a diagnostic naming what to add and the manual guide in .migration; dry writes nothing', async () => {
    const { dir, model, design } = await prepareProject('serverless-framework-api');
    const guide = join(dir, '.migration/infrastructure-serverless.md');
    const dry = await applyInfrastructure(dir, design, model, { dry: true });
    expect(existsSync(guide)).toBe(false);
    expect(dry.changes.map((change) => change.path)).toEqual(['.migration/infrastructure-serverless.md']);
    expect(dry.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'infra-manual', file: 'serverless.yml' })]);
    expect(dry.diagnostics[0].message).toMatch(/Serverless Framework.*serverless\.yml/s);
    expect(existsSync(join(dir, 'infrastructure'))).toBe(false);

    await applyInfrastructure(dir, design, model, {});
    const text = readFileSync(guide, 'utf8');
    expect(text).toContain('```yaml');
    expect(text).toContain('AWS::DynamoDB::Table');
    expect(text).toContain('export class DatabaseStack');
    expect((await applyInfrastructure(dir, design, model, {})).changes).toEqual([]);
  });
});
