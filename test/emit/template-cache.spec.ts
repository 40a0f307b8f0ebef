/**
 * src/emit parses each snippet shape once and hands out deep copies (src/emit/fromTemplate.ts).
 * The claim: every emitted snippet prints exactly as jscodeshift's template would have made it,
 * and copies share nothing a later edit could change.
 */
import type { ExpressionKind, StatementKind } from 'ast-types/lib/gen/kinds';
import { expression, statements, type EmitContext, type Part } from '../../src/emit/emitContext';
import { setTemplateCache } from '../../src/emit/fromTemplate';
import { detectCodeStyle } from '../../src/emit/detectCodeStyle';
import { jscodeshiftFor } from '../../src/apply/parseForRewrite';

const SOURCE = [
  "app.get('/notes/:id', async (req, res) => {",
  '  const note = notes.find((n) => n.id === Number(req.params.id));',
  '  res.json(note);',
  '});',
  '',
].join('\n');

type Snippet = (ctx: EmitContext, args: ExpressionKind[]) => { expression?: ExpressionKind; statements?: StatementKind[] };

// Shapes like the builders', with odd layout (recast reprints a snippet from its own text).
const SNIPPETS: Record<string, Snippet> = {
  'get by key': (ctx, [key]) => ({ expression: expression(ctx, ['await db.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: ', key, ' }, ConsistentRead: true }))']) }),
  'multi-line chain': (ctx, [key, values]) => ({
    expression: expression(ctx, [
      'await db\n  .send(new UpdateCommand(updateParams(NOTES_TABLE_NAME, { id: ',
      key,
      ' }, ',
      values,
      ')))\n  .catch((error) => {\n    if (isConditionFailed(error)) return { Attributes: undefined };\n    throw error;\n  })',
    ]),
  }),
  'wrapped in parentheses': (ctx, [key]) => ({ expression: expression(ctx, ['(', key, ').Item']) }),
  'node alone in a statement': (ctx, [key]) => ({ statements: statements(ctx, [key as Part, ';']) }),
  'declaration and block': (ctx, [key]) => ({
    statements: statements(ctx, ['const noteId = ', key, ';\nif (!noteId) {\n    return;   // odd indent kept\n}']),
  }),
  'function with comment': (ctx) => ({
    statements: statements(ctx, ['function noteRow(item) {\n  // a Note item as a row\n  return item && { id: item.id,\n    text: item.text ?? null };\n}\n']),
  }),
};

/** Parses SOURCE, emits the snippet with two of the file's own nodes, puts it in the handler, prints. */
function emitAndPrint(name: string, cache: boolean): string {
  setTemplateCache(cache);
  try {
    const j = jscodeshiftFor('notes.js');
    const root = j(SOURCE);
    const ctx: EmitContext = { j, style: detectCodeStyle(SOURCE), name: (n) => n };
    const key = root.find(j.CallExpression, { callee: { name: 'Number' } }).nodes()[0] as ExpressionKind;
    const values = root.find(j.Identifier, { name: 'note' }).nodes()[1] as ExpressionKind;
    const made = SNIPPETS[name](ctx, [key, values]);
    const body = root.find(j.ArrowFunctionExpression).nodes()[0].body as { body: StatementKind[] };
    if (made.expression) body.body.splice(1, 0, j.expressionStatement(made.expression));
    else body.body.splice(1, 0, ...made.statements!);
    return root.toSource();
  } finally {
    setTemplateCache(true);
  }
}

describe('snippet templates parsed once per shape', () => {
  for (const name of Object.keys(SNIPPETS)) {
    it(`prints "${name}" as jscodeshift's template does, first and repeated use`, () => {
      const expected = emitAndPrint(name, false);
      expect(emitAndPrint(name, true)).toBe(expected); // may be the first use of the shape
      expect(emitAndPrint(name, true)).toBe(expected); // a copy of the cached one
    });
  }

  it('gives copies that share no node, location or original with each other', () => {
    const j = jscodeshiftFor('notes.js');
    const ctx: EmitContext = { j, style: detectCodeStyle(SOURCE), name: (n) => n };
    const parts = (id: string): Part[] => ['{ a: ', j.identifier(id), ', b: [1, 2] }'];
    const first = expression(ctx, parts('x')) as unknown as Record<string, unknown>;
    const second = expression(ctx, parts('y')) as unknown as Record<string, unknown>;
    const seen = new Set<unknown>();
    const collect = (value: unknown): void => {
      if (typeof value !== 'object' || value === null || seen.has(value)) return;
      seen.add(value);
      for (const key of Object.keys(value)) if (key !== 'lines' && key !== 'tokens') collect((value as Record<string, unknown>)[key]);
      collect((value as { original?: unknown }).original);
    };
    collect(first);
    const shared: unknown[] = [];
    const check = new Set<unknown>();
    const walk = (value: unknown): void => {
      if (typeof value !== 'object' || value === null || check.has(value)) return;
      check.add(value);
      if (seen.has(value)) shared.push(value);
      for (const key of Object.keys(value)) if (key !== 'lines' && key !== 'tokens') walk((value as Record<string, unknown>)[key]);
      walk((value as { original?: unknown }).original);
    };
    walk(second);
    expect(shared).toEqual([]);
    expect((first.original as object | undefined) && typeof first.original).toBe('object');
    // the caller's nodes are placed as they are
    const property = (second as { properties: { value: { name: string } }[] }).properties[0];
    expect(property.value.name).toBe('y');
    // an edit of one copy does not show in the next
    (first as { properties: unknown[] }).properties.pop();
    const third = expression(ctx, parts('z')) as unknown as { properties: unknown[] };
    expect(third.properties).toHaveLength(2);
    setTemplateCache(false);
    const fresh = expression(ctx, parts('z'));
    setTemplateCache(true);
    const print = (node: unknown) => j(j.program([j.expressionStatement(node as ExpressionKind)])).toSource();
    expect(print(third)).toBe(print(fresh));
  });
});
