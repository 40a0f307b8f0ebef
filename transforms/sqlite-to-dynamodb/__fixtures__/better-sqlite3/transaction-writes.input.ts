import Database from 'better-sqlite3';

const db = new Database('users.db');
db.exec(`
  CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, action TEXT NOT NULL, user_id INTEGER NOT NULL);
`);

export class EmailTakenError extends Error {
  constructor(readonly email: string) {
    super(`A user with email ${email} already exists`);
  }
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Database.SqliteError && err.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

const insertUser = db.prepare('INSERT INTO users (email, name) VALUES (@email, @name)');
const insertAudit = db.prepare('INSERT INTO audit (action, user_id) VALUES (?, ?)');

// All or nothing: one taken email rolls the whole batch back.
export const importUsers = db.transaction((batch: { email: string; name: string }[]): number[] => {
  const ids: number[] = [];
  for (const input of batch) {
    try {
      const info = insertUser.run({ email: input.email, name: input.name });
      ids.push(Number(info.lastInsertRowid));
    } catch (err) {
      if (isUniqueViolation(err)) throw new EmailTakenError(input.email);
      throw err;
    }
  }
  return ids;
});

// A read inside: the writes stay one after another (not atomic, with a warning).
export const logAction = db.transaction((id: number, action: string) => {
  const user = db.prepare('SELECT * FROM users WHERE id = ?').get(id);
  if (!user) return false;
  insertAudit.run(action, id);
  return true;
});

// Deletes by key go in one transaction too.
export const forgetActions = db.transaction((ids: number[]) => {
  for (const id of ids) db.prepare('DELETE FROM audit WHERE id = ?').run(id);
});

// A catch that swallows a taken email keeps the other rows: not all or nothing, so one by one.
export const importSome = db.transaction((batch: { email: string; name: string }[]) => {
  for (const input of batch) {
    try {
      insertUser.run({ email: input.email, name: input.name });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
});
