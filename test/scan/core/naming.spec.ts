import { singularize, toEntityName } from '../../../src/scan/naming';

describe('singularize', () => {
  test.each([
    ['notes', 'note'],
    ['categories', 'category'],
    ['addresses', 'address'],
    ['movies', 'movie'],
    ['cookies', 'cookie'],
    ['pies', 'pie'],
    ['stories', 'story'],
    ['people', 'person'],
    ['status', 'status'],
    ['MOVIES', 'MOVIE'],
  ])('%s → %s', (plural, singular) => {
    expect(singularize(plural)).toBe(singular);
  });
});

describe('toEntityName', () => {
  test.each([
    ['movies', 'Movie'],
    ['order_items', 'OrderItem'],
    ['userList', 'User'],
    ['categories', 'Category'],
  ])('%s → %s', (collection, entity) => {
    expect(toEntityName(collection)).toBe(entity);
  });
});
