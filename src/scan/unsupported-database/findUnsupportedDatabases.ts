import type * as t from '@babel/types';
import type { ScanContext, SourceFile, StoreFamily } from '../types';
import { walkPaths } from '../walkPaths';

/** Database clients the scanner does not read: their data is neither in the model nor migrated. */
const UNSUPPORTED: Record<string, string> = {
  mysql: 'MySQL',
  mysql2: 'MySQL',
  pg: 'PostgreSQL',
  'pg-promise': 'PostgreSQL',
  postgres: 'PostgreSQL',
  mongodb: 'MongoDB',
  mongoose: 'MongoDB (Mongoose)',
  knex: 'SQL query builder (Knex)',
  '@prisma/client': 'Prisma ORM',
  sequelize: 'Sequelize ORM',
  typeorm: 'TypeORM',
  redis: 'Redis',
  ioredis: 'Redis',
};

/** `mysql2/promise` → `mysql2`, `@prisma/client/edge` → `@prisma/client`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

// Only files that name one of the packages in a string are walked.
const MENTION = new RegExp(`['"\`](${Object.keys(UNSUPPORTED).map((name) => name.replace(/[/@-]/g, '\\$&')).join('|')})(/[^'"\`]*)?['"\`]`);

/** Each import/require of an unsupported database client in a file: the first place per package. */
export function findUnsupportedDatabaseImports(file: SourceFile): { pkg: string; line: number }[] {
  if (!MENTION.test(file.text)) return [];
  const found = new Map<string, number>();
  const note = (specifier: string, node: t.Node) => {
    const pkg = packageName(specifier);
    if (pkg in UNSUPPORTED && !found.has(pkg)) found.set(pkg, node.loc?.start.line ?? 1);
  };
  walkPaths(file.program, {
    ImportDeclaration(path) {
      note(path.node.source.value, path.node);
    },
    CallExpression(path) {
      const { callee, arguments: args } = path.node;
      const isRequire = callee.type === 'Identifier' && callee.name === 'require';
      const isImport = callee.type === 'Import';
      if ((isRequire || isImport) && args[0]?.type === 'StringLiteral') note(args[0].value, path.node);
    },
    ImportExpression(path) {
      if (path.node.source.type === 'StringLiteral') note(path.node.source.value, path.node);
    },
  });
  return [...found].map(([pkg, line]) => ({ pkg, line })).sort((a, b) => a.line - b.line);
}

/**
 * Not a store family: it finds no stores, only says where the app talks to a database this tool
 * does not migrate (`unsupported-database`, info), so a project on MySQL or MongoDB gets an
 * explanation instead of an empty plan.
 */
export const unsupportedDatabaseFamily: StoreFamily = {
  name: 'unsupported-database',
  findStores(ctx: ScanContext) {
    for (const file of ctx.project.sources) {
      for (const { pkg, line } of findUnsupportedDatabaseImports(file)) {
        ctx.diagnostics.add({
          severity: 'info',
          code: 'unsupported-database',
          file: file.rel,
          line,
          message: `uses ${pkg} (${UNSUPPORTED[pkg]}), which dynamodb-codemod does not read: data kept there is not in this scan and is not migrated (supported: in-memory arrays/maps, JSON files, SQLite)`,
        });
      }
    }
    return [];
  },
  findOperations: () => [],
  findEntityEvidence: () => [],
};
