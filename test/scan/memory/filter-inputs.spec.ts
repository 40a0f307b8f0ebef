import { analyseProject } from './analyseProject';

/** filter-by-attr operations of an Express app on one array store, as `line attribute<-part.name` (none: `-`). */
function inputs(...lines: string[]): string[] {
  const { ops } = analyseProject({ 'app.js': ['let talks = [{ id: 1, title: "a", room: "r", score: 3 }];', ...lines].join('\n') });
  return ops
    .filter((op) => op.op === 'filter-by-attr')
    .map((op) => `${op.line} ${(op.inputs ?? []).map((input) => `${input.attribute}<-${input.from}.${input.name}`).join(',') || '-'}`)
    .sort();
}

describe('the request parameter a filter reads (inputs)', () => {
  it('is named by the member read off the request part, a destructured key (renamed too), a local, or pass-through calls', () => {
    expect(
      inputs(
        "app.get('/a', (req, res) => res.json(talks.filter((t) => t.title.includes(req.query.search))));",
        "app.get('/b', (req, res) => { const { category } = req.query; res.json(talks.filter((t) => t.room === category)); });",
        "app.get('/c', (req, res) => { const { q: term } = req.query; res.json(talks.filter((t) => t.title.includes(term))); });",
        "app.get('/d', (req, res) => { const q = req.query; res.json(talks.filter((t) => t.room === q.where)); });",
        "app.get('/e', (req, res) => { const min = Number(req.query.atLeast || 0); res.json(talks.filter((t) => t.score >= min)); });",
        "app.get('/f', (req, res) => res.json(talks.filter((t) => t.title.toLowerCase().includes(String(req.query.text).toLowerCase()))));",
      ),
    ).toEqual(['2 title<-query.search', '3 room<-query.category', '4 title<-query.q', '5 room<-query.where', '6 score<-query.atLeast', '7 title<-query.text']);
  });

  it('follows a helper to its callers, and names nothing when they pass different parameters', () => {
    expect(
      inputs(
        'function byRoom(room) { return talks.filter((t) => t.room === room); }',
        "app.get('/r', (req, res) => res.json(byRoom(req.query.where)));",
        "app.get('/r2', (req, res) => res.json(byRoom(req.query.where)));",
        'function byTitle({ search }) { return talks.filter((t) => t.title.includes(search)); }',
        "app.get('/t', (req, res) => res.json(byTitle(req.query)));",
        'function byScore(score) { return talks.filter((t) => t.score === score); }',
        "app.get('/s', (req, res) => res.json(byScore(req.query.score)));",
        "app.post('/s', (req, res) => res.json(byScore(req.body.points)));",
      ),
    ).toEqual(['2 room<-query.where', '5 title<-query.search', '7 -']);
  });

  it('lists nothing for a value that is not from the request, or a whole or computed part', () => {
    expect(
      inputs(
        "const ROOM = 'main';",
        "app.get('/a', (req, res) => res.json(talks.filter((t) => t.room === ROOM)));",
        "app.get('/b', (req, res) => { const key = 'title'; res.json(talks.filter((t) => t.title === req.query[key])); });",
      ),
    ).toEqual(['3 -', '4 -']);
  });
});
