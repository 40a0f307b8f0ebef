import { analyseProject } from './analyseProject';

describe('entity fields from TypeScript types', () => {
  it('ties an interface to the store typed with it, even when its name differs from the entity', () => {
    const { entity, stores } = analyseProject({
      'types.ts': [
        "export type Warehouse = 'north' | 'south';",
        'export interface StockRecord { id: string; sku: string; warehouse: Warehouse | string; qty?: number; tags: string[]; meta: { a: number }; seenAt: Date; owner: Owner | null }',
        'export interface Owner { id: string }',
      ].join('\n'),
      'store.ts': [
        "import type { StockRecord } from './types';",
        'export const inventory: StockRecord[] = [];',
        'export const add = (r: StockRecord) => { inventory.push(r); };',
      ].join('\n'),
    });
    expect(stores.map((s) => s.entity)).toEqual(['StockRecord']);
    expect(entity('StockRecord').fields).toEqual([
      { name: 'id', type: 'string' },
      { name: 'sku', type: 'string' },
      { name: 'warehouse', type: 'string' },
      { name: 'qty', type: 'number' },
      { name: 'tags', type: 'array' },
      { name: 'meta', type: 'object' },
      { name: 'seenAt', type: 'Date' },
      { name: 'owner', type: 'object' },
    ]);
  });

  it('reads Map<string, T> / Record<string, T> annotations on stores, type aliases, classes and extended interfaces', () => {
    const { entity } = analyseProject({
      'models.ts': [
        'interface Base { id: string; createdAt: string }',
        'export interface Session extends Base { userId: string; expiresAt: number }',
        'export type Profile = Base & { displayName: string };',
        'export class Invoice { id!: number; total: number = 0; constructor(public currency: string) {} }',
      ].join('\n'),
      'stores.ts': [
        "import type { Session, Profile } from './models';",
        "import { Invoice } from './models';",
        'const sessions = new Map<string, Session>();',
        'const profiles: Record<string, Profile> = {};',
        'const invoices: Invoice[] = [];',
        'export const put = (s: Session) => sessions.set(s.id, s);',
        'export const putProfile = (p: Profile) => { profiles[p.id] = p; };',
        'export const addInvoice = (i: Invoice) => invoices.push(i);',
      ].join('\n'),
    });
    expect(entity('Session').fields.map((f) => f.name)).toEqual(['id', 'createdAt', 'userId', 'expiresAt']);
    expect(entity('Profile').fields.map((f) => f.name)).toEqual(['id', 'createdAt', 'displayName']);
    expect(entity('Invoice').fields).toEqual([{ name: 'id', type: 'number' }, { name: 'total', type: 'number' }, { name: 'currency', type: 'string' }]);
  });

  it('ties a JSON-imported store through an annotated alias, and ignores types that name no entity', () => {
    const { entity, entities } = analyseProject({
      'data/things.json': '[{"id":"1","label":"x"}]',
      'types.ts': 'export interface Item { id: string; label: string; weight: number }\nexport interface CreateItemDto { label: string }',
      'ctrl.ts': [
        "import things from './data/things.json';",
        "import type { Item } from './types';",
        'const inventory: Item[] = things;',
        "export const list = (req: any, res: any) => res.json(inventory);",
      ].join('\n'),
    });
    expect(entities.map((e) => e.name)).toEqual(['Thing']);
    expect(entity('Thing').fields).toEqual([
      { name: 'id', type: 'string' },
      { name: 'label', type: 'string' },
      { name: 'weight', type: 'number' },
    ]);
  });
});
