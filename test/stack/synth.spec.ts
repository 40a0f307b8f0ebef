import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { findCdkCli, runCdkSynth, summarizeSynthError } from '../../src/verify/synth';
import { writeInfrastructureApp } from '../../src/stack/writeInfrastructureApp';
import { featureDesign } from './designs';
import { makeScratchDir, PROJECT_ROOT } from './helpers';

describe('stack templates compile', () => {
  it('type-checks stack-templates/ (infrastructure app and Table variant) with tsc', () => {
    const tsc = join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc');
    expect(() =>
      execFileSync(process.execPath, [tsc, '-p', join(PROJECT_ROOT, 'stack-templates/tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' }),
    ).not.toThrow();
  });
});

describe('runCdkSynth', () => {
  it('uses the aws-cdk CLI installed with this package', () => {
    expect(findCdkCli()).toBe(join(PROJECT_ROOT, 'node_modules/aws-cdk/bin/cdk'));
  });

  it('synthesizes a generated infrastructure app for real, offline', async () => {
    const project = makeScratchDir('synth');
    const { infraDir } = writeInfrastructureApp(project, featureDesign, { appName: 'shop' });
    const result = await runCdkSynth(infraDir, { timeoutMs: 90_000 });
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(Object.keys(result.templates)).toEqual(['DatabaseStack']);
    const template = Template.fromJSON(result.templates.DatabaseStack);
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 2);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'customerId', KeyType: 'HASH' },
        { AttributeName: 'orderNumber', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    expect(Object.keys(template.toJSON().Outputs).filter((name) => !name.startsWith('BootstrapVersion'))).toHaveLength(4);
  });

  it('reports a failing app with its message and file:line, not a stack dump', async () => {
    const project = makeScratchDir('synth-fail');
    const { infraDir } = writeInfrastructureApp(project, featureDesign);
    const stackFile = join(infraDir, 'lib/database-stack.ts');
    writeFileSync(stackFile, readFileSync(stackFile, 'utf8').replace("new CfnOutput(this, 'OrdersTableArn'", "new CfnOutput(this, 'OrdersTableName'"));
    const result = await runCdkSynth(infraDir, { timeoutMs: 90_000 });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/There is already a Construct with name 'OrdersTableName'/);
    expect(result.error).toMatch(/database-stack\.ts:\d+/);
    expect(result.error).not.toMatch(/^\s+at /m);
    expect(result.error!.split('\n').length).toBeLessThan(20);
  });

  it('refuses a directory without cdk.json', async () => {
    const result = await runCdkSynth(makeScratchDir('no-app'));
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/no cdk.json/) });
  });

  it('summarizes CLI output without ANSI codes or stack frames', () => {
    const summary = summarizeSynthError(
      '\u001b[31mError: boom\u001b[0m\n    at Object.<anonymous> (/x/node_modules/y.js:1:1)\n    at new AppStack (/app/lib/app-stack.ts:12:5)\n',
      1,
    );
    expect(summary).toBe('cdk synth exited with code 1:\nError: boom\n(at new AppStack (/app/lib/app-stack.ts:12:5))');
  });
});
