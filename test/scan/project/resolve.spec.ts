import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { makeContext } from '../../support/scanProject';
import type { SourceFile } from '../../../src/scan/types';

/** The path of the first expression in `file` whose source text is exactly `code`. */
function findExpression(file: SourceFile, code: string): NodePath {
  let found: NodePath | undefined;
  file.program.traverse({
    enter(path) {
      if (!found && path.isExpression() && file.text.slice(path.node.start!, path.node.end!) === code) {
        found = path;
        path.stop();
      }
    },
  });
  if (!found) throw new Error(`no expression ${code} in ${file.rel}`);
  return found;
}

function declaredAt(origin: ReturnType<ReturnType<typeof makeContext>['project']['resolveExpression']>): string {
  if (!origin) return 'unresolved';
  if (origin.kind === 'declaration') return `${origin.file.rel}#${origin.name}:${origin.path.node.type}`;
  if (origin.kind === 'package') return `pkg:${origin.module}/${origin.members.join('.')}`;
  if (origin.kind === 'data') return `data:${origin.file.rel}/${origin.members.join('.')}`;
  if (origin.kind === 'module') return `module:${origin.file.rel}`;
  if (origin.kind === 'this-member') return `this.${origin.name}`;
  return origin.kind;
}

describe('ProjectIndex.resolveExpression', () => {
  it('follows CommonJS destructured require and module.exports objects to the declaration', () => {
    const ctx = makeContext({
      'db.js': 'const notes = [];\nmodule.exports = { notes };',
      'routes.js': "const { notes } = require('./db');\nconst db = require('./db');\nnotes.push(1);\ndb.notes.push(2);",
    });
    const routes = ctx.source('routes.js');
    expect(declaredAt(ctx.project.resolveExpression(routes, findExpression(routes, 'notes')))).toBe('db.js#notes:VariableDeclarator');
    expect(declaredAt(ctx.project.resolveExpression(routes, findExpression(routes, 'db.notes')))).toBe('db.js#notes:VariableDeclarator');
  });

  it('follows ESM named, default and namespace imports, and re-exports', () => {
    const ctx = makeContext({
      'store.ts': 'export let todos: string[] = [];\nconst users = new Map();\nexport default users;',
      'index.ts': "export { todos as items } from './store';",
      'app.ts': "import users, { todos } from './store.js';\nimport * as s from './store';\nimport { items } from './index';\ntodos; users; s.todos; items;",
    });
    const app = ctx.source('app.ts');
    const at = (code: string) => declaredAt(ctx.project.resolveExpression(app, findExpression(app, code)));
    expect(at('todos')).toBe('store.ts#todos:VariableDeclarator');
    expect(at('users')).toBe('store.ts#users:VariableDeclarator');
    expect(at('s.todos')).toBe('store.ts#todos:VariableDeclarator');
    expect(at('items')).toBe('store.ts#todos:VariableDeclarator');
  });

  it('normalises packages and built-ins, and resolves JSON requires to data files', () => {
    const ctx = makeContext({
      'a.js': "const fs = require('fs');\nconst { readFile } = require('node:fs/promises');\nconst products = require('./data/products.json');\nfs.promises.writeFile; readFile; products;",
      'data/products.json': '[{"id":1}]',
    });
    const a = ctx.source('a.js');
    const at = (code: string) => declaredAt(ctx.project.resolveExpression(a, findExpression(a, code)));
    expect(at('fs.promises.writeFile')).toBe('pkg:fs/promises.writeFile');
    expect(at('readFile')).toBe('pkg:fs/promises.readFile');
    expect(at('products')).toBe('data:data/products.json/');
  });

  it('resolves class members through this and through exported instances', () => {
    const ctx = makeContext({
      'repo.ts': 'class Repo {\n  private events: string[] = [];\n  all() { return this.events; }\n  constructor() { this.extra = []; }\n  more() { return this.extra; }\n}\nexport const repo = new Repo();',
      'service.ts': "import { repo } from './repo';\nexport function list() { return repo.all(); }",
    });
    const repoFile = ctx.source('repo.ts');
    expect(declaredAt(ctx.project.resolveExpression(repoFile, findExpression(repoFile, 'this.events')))).toBe('repo.ts#events:ClassProperty');
    expect(declaredAt(ctx.project.resolveExpression(repoFile, findExpression(repoFile, 'this.extra')))).toBe('this.extra');
    const service = ctx.source('service.ts');
    const fn = ctx.project.resolveFunction(service, findExpression(service, 'repo.all'));
    expect(fn?.file.rel).toBe('repo.ts');
    expect(fn?.path.node.type).toBe('ClassMethod');
  });

  it('treats a sloppy-mode global assignment as the declaration', () => {
    const ctx = makeContext({ 'app.js': 'users = [];\nfunction add(u) { users.push(u); }' });
    const app = ctx.source('app.js');
    expect(declaredAt(ctx.project.resolveExpression(app, findExpression(app, 'users.push')))).toBe('unresolved');
    expect(declaredAt(ctx.project.resolveExpression(app, findExpression(app, 'users')))).toBe('app.js#users:AssignmentExpression');
  });
});

describe('ProjectIndex.getCallers', () => {
  it('links helpers across files, wrappers and bound methods', () => {
    const ctx = makeContext({
      'model.js': 'function findNote(id) { return 1; }\nmodule.exports = { findNote };',
      'controller.js': "const model = require('./model');\nexports.show = asyncHandler(async (req, res) => { res.json(model.findNote(req.params.id)); });\nfunction asyncHandler(fn) { return fn; }",
    });
    const model = ctx.source('model.js');
    let fnPath: NodePath<t.Function> | undefined;
    model.program.traverse({ FunctionDeclaration(p) { fnPath = p; } });
    const callers = ctx.project.getCallers({ file: model, path: fnPath! });
    expect(callers.map((c) => `${c.file.rel}:${ctx.project.lineOf(c.path)}`)).toEqual(['controller.js:2']);
  });
});

describe('CommonJS module values with added exports', () => {
  it('resolves `module.exports = db; module.exports.query = query` members through require', () => {
    const ctx = makeContext({
      'database.js': "const db = { open() {} };\nfunction query(sql) { return sql; }\nmodule.exports = db;\nmodule.exports.query = query;",
      'routes.js': "const database = require('./database');\nfunction list() { return database.query('SELECT 1'); }",
    });
    const routes = ctx.source('routes.js');
    const fn = ctx.project.resolveFunction(routes, findExpression(routes, 'database.query'));
    expect(fn && `${fn.file.rel}:${ctx.project.lineOf(fn.path)}`).toBe('database.js:2');
    expect(declaredAt(ctx.project.resolveExpression(routes, findExpression(routes, 'database')))).toBe('database.js#db:VariableDeclarator');
  });
});

describe('parameters typed with a project class', () => {
  it('link a method call on the parameter to the class method, even for a framework-like name', () => {
    const ctx = makeContext({
      'repo.ts': 'export class UserRepository {\n  delete(id: string) { return 1; }\n}',
      'router.ts': "import type { UserRepository } from './repo';\nexport function makeRouter(users: UserRepository) {\n  return (req: any) => users.delete(req.params.id);\n}",
      'other.ts': 'export function unrelated(users: Map<string, number>) {\n  return users.delete("x");\n}',
    });
    const repo = ctx.source('repo.ts');
    let method: NodePath<t.Function> | undefined;
    repo.program.traverse({ ClassMethod(p) { method = p; } });
    const callers = ctx.project.getCallers({ file: repo, path: method! });
    // the Map parameter's delete is not the repository's
    expect(callers.map((c) => `${c.file.rel}:${ctx.project.lineOf(c.path)}`)).toEqual(['router.ts:3']);
  });
});
