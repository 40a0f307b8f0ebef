import { analyseProject } from './analyseProject';

/**
 * A loop that probes the store for a free key before a create (`while (users[id]) id = …`). When
 * the key comes from random or sequential id code, the plan replaces that code and apply drops the
 * loop: its read is part of the create. Otherwise the loop stays in the migrated code and reads the
 * table on every create, so the scan reports that read (its handler must be granted GetItem).
 */
describe('a create that probes for a free key', () => {
  const store = 'const users = {};';

  it('folds the probe into the create when the id is time-based or counted', () => {
    const { summary } = analyseProject({
      'app.js': [
        store,
        "app.post('/a', (req, res) => { let id = Date.now().toString(); while (users[id]) { id = (Number(id) + 1).toString(); } users[id] = { id, name: req.body.name }; res.json(users[id]); });",
        "app.post('/b', (req, res) => { let id = Object.keys(users).length + 1; while (users[id]) id++; users[id] = { id }; res.json(users[id]); });",
      ].join('\n'),
    });
    expect(summary.filter((line) => line.startsWith('read-by-id'))).toEqual([]);
  });

  it('reports the probe as a read when the key is the client\'s, or the loop does more than pick the key', () => {
    const { summary } = analyseProject({
      'app.js': [
        store,
        "app.post('/c', (req, res) => { let id = String(req.body.handle); while (users[id]) { id = id + '_'; } users[id] = { id }; res.json(users[id]); });",
        "app.post('/d', (req, res) => { let id = Date.now().toString(); let tries = 0; while (users[id]) { tries++; id = id + tries; } users[id] = { id }; res.json(users[id]); });",
      ].join('\n'),
    });
    expect(summary.filter((line) => line.startsWith('read-by-id'))).toEqual(['read-by-id User app.js:2', 'read-by-id User app.js:3']);
  });
});
