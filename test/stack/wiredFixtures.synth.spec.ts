/**
 * The wired fixture apps, synthesized for real with `cdk synth` (runCdkSynth), then audited:
 * every IAM statement of every function must match its handler's actions in the design, and every
 * handler must get what it needs. Runs one synth per scenario that has an audit.json (~5 s each).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { auditLeastPrivilege, type AuditOptions } from '../../src/stack/auditLeastPrivilege';
import { writeDatabaseStack } from '../../src/stack/writeInfrastructureApp';
import { runCdkSynth, type SynthResult } from '../../src/verify/synth';
import type { TableDesign } from '../../src/model/table-design';
import { FIXTURES_DIR, listScenarios, prepareScenario, runScenario } from './wireFixtures';

const audited = listScenarios().filter((name) => existsSync(join(FIXTURES_DIR, name, 'audit.json')));

describe.each(audited)('%s, wired and synthesized', (name) => {
  let synth: SynthResult;
  let design: TableDesign;
  const auditOptions = JSON.parse(readFileSync(join(FIXTURES_DIR, name, 'audit.json'), 'utf8')) as AuditOptions & {
    expectedViolations?: { kind: string; function: string }[];
  };

  beforeAll(async () => {
    const scenario = prepareScenario(name);
    runScenario(scenario);
    design = JSON.parse(readFileSync(scenario.designPath, 'utf8'));
    const optionsFile = join(scenario.dir, 'options.json');
    const stackFile = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')).databaseStack : undefined;
    writeDatabaseStack(scenario.dir, design, { stackFile });
    synth = await runCdkSynth(scenario.dir, { timeoutMs: 150_000 });
  }, 180_000);

  it('synthesizes with cdk synth', () => {
    expect(synth.error).toBeUndefined();
    expect(Object.keys(synth.templates)).toContain('DatabaseStack');
  });

  it('grants every function exactly what its handler does, nothing more and nothing missing', () => {
    const result = auditLeastPrivilege(synth.templates, design, auditOptions);
    // A scenario may document a known over-grant (see its expected-reports.json): the audit must catch exactly that.
    expect(result.violations.map(({ kind, function: fn }) => ({ kind, function: fn }))).toEqual(auditOptions.expectedViolations ?? []);
    expect(result.missing).toEqual([]);
    expect(result.unrecognized).toEqual([]);
  });

  it('sets the table-name variable on every function that uses a table', () => {
    let checked = 0;
    for (const template of Object.values(synth.templates)) {
      for (const resource of Object.values(template.Resources ?? {})) {
        if (resource.Type !== 'AWS::Lambda::Function') continue;
        const path = String((resource as { Metadata?: Record<string, unknown> }).Metadata?.['aws:cdk:path'] ?? '').replace(/\/Resource$/, '');
        const file = auditOptions.functions?.[path];
        if (!file) continue;
        const envVars = design.tables
          .filter((table) => design.handlers.some((handler) => handler.file === file && handler.tables.includes(table.name)))
          .map((table) => table.envVar);
        const variables = Object.keys((resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {});
        expect({ path, variables }).toEqual({ path, variables: expect.arrayContaining(envVars) });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  if (name === 'http-api-split-constructs') {
    it('has the exact IAM statements per function: two tables, index ARNs only for the index query', () => {
      const template = Template.fromJSON(synth.templates.NotesAppStack);
      // Cross-stack table ARNs → the table's name, plus /index/* for index ARNs.
      const tableOf = (resource: unknown) => {
        const text = JSON.stringify(resource);
        const table = /CommentsTable/.test(text) ? 'Comments' : /NotesTable/.test(text) ? 'Notes' : text;
        return /\/index\/\*/.test(text) ? `${table}/index/*` : table;
      };
      const byRole = Object.values(template.findResources('AWS::IAM::Policy')).map((policy) => {
        const properties = (policy as { Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: { Action: unknown; Effect: string; Resource: unknown }[] } } }).Properties;
        return {
          role: properties.Roles[0].Ref.replace(/FunctionServiceRole[0-9A-F]{8}$/, ''),
          statements: properties.PolicyDocument.Statement.map((statement) => ({
            actions: statement.Action,
            effect: statement.Effect,
            resources: (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]).map(tableOf),
          })),
        };
      });
      expect(byRole.sort((a, b) => a.role.localeCompare(b.role))).toEqual([
        {
          role: 'NotesApiAddComment',
          statements: [
            { actions: 'dynamodb:GetItem', effect: 'Allow', resources: ['Notes'] },
            { actions: 'dynamodb:PutItem', effect: 'Allow', resources: ['Comments'] },
          ],
        },
        { role: 'NotesApiGetNote', statements: [{ actions: 'dynamodb:GetItem', effect: 'Allow', resources: ['Notes'] }] },
        { role: 'NotesApiListComments', statements: [{ actions: 'dynamodb:Query', effect: 'Allow', resources: ['Comments', 'Comments/index/*'] }] },
      ]);
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: { PAGE_SIZE: '20', NODE_OPTIONS: '--enable-source-maps', COMMENTS_TABLE_NAME: Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp('CommentsTable') }) } },
      });
    });
  }

  if (name === 'rest-api-asset-per-route') {
    it('has the exact IAM statements per function, and the audit fails once one is widened', () => {
      const template = Template.fromJSON(synth.templates.NotesStack);
      const tableArn = { 'Fn::ImportValue': expect.stringMatching(/^DatabaseStack:ExportsOutputFnGetAttNotesTable[0-9A-F]{8}Arn/) };
      const statements = Object.values(template.findResources('AWS::IAM::Policy')).map((policy) => ({
        roles: (policy as { Properties: { Roles: { Ref: string }[] } }).Properties.Roles[0].Ref.replace(/ServiceRole[0-9A-F]{8}$/, ''),
        statement: (policy as { Properties: { PolicyDocument: { Statement: unknown[] } } }).Properties.PolicyDocument.Statement,
      }));
      expect(statements.sort((a, b) => a.roles.localeCompare(b.roles))).toEqual([
        { roles: 'CreateNoteFunction', statement: [{ Action: 'dynamodb:PutItem', Effect: 'Allow', Resource: tableArn }] },
        { roles: 'DeleteNoteFunction', statement: [{ Action: 'dynamodb:DeleteItem', Effect: 'Allow', Resource: tableArn }] },
        { roles: 'GetNoteFunction', statement: [{ Action: 'dynamodb:GetItem', Effect: 'Allow', Resource: tableArn }] },
        {
          roles: 'ListNotesFunction',
          statement: [{ Action: 'dynamodb:Query', Effect: 'Allow', Resource: [tableArn, { 'Fn::Join': ['', [tableArn, '/index/*']] }] }],
        },
      ]);
      template.hasResourceProperties('AWS::Lambda::Function', {
        Handler: 'getNote.handler',
        Environment: { Variables: { LOG_LEVEL: 'info', NOTES_TABLE_NAME: { 'Fn::ImportValue': Match.stringLikeRegexp('^DatabaseStack:ExportsOutputRefNotesTable') } } },
      });

      const widened = JSON.parse(JSON.stringify(synth.templates));
      for (const resource of Object.values<{ Type: string; Properties: { PolicyDocument: { Statement: { Action: unknown }[] } } }>(widened.NotesStack.Resources)) {
        if (resource.Type === 'AWS::IAM::Policy') resource.Properties.PolicyDocument.Statement[0].Action = ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:DeleteItem'];
      }
      const result = auditLeastPrivilege(widened, design, auditOptions);
      expect(result.ok).toBe(false);
      expect(result.violations.filter((violation) => violation.kind === 'action-not-performed').length).toBeGreaterThanOrEqual(4);
    });
  }
});
