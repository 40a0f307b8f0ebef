/**
 * Blank lines around the statements a rewrite adds or replaces follow the original layout (issue 5,
 * formatting-preserving): no paragraph break appears where the original had none, and an inserted
 * write-back does not double the blank line that followed the statement it belongs to.
 */
import { jscodeshiftFor } from '../../src/apply/parseForRewrite';
import { printWithSettledBlankLines } from '../../src/apply/rewrite/settleBlankLines';

const source = [
  "app.put('/notes/:id', (req, res) => {",
  '  const index = notes.findIndex((n) => n.id === id);',
  "  if (index === -1) return res.status(404).end();",
  '  notes.forEach((note) => {',
  '    note.seen = true;',
  '  });',
  '  notes[index] = { ...notes[index], ...req.body };',
  '',
  '  res.json(notes[index]);',
  '});',
  '',
].join('\n');

function rewriteAndPrint(settle: boolean): string {
  const j = jscodeshiftFor('server.js');
  const root = j(source);
  const body = root.find(j.ArrowFunctionExpression).nodes()[0].body as { body: any[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
  const [read, check, loop, assign, respond] = body.body;
  // the loop (one statement) becomes two new multi-line statements
  const replacement = j.template.statements`const all = await scanAll({
  TableName: NOTES_TABLE_NAME,
});
for (const note of all) {
  note.seen = true;
}`.map((node: object) => ({ ...node, loc: undefined }));
  // a write-back inserted right after the mutation, which a blank line followed
  const writeBack = { ...j.template.statement`await db.send(new PutCommand({ TableName: NOTES_TABLE_NAME, Item: notes[index] }));`, loc: undefined };
  void loop;
  body.body = [read, check, ...replacement, assign, writeBack, respond];
  const fileNode = root.paths()[0].node as { loc?: { lines?: unknown } };
  const print = () => root.toSource({ quote: 'single', reuseWhitespace: true });
  return settle ? printWithSettledBlankLines(fileNode, fileNode.loc?.lines, print) : print();
}

describe('blank lines around rewritten statements', () => {
  it('keeps the original paragraphs: none around a replaced statement, the one after an insertion only once', () => {
    expect(rewriteAndPrint(true)).toBe(
      [
        "app.put('/notes/:id', (req, res) => {",
        '  const index = notes.findIndex((n) => n.id === id);',
        "  if (index === -1) return res.status(404).end();",
        '  const all = await scanAll({',
        '    TableName: NOTES_TABLE_NAME,',
        '  });',
        '  for (const note of all) {',
        '    note.seen = true;',
        '  }',
        '  notes[index] = { ...notes[index], ...req.body };',
        '  await db.send(new PutCommand({ TableName: NOTES_TABLE_NAME, Item: notes[index] }));',
        '',
        '  res.json(notes[index]);',
        '});',
        '',
      ].join('\n'),
    );
  });

  it('differs from what recast prints on its own (the case this guards)', () => {
    const plain = rewriteAndPrint(false);
    expect(plain).toMatch(/end\(\);\n\n {2}const all/);
    expect(plain).toMatch(/req\.body \};\n\n {2}await db/);
  });

  it('puts every loc it changed for the print back', () => {
    const j = jscodeshiftFor('server.js');
    const root = j(source);
    const body = root.find(j.ArrowFunctionExpression).nodes()[0].body as { body: any[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const [read, check, , assign, respond] = body.body;
    const inserted = { ...j.template.statement`audit(index);`, loc: undefined } as { loc?: unknown };
    body.body = [read, check, assign, inserted, respond];
    const before = body.body.map((node) => node.loc);
    const fileNode = root.paths()[0].node as { loc?: { lines?: unknown } };
    printWithSettledBlankLines(fileNode, fileNode.loc?.lines, () => root.toSource());
    expect(body.body.map((node) => node.loc)).toEqual(before);
    expect('loc' in inserted && inserted.loc === undefined).toBe(true);
  });
});
