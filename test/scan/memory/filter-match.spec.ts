import { analyseProject } from './analyseProject';

/** filter-by-attr operations of an Express app on one array store, as `attributes match` at each line. */
function filters(...routes: string[]): string[] {
  const { ops } = analyseProject({ 'app.js': ['let talks = [{ id: 1, title: "a", room: "r", score: 3, tags: [] }];', ...routes].join('\n') });
  return ops
    .filter((op) => op.op === 'filter-by-attr')
    .map((op) => `${op.line} ${op.attributes!.join(',')} ${op.match ?? 'equals'}`)
    .sort();
}

describe('how a filter compares (match)', () => {
  it('=== is equals (match absent), includes (also on a lower-cased copy) and a regex test contain, startsWith is a prefix, < > are a range', () => {
    expect(
      filters(
        "app.get('/a', (req, res) => res.json(talks.filter((t) => t.room === req.query.room)));",
        "app.get('/b', (req, res) => res.json(talks.filter((t) => t.title.includes(req.query.q))));",
        "app.get('/c', (req, res) => res.json(talks.filter((t) => t.title.toLowerCase().includes(String(req.query.q).toLowerCase()))));",
        "app.get('/d', (req, res) => res.json(talks.filter((t) => new RegExp(req.query.q, 'i').test(t.title))));",
        "app.get('/e', (req, res) => res.json(talks.filter((t) => t.title.startsWith(req.query.q))));",
        "app.get('/f', (req, res) => res.json(talks.filter((t) => t.score >= Number(req.query.min))));",
        "app.get('/g', (req, res) => res.json(talks.filter((t) => t.tags.includes(req.query.tag))));",
      ),
    ).toEqual(['2 room equals', '3 title contains', '4 title contains', '5 title contains', '6 title prefix', '7 score range', '8 tags contains']);
  });

  it('one filter comparing in two ways is one operation per way, and the equality keeps no match field', () => {
    const { ops } = analyseProject({
      'app.js': [
        'let talks = [{ id: 1, title: "a", room: "r" }];',
        "app.get('/t', (req, res) => res.json(talks.filter((t) => t.room === req.query.room && t.title.includes(req.query.q))));",
      ].join('\n'),
    });
    const found = ops.filter((op) => op.op === 'filter-by-attr').map(({ attributes, match }) => ({ attributes, match }));
    expect(found).toEqual(expect.arrayContaining([{ attributes: ['room'], match: undefined }, { attributes: ['title'], match: 'contains' }]));
    expect(found).toHaveLength(2);
    expect(ops.find((op) => op.attributes?.[0] === 'room')).not.toHaveProperty('match');
  });
});
