import Database from 'better-sqlite3';

export class NoteRepository {
  private readonly byIdStmt: Database.Statement;
  private readonly removeStmt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    db.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL)');
    this.byIdStmt = db.prepare('SELECT * FROM notes WHERE id = ?');
    this.removeStmt = db.prepare('DELETE FROM notes WHERE id = ?');
  }

  findById(id: number): unknown {
    return this.byIdStmt.get(id);
  }

  remove(id: number): boolean {
    const info = this.removeStmt.run(id);
    return info.changes > 0;
  }
}

export const notes = new NoteRepository(new Database('notes.db'));
