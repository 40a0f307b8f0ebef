import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { AccessModel } from '../../src/model/access-model';
import { mapFunctionsToHandlers } from '../../src/verify/mapFunctionsToHandlers';
import { checkLeastPrivilege } from '../../src/verify/runChecks';
import type { SynthResult } from '../../src/verify/synth';
import { makeDesign, makeTable } from '../stack/designs';

const design = makeDesign([makeTable({ name: 'Notes' })], [
  { file: 'lambda/getNote.ts', actions: ['GetItem'], tables: ['Notes'] },
  { file: 'lambda/saveNote.ts', actions: ['PutItem'], tables: ['Notes'] },
]);

// Handler 'index.handler' says nothing about the file: only the scan's construct link can map these.
const model = {
  handlers: [
    { id: 'lambda/getNote.ts#handler', file: 'lambda/getNote.ts', construct: { file: 'lib/stack.ts', line: 3, name: 'Reader' } },
    { id: 'lambda/saveNote.ts#handler', file: 'lambda/saveNote.ts', construct: { file: 'lib/stack.ts', line: 4, name: 'Writer' } },
  ],
} as unknown as AccessModel;

function synthesize(grantReaderPut: boolean): SynthResult {
  const stack = new Stack(new App({ context: { 'aws:cdk:enable-path-metadata': true } }), 'NotesStack');
  const notes = new TableV2(stack, 'NotesTable', { partitionKey: { name: 'id', type: AttributeType.STRING } });
  const make = (id: string) => new LambdaFunction(stack, id, { runtime: Runtime.NODEJS_24_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => {}') });
  const reader = make('Reader');
  notes.grant(reader, 'dynamodb:GetItem', ...(grantReaderPut ? ['dynamodb:PutItem'] : []));
  notes.grant(make('Writer'), 'dynamodb:PutItem');
  return { ok: true, templates: { NotesStack: Template.fromStack(stack).toJSON() }, outputDir: '', durationMs: 0 };
}

describe('checkLeastPrivilege', () => {
  it('maps functions to handlers through the scan construct links', () => {
    expect(mapFunctionsToHandlers(synthesize(false).templates, model)).toEqual({
      'NotesStack/Reader': ['lambda/getNote.ts'],
      'NotesStack/Writer': ['lambda/saveNote.ts'],
    });
  });

  it('passes exact grants and fails, naming the function and action, on a grant the handler does not need', () => {
    expect(checkLeastPrivilege(synthesize(false), design, model)).toMatchObject({ status: 'pass' });
    const failed = checkLeastPrivilege(synthesize(true), design, model);
    expect(failed.status).toBe('fail');
    expect(failed.details).toEqual([expect.stringMatching(/^action-not-performed: NotesStack\/Reader: dynamodb:PutItem on Notes/)]);
  });

  it('is skipped when synth failed', () => {
    expect(checkLeastPrivilege({ ok: false, templates: {}, outputDir: '', durationMs: 0 }, design, model).status).toBe('skip');
  });
});
