import { PassThrough } from 'node:stream';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TableDesign } from '../../src/model/table-design';
import { runPlan } from '../../src/commands/plan';
import { askPlanQuestions } from '../../src/plan/ask-questions';
import { deriveBaseDesign } from '../../src/plan/derive-plan';
import { notesModel, todosModel } from './models';

/** Streams that feed the answers and collect everything printed, as a terminal would. */
function terminal(answers: string[], end = true) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk) => (printed += chunk.toString()));
  input.write(answers.map((line) => `${line}\n`).join(''));
  if (end) input.end();
  return { input, output, printed: () => printed };
}

describe('plan questions (injected streams, no TTY)', () => {
  it('explains the keys, shows the tree, and asks the three questions in order', async () => {
    const io = terminal(['', '', '']);
    const { choices } = await askPlanQuestions(deriveBaseDesign(todosModel()), todosModel(), io);
    const printed = io.printed();
    const order = ['Partition key:', 'Sort key:', 'Global secondary index (GSI):', 'Proposed tables:', 'Todos  (env TODOS_TABLE_NAME)', '1. Does this capture all your data?', '2. Which lookups', '3. Is any data temporary'];
    const positions = order.map((text) => printed.indexOf(text));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(printed).toContain('Already planned: Todo by completed (GSI completed-createdAt-index)');
    expect(choices).toEqual({ gsi: [], ttl: [], tableName: [], newEntities: [], newAttributes: [] });
  });

  it('each answer changes the design: a missing attribute and entity, a lookup, temporary data', async () => {
    const io = terminal(['Note.expiresAt:date, Tag', '', 'Note.title:createdAt', '', 'Note.expiresAt', '']);
    const { design, choices } = await askPlanQuestions(deriveBaseDesign(notesModel()), notesModel(), io);
    expect(choices.newAttributes).toEqual([{ entity: 'Note', attribute: 'expiresAt', type: 'date' }]);
    expect(choices.newEntities).toEqual(['Tag']);
    expect(choices.gsi).toEqual([{ entity: 'Note', attribute: 'title', sort: 'createdAt' }]);
    expect(choices.ttl).toEqual([{ entity: 'Note', attribute: 'expiresAt' }]);
    const notes = design.tables.find((table) => table.entity === 'Note')!;
    expect(notes.gsis.map((gsi) => gsi.name)).toEqual(['title-createdAt-index']);
    expect(notes.ttlAttribute).toBe('ttl');
    expect(design.tables.map((table) => table.name)).toEqual(['Notes', 'Tags']);
    expect(io.printed()).toContain('Updated tables:');
  });

  it('explains a bad answer and asks again', async () => {
    const io = terminal(['Note.title', 'note colour', '', 'Note.colour', 'Note.title', '', 'Note.expires', '']);
    const { choices } = await askPlanQuestions(deriveBaseDesign(notesModel()), notesModel(), { input: io.input, output: io.output });
    const printed = io.printed();
    expect(printed).toContain('Note.title is already in the design.');
    expect(printed).toContain('"note": name an entity (Tag) or an attribute (Note.colour or Note.colour:number)');
    expect(printed).toContain('> Note.colour: "colour" is not an attribute of entity Note');
    expect(printed).toContain('Try again, or press Enter to skip.');
    expect(printed).toContain('> Note.expires: "expires" is not an attribute of entity Note');
    expect(choices).toEqual({ gsi: [{ entity: 'Note', attribute: 'title' }], ttl: [], tableName: [], newEntities: [], newAttributes: [] });
  });

  it('takes the defaults when input ends', async () => {
    const io = terminal([]);
    const design = deriveBaseDesign(notesModel());
    const result = await askPlanQuestions(design, notesModel(), io);
    expect(result.design).toBe(design);
  });

  it('runPlan asks when given streams and writes the answered design; --yes asks nothing', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'plan-questions-'));
    try {
      const io = terminal(['', 'Todo.title', '', 'Todo.createdAt', '']);
      const code = await runPlan({ dir, model: todosModel(), stdin: io.input, stdout: io.output, stderr: io.output });
      expect(code).toBe(0);
      const design = JSON.parse(await fs.readFile(path.join(dir, '.migration/dynamodb.json'), 'utf8')) as TableDesign;
      expect(design.tables[0].gsis.map((gsi) => gsi.name)).toEqual(['completed-createdAt-index', 'title-index']);
      expect(design.tables[0].ttlAttribute).toBe('ttl');

      const quiet = terminal(['Todo.completed']);
      expect(await runPlan({ dir, model: todosModel(), yes: true, stdin: quiet.input, stdout: quiet.output })).toBe(0);
      expect(quiet.printed()).not.toContain('1. Does this capture');
      expect(quiet.printed()).toContain('No change');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
