/**
 * A repository class whose better-sqlite3 methods become async: every caller in another file —
 * through a parameter typed with the class, an instance made with `new`, `this.method()` inside
 * the class — awaits it; the function that registers a route handler does not become async; a
 * non-null assertion stays on the value (`(await repo.find(id))!`). The migrated project must
 * pass `tsc --noEmit` in strict mode.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeChanges } from '../../src/apply';
import { planAndApply } from '../apply/support/plan-and-apply';

jest.setTimeout(120000);

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'notes', private: true, type: 'module', dependencies: { 'better-sqlite3': '^12.0.0', express: '^4.21.2' } }, null, 2),
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, esModuleInterop: true, skipLibCheck: true, noEmit: true }, include: ['src/**/*.ts'] }, null, 2),
  'src/db.ts': `import Database from 'better-sqlite3';

export function openDatabase(): Database.Database {
  const db = new Database('notes.db');
  db.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL)');
  return db;
}
`,
  'src/note.repository.ts': `import Database from 'better-sqlite3';

export interface Note {
  id: number;
  title: string;
}

export class NoteRepository {
  constructor(private readonly db: Database.Database) {}

  findById(id: number): Note | undefined {
    return this.db.prepare('SELECT * FROM notes WHERE id = ?').get(id) as Note | undefined;
  }

  rename(id: number, title: string): Note | undefined {
    this.db.prepare('UPDATE notes SET title = ? WHERE id = ?').run(title, id);
    return this.findById(id);
  }
}
`,
  'src/notes.router.ts': `import { Router } from 'express';
import { openDatabase } from './db.js';
import { NoteRepository } from './note.repository.js';

const shared = new NoteRepository(openDatabase());

export function notesRouter(notes: NoteRepository): Router {
  const router = Router();
  router.get('/:id', (req, res) => {
    const note = notes.findById(Number(req.params.id));
    if (!note) {
      res.status(404).end();
      return;
    }
    res.json(note);
  });
  return router;
}

export function titleOf(notes: NoteRepository, id: number): string {
  return notes.findById(id)!.title;
}

export function firstTitle(): string | undefined {
  return shared.findById(1)?.title;
}
`,
};

const ROUTER_AFTER = `import { Router } from 'express';
import { openDatabase } from './db.js';
import { NoteRepository } from './note.repository.js';

const shared = new NoteRepository(openDatabase());

export function notesRouter(notes: NoteRepository): Router {
  const router = Router();
  router.get('/:id', async (req, res, next) => {
    try {
      const note = await notes.findById(Number(req.params.id));
      if (!note) {
        res.status(404).end();
        return;
      }
      res.json(note);
    } catch (err) {
      next(err);
    }
  });
  return router;
}

export async function titleOf(notes: NoteRepository, id: number): Promise<string> {
  return (await notes.findById(id))!.title;
}

export async function firstTitle(): Promise<string | undefined> {
  return (await shared.findById(1))?.title;
}
`;

describe('better-sqlite3 repository methods made async, awaited across files', () => {
  let dir: string;
  beforeAll(async () => {
    const project = await planAndApply('sqlite-cross-file-', FILES);
    dir = project.dir;
    writeChanges(dir, project.result.changes);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('awaits the methods through a typed parameter and a `new` instance; the router factory stays sync', () => {
    expect(fs.readFileSync(path.join(dir, 'src/notes.router.ts'), 'utf8')).toBe(ROUTER_AFTER);
  });

  it('awaits this.findById() inside the class', () => {
    const repository = fs.readFileSync(path.join(dir, 'src/note.repository.ts'), 'utf8');
    expect(repository).toContain('async rename(id: number, title: string): Promise<Note | undefined> {');
    expect(repository).toContain('return await this.findById(id);');
  });

  it('type-checks in strict mode', () => {
    const tsc = require.resolve('typescript/bin/tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json'), '--noEmit'], { cwd: dir, encoding: 'utf8' });
    expect({ exit: run.status, output: run.stdout + run.stderr }).toEqual({ exit: 0, output: '' });
  });
});
