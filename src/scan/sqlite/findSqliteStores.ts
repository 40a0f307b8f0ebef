import { toEntityName } from '../naming';
import type { ScanContext, StoreAnchor, StoreFinding } from '../types';
import { analyseSqlite } from './analyseSqlite';

/** One store per SQL table: `sqlite:<db file>#<table>`, entity from the table name. */
export function findSqliteStores(ctx: ScanContext): StoreFinding[] {
  const analysis = analyseSqlite(ctx);
  return analysis.tables.map((table) => {
    const connection = table.connection ?? analysis.connections[0];
    const anchors: StoreAnchor[] = connection ? [{ file: connection.file, path: connection.declaration ?? connection.path }] : [];
    const where = table.declaredIn ?? { file: connection?.file.rel ?? '.', line: connection?.line ?? 0 };
    const store: StoreFinding = {
      id: `sqlite:${table.dbFile}#${table.name}`,
      kind: connection?.driver ?? 'better-sqlite3',
      entity: toEntityName(table.name),
      file: where.file,
      line: where.line,
      source: table.dbFile,
      anchors,
    };
    return store;
  });
}
