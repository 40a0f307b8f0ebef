import { matchExpected, readPath, substituteText, substituteVars } from './match-expected';

describe('matchExpected', () => {
  test('equal values give no mismatches', () => {
    expect(matchExpected({ a: 1, b: [true, null, 'x'], c: { d: 2.5 } }, { a: 1, b: [true, null, 'x'], c: { d: 2.5 } }, {})).toEqual([]);
  });

  test('a different scalar is reported with its path', () => {
    expect(matchExpected({ title: 'Buy milk' }, { title: 'Buy bread' }, {})).toEqual(['body.title: expected "Buy milk", got "Buy bread"']);
  });

  test('types are strict: 1 is not "1"', () => {
    expect(matchExpected({ id: 1 }, { id: '1' }, {})).toEqual(['body.id: expected 1, got "1"']);
  });

  test('missing and extra keys are both mismatches', () => {
    expect(matchExpected({ a: 1, b: 2 }, { a: 1, c: 3 }, {})).toEqual(['body.b: missing (expected 2)', 'body.c: unexpected key with 3']);
  });

  test('arrays must have the same length and order', () => {
    expect(matchExpected([1, 2], [1, 2, 3], {})).toEqual(['body: expected 2 items, got 3']);
    expect(matchExpected([1, 2], [2, 1], {})).toEqual(['body.0: expected 1, got 2', 'body.1: expected 2, got 1']);
  });

  test('{{*}} matches any present value, even null, but not a missing key', () => {
    expect(matchExpected({ id: '{{*}}', at: '{{*}}', n: '{{*}}' }, { id: 7, at: 'x', n: null }, {})).toEqual([]);
    expect(matchExpected({ id: '{{*}}' }, {}, {})).toEqual(['body.id: missing (expected "{{*}}")']);
  });

  test('a whole-string variable is compared with its captured type', () => {
    expect(matchExpected({ id: '{{noteId}}' }, { id: 3 }, { noteId: 3 })).toEqual([]);
    expect(matchExpected({ id: '{{noteId}}' }, { id: '3' }, { noteId: 3 })).toEqual(['body.id: expected {{noteId}} = 3, got "3"']);
    expect(matchExpected({ owner: '{{user}}' }, { owner: { id: 1 } }, { user: { id: 1 } })).toEqual([]);
  });

  test('a variable inside a longer string is substituted as text', () => {
    expect(matchExpected({ url: '/notes/{{noteId}}' }, { url: '/notes/3' }, { noteId: 3 })).toEqual([]);
    expect(matchExpected({ url: '/notes/{{noteId}}' }, { url: '/notes/4' }, { noteId: 3 })).toEqual(['body.url: expected "/notes/3", got "/notes/4"']);
  });

  test('an unknown variable is a mismatch, never a silent pass', () => {
    expect(matchExpected({ id: '{{nope}}' }, { id: 1 }, {})).toEqual(['body.id: unknown variable {{nope}} (never captured)']);
    expect(matchExpected('/x/{{nope}}', '/x/{{nope}}', {})).toEqual(['body: unknown variable {{nope}} (never captured)']);
  });

  test('volatile keys only need to be present', () => {
    expect(matchExpected({ id: 1, title: 'a' }, { id: 'b3c1', title: 'a' }, {}, { volatile: ['id'] })).toEqual([]);
    expect(matchExpected({ id: 1 }, {}, {}, { volatile: ['id'] })).toEqual(['body.id: missing (expected 1)']);
  });

  test('ignoreArrayOrder compares arrays as multisets', () => {
    const options = { ignoreArrayOrder: true };
    expect(matchExpected([{ id: 1 }, { id: 2 }], [{ id: 2 }, { id: 1 }], {}, options)).toEqual([]);
    // A wildcard item must not steal the only item a specific expectation fits.
    expect(matchExpected([{ id: '{{*}}' }, { id: 1 }], [{ id: 1 }, { id: 2 }], {}, options)).toEqual([]);
    expect(matchExpected([1, 1], [1, 2], {}, options)).toEqual(['body: no item matches expected 1']);
  });

  test('the shape is checked before the content', () => {
    expect(matchExpected({ a: 1 }, [1], {})).toEqual(['body: expected an object, got array [1]']);
    expect(matchExpected([1], 'text', {})).toEqual(['body: expected an array, got string "text"']);
  });
});

describe('helpers', () => {
  test('substituteVars keeps whole-string types and substitutes inner ones as text', () => {
    expect(substituteVars({ id: '{{id}}', note: 'id={{id}}', list: ['{{id}}'] }, { id: 5 })).toEqual({ id: 5, note: 'id=5', list: [5] });
  });

  test('substituteText reports unknown names', () => {
    const unknown: string[] = [];
    expect(substituteText('/a/{{x}}/{{y}}', { x: 'k' }, unknown)).toBe('/a/k/{{y}}');
    expect(unknown).toEqual(['y']);
  });

  test('readPath follows dotted paths through objects and arrays', () => {
    expect(readPath({ body: { items: [{ id: 'x' }] } }, 'body.items.0.id')).toBe('x');
    expect(readPath({ body: null }, 'body.id')).toBeUndefined();
  });
});
