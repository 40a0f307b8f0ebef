import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scan } from '../../../src/scan';
import { findUnsupportedDatabaseImports, unsupportedDatabaseFamily } from '../../../src/scan/unsupported-database/findUnsupportedDatabases';
import { makeContext } from '../../support/scanProject';

describe('unsupported-database', () => {
  it('names each unsupported client once per file at its first import or require, with file:line', () => {
    const ctx = makeContext({
      'src/db.js': "const express = require('express');\nconst mysql = require('mysql2/promise');\nconst again = require('mysql2');\nmodule.exports = mysql.createPool({});\n",
      'src/mongo.ts': "import express from 'express';\n\nimport mongoose from 'mongoose';\nimport { PrismaClient } from '@prisma/client';\n",
      'src/pg.mjs': "export async function connect() {\n  const { Client } = await import('pg');\n  return new Client();\n}\n",
      'src/knexfile.js': "module.exports = require('knex')({ client: 'sqlite3' });\n",
      'src/plain.js': "const fs = require('fs');\n// a comment mentioning 'pg' does not count\nconst name = 'mongoose-like';\n",
    });
    const stores = unsupportedDatabaseFamily.findStores(ctx);
    expect(stores).toEqual([]);
    expect(ctx.diagnosticsList.map((d) => `${d.severity} ${d.code} ${d.file}:${d.line} ${d.message.split(',')[0]}`)).toEqual([
      'info unsupported-database src/db.js:2 uses mysql2 (MySQL)',
      'info unsupported-database src/knexfile.js:1 uses knex (SQL query builder (Knex))',
      'info unsupported-database src/mongo.ts:3 uses mongoose (MongoDB (Mongoose))',
      'info unsupported-database src/mongo.ts:4 uses @prisma/client (Prisma ORM)',
      'info unsupported-database src/pg.mjs:2 uses pg (PostgreSQL)',
    ]);
    expect(ctx.diagnosticsList[0].message).toContain('is not migrated');
  });

  it('ignores packages that only share a prefix and SQLite/DynamoDB clients', () => {
    const ctx = makeContext({ 'a.js': "require('pgp-utils');\nrequire('better-sqlite3');\nrequire('@aws-sdk/client-dynamodb');\nrequire('mongodb-memory-server-core');\n" });
    expect(findUnsupportedDatabaseImports(ctx.source('a.js'))).toEqual([]);
  });

  it('reaches the access model through scan()', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'unsupported-db-'));
    try {
      await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'pg-app', dependencies: { express: '4', pg: '8' } }));
      await fs.writeFile(path.join(dir, 'server.js'), "const express = require('express');\nconst { Pool } = require('pg');\nconst pool = new Pool();\nconst app = express();\napp.get('/users', async (req, res) => res.json((await pool.query('SELECT * FROM users')).rows));\n");
      const model = await scan(dir);
      expect(model.diagnostics.filter((d) => d.code === 'unsupported-database')).toEqual([
        expect.objectContaining({ severity: 'info', file: 'server.js', line: 2 }),
      ]);
      expect(model.stores).toEqual([]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
