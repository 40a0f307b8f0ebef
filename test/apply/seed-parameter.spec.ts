/**
 * A class store filled by its constructor (`constructor(seed = []) { this.events = seed… }`): once
 * the seed moves to migrate-data, the parameter nothing else uses goes, with the argument the
 * module passed for it and the seed import; a parameter the constructor still reads stays.
 */
import * as fs from 'node:fs';
import { planAndApply } from './support/plan-and-apply';

const MODELS = `export interface Event {
  id: string;
  venueId: string;
  name: string;
}
`;

const SEED = `import type { Event } from './models';

export const SEED_EVENTS: Event[] = [{ id: 'e-1', venueId: 'v-1', name: 'Opening night' }];
`;

function store(constructor: string, construct: string): string {
  return `import { randomUUID } from 'node:crypto';
import { SEED_EVENTS } from './seed';
import type { Event } from './models';

export class EventStore {
  private events: Event[] = [];
  readonly openedAt: string;

${constructor}

  get(id: string): Event | undefined {
    return this.events.find((event) => event.id === id);
  }

  add(input: Omit<Event, 'id'>): Event {
    const event: Event = { id: randomUUID(), ...input };
    this.events.push(event);
    return event;
  }
}

export const eventStore = ${construct};
`;
}

async function applyTo(prefix: string, constructor: string, construct: string): Promise<{ after: string; seeds: unknown }> {
  const { dir, result } = await planAndApply(prefix, {
    'package.json': JSON.stringify({ name: 'events', version: '1.0.0', main: 'src/store.ts' }),
    'src/models.ts': MODELS,
    'src/seed.ts': SEED,
    'src/store.ts': store(constructor, construct),
  });
  try {
    expect(result.todos).toEqual([]);
    const after = result.changes.find((change) => change.rel === 'src/store.ts')!.after;
    const seeds = JSON.parse(result.changes.find((change) => change.rel === '.migration/seed/Event.json')!.after);
    return { after, seeds };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the seed parameter of a class store', () => {
  it('goes with the argument and the seed import when nothing else uses it', async () => {
    const { after, seeds } = await applyTo(
      'seed-param-',
      `  constructor(seed: Event[] = []) {
    this.events = seed.map((event) => ({ ...event }));
    this.openedAt = new Date().toISOString();
  }`,
      'new EventStore(SEED_EVENTS)',
    );
    expect(after).toContain(`  constructor() {
    this.openedAt = new Date().toISOString();
  }`);
    expect(after).toContain('export const eventStore = new EventStore();');
    expect(after).not.toContain('SEED_EVENTS');
    // the records it passed still reach migrate-data
    expect((seeds as { records: unknown[] }).records).toEqual([{ id: 'e-1', venueId: 'v-1', name: 'Opening night' }]);
  });

  it('stays, with its argument, when the constructor still reads it', async () => {
    const { after } = await applyTo(
      'seed-param-used-',
      `  constructor(seed: Event[] = []) {
    this.events = seed.map((event) => ({ ...event }));
    this.openedAt = seed.length ? 'seeded' : 'empty';
  }`,
      'new EventStore(SEED_EVENTS)',
    );
    expect(after).toContain('constructor(seed: Event[] = []) {');
    expect(after).not.toContain('this.events');
    expect(after).toContain('export const eventStore = new EventStore(SEED_EVENTS);');
  });

  it('stays when a later parameter follows it (its arguments would shift)', async () => {
    const { after } = await applyTo(
      'seed-param-later-',
      `  constructor(seed: Event[] = [], label = 'events') {
    this.events = seed.map((event) => ({ ...event }));
    this.openedAt = label;
  }`,
      "new EventStore(SEED_EVENTS, 'main')",
    );
    expect(after).toContain("constructor(seed: Event[] = [], label = 'events') {");
    expect(after).toContain("export const eventStore = new EventStore(SEED_EVENTS, 'main');");
  });
});
