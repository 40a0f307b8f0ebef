import type { AccessModel } from '../src/model/access-model';
test('model type compiles', () => {
  const m: AccessModel = { version: 1, stores: [], entities: [], operations: [], handlers: [], infrastructure: { kind: 'none', files: [] }, diagnostics: [] };
  expect(m.version).toBe(1);
});
