import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runVerify, type VerifyResult } from '../../src/commands/verify';
import { applyInfrastructure } from '../../src/infra-step';
import { PROJECT_ROOT, prepareProject } from '../infra-step/prepareProject';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.CDK_DISABLE_CLI_TELEMETRY = 'true';

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  return { stream: new Writable({ write: (chunk, _encoding, done) => { text += chunk.toString(); done(); } }), text: () => text };
}

async function verifyJson(dir: string, synth = false): Promise<{ code: number; result: VerifyResult }> {
  const out = capture();
  const code = await runVerify({ dir, synth, json: true, stdout: out.stream, stderr: capture().stream });
  return { code, result: JSON.parse(out.text()) as VerifyResult };
}

describe('verify', () => {
  jest.setTimeout(400_000);

  it('lambda-notes-cdk after plan + applyInfrastructure: type-check, real synth and the audit pass; no original in git: behaviour skipped, plan.md not marked', async () => {
    const { dir, model, design } = await prepareProject('lambda-notes-cdk');
    await applyInfrastructure(dir, design, model, {});
    const { code, result } = await verifyJson(dir);
    const byName = Object.fromEntries(result.checks.map((check) => [check.name, check]));
    expect(byName['type-check infrastructure/tsconfig.json']).toMatchObject({ status: 'pass' });
    expect(byName['cdk synth']).toMatchObject({ status: 'pass' });
    expect(byName['cdk synth'].reason).toMatch(/DatabaseStack/);
    expect(byName['least-privilege audit']).toMatchObject({ status: 'pass' });
    // The scan's construct links mapped the route functions to their handlers.
    expect(byName['least-privilege audit'].reason).toMatch(/[1-9]\d* function\(s\) mapped by construct/);
    expect(byName['least-privilege audit'].details).toBeUndefined();
    expect(code).toBe(0);
    // The copy under the repository's ignored .tmp/ has no original in git: the behaviour check is
    // skipped with the reason, and without it add-database stays pending (behaviour.spec.ts marks it).
    expect(byName.behaviour).toMatchObject({ status: 'skip', reason: expect.stringMatching(/not in git at HEAD|not in a git repository/) });
    expect(result.markedComplete).toBeUndefined();
    expect(readFileSync(join(dir, '.migration/plan.md'), 'utf8')).toMatch(/\*\*Status: pending\*\*/);
    // the summary shows every table and the IAM actions per handler
    expect(result.summary!.tables.some((line) => /^Notes: partition key id/.test(line))).toBe(true);
    expect(result.summary!.iam.length).toBeGreaterThan(0);
  });

  it('express-notes-array: --synth synthesizes the generated infrastructure/ app only, and does not mark the plan', async () => {
    const { dir, model, design } = await prepareProject('express-notes-array');
    await applyInfrastructure(dir, design, model, {});
    const planBefore = readFileSync(join(dir, '.migration/plan.md'), 'utf8');
    const { code, result } = await verifyJson(dir, true);
    expect(result.checks.map((check) => [check.name, check.status])).toEqual([['cdk synth', 'pass']]);
    expect(code).toBe(0);
    expect(readFileSync(join(dir, '.migration/plan.md'), 'utf8')).toBe(planBefore);
  });

  it('fails with the file:line reason on a JavaScript syntax error; synth is skipped without a CDK app', async () => {
    const { dir } = await prepareProject('express-notes-array');
    writeFileSync(join(dir, 'broken.js'), 'const x = ;\n');
    const out = capture();
    const code = await runVerify({ dir, stdout: out.stream, stderr: capture().stream });
    expect(code).toBe(1);
    expect(out.text()).toMatch(/FAIL syntax-check: node --check failed on 1 of \d+ file\(s\)\n\s+broken\.js:1: SyntaxError/);
    expect(out.text()).toMatch(/SKIP cdk synth/);
    expect(out.text()).toMatch(/verify: some checks failed/);
  });

  it('fails while apply\'s TODO markers are left, each with its file:line and message, and passes once they are gone', async () => {
    const { dir } = await prepareProject('express-notes-array');
    const marked = "const db = require('./db');\n\nfunction clear() {\n  // dynamodb-codemod: TODO only `DELETE … WHERE <key> = ?` is rewritten: query the keys first and delete them in batches, then re-run\n  db.run('DELETE FROM notes');\n}\n\nmodule.exports = { clear };\n";
    writeFileSync(join(dir, 'clear.js'), marked);
    const { code, result } = await verifyJson(dir);
    const todo = result.checks.find((check) => check.name === 'TODO markers')!;
    expect(todo).toMatchObject({ status: 'fail', reason: expect.stringMatching(/^1 spot\(s\) still use the old store/) });
    expect(todo.details).toEqual(['clear.js:4: only `DELETE … WHERE <key> = ?` is rewritten: query the keys first and delete them in batches, then re-run']);
    expect(code).toBe(1);
    expect(result.markedComplete).toBeUndefined();
    writeFileSync(join(dir, 'clear.js'), marked.replace(/^.*dynamodb-codemod: TODO.*\n/m, ''));
    expect((await verifyJson(dir)).result.checks.find((check) => check.name === 'TODO markers')).toMatchObject({ status: 'pass' });
  });

  it('cannot run (exit 2) without a design or a directory', async () => {
    const base = join(PROJECT_ROOT, '.tmp', 'infra-step');
    mkdirSync(base, { recursive: true });
    const empty = mkdtempSync(join(base, 'empty-'));
    expect((await verifyJson(empty)).code).toBe(2);
    expect((await verifyJson(empty)).result).toMatchObject({ ok: false, error: expect.stringMatching(/dynamodb\.json not found/) });
    expect((await verifyJson(join(empty, 'missing'))).code).toBe(2);
  });
});
