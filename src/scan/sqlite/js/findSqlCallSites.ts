import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { DiagnosticSink, ProjectIndex, SourceFile } from '../../types';
import { parseSql } from '../sql/parseSql';
import { summariseParsed } from '../sql/summariseStatement';
import type { SqlCallSite, SqlConnection, SqlVariant } from '../types';
import { memberPropertyName, unwrapPath } from './astUtils';
import { assembleSql } from './assembleSql';
import { bindArguments } from './bindArguments';
import type { CallIndex } from './CallIndex';
import type { ConnectionResolver, PreparedStatementRef } from './ConnectionResolver';
import type { EvaluatedString, StringEvaluator, StringHole } from './evaluateString';
import { packageOf } from './findConnections';
import { perFile } from './perFile';
import { promisifiedMethod } from './promisifiedMethod';
import { readResultUse } from './readResultUse';
import { walkPaths } from '../../walkPaths';

/** Driver methods that run SQL (on a connection, or on a prepared statement). */
const RUN_METHODS = new Set(['run', 'get', 'all', 'each', 'exec', 'iterate']);
const SQL_START = /^\s*(\(\s*)?(SELECT|INSERT|UPDATE|DELETE|REPLACE|WITH|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|ROLLBACK|END|SAVEPOINT|RELEASE|VACUUM)\b/i;
const MAX_HELPER_DEPTH = 4;

export interface CallSiteTools {
  project: ProjectIndex;
  evaluator: StringEvaluator;
  resolver: ConnectionResolver;
  calls: CallIndex;
  diagnostics: DiagnosticSink;
}

interface DriverCall {
  file: SourceFile;
  call: NodePath<t.CallExpression>;
  method: string;
  /** Undefined when the receiver cannot be followed: the SQL text decides (see fallbackConnection). */
  connection?: SqlConnection;
  prepare?: PreparedStatementRef;
  /** The SQL argument (of `db.x(sql)` or `db.prepare(sql)`). */
  sqlArgument: { file: SourceFile; path: NodePath };
  /** Arguments that bind the placeholders. */
  boundArguments: NodePath[];
}

/** Every place the project runs SQL against a SQLite connection, with its SQL traced to text. */
export function findSqlCallSites(tools: CallSiteTools): SqlCallSite[] {
  const sites: SqlCallSite[] = [];
  const executedPrepares = new Set<t.Node>();
  const prepares: { file: SourceFile; path: NodePath<t.CallExpression> }[] = [];
  for (const file of tools.project.sources) {
    perFile(file, tools.diagnostics, () => walkPaths(file.program, {
      CallExpression(path) {
        perFile(file, tools.diagnostics, () => visitCall(tools, file, path, sites, prepares, executedPrepares), tools.project.lineOf(path));
      },
    }));
  }
  // A statement prepared but never run where we can see it: the operation is reported where it is prepared.
  for (const { file, path } of prepares) {
    if (executedPrepares.has(path.node)) continue;
    perFile(file, tools.diagnostics, () => reportUnexecutedPrepare(tools, file, path, sites));
  }
  return sites;
}

function visitCall(
  tools: CallSiteTools,
  file: SourceFile,
  path: NodePath<t.CallExpression>,
  sites: SqlCallSite[],
  prepares: { file: SourceFile; path: NodePath<t.CallExpression> }[],
  executedPrepares: Set<t.Node>,
): void {
  const method = memberPropertyName(path.node.callee);
  if (method === 'prepare') prepares.push({ file, path });
  if (t.isIdentifier(path.node.callee)) {
    const promisified = promisifiedMethod(tools.project, file, path.get('callee'));
    const connection = promisified && RUN_METHODS.has(promisified.method) ? tools.resolver.connectionOf(promisified.file, promisified.receiver) : undefined;
    const args = path.get('arguments') as NodePath[];
    if (promisified && connection && args[0]) {
      sites.push(...traceSql(tools, { file, call: path, method: promisified.method, connection, sqlArgument: { file, path: args[0] }, boundArguments: args.slice(1) }));
    }
    return;
  }
  if (!method || !RUN_METHODS.has(method)) return;
  const driverCall = recogniseDriverCall(tools, file, path, method);
  if (!driverCall) return;
  if (driverCall.prepare) executedPrepares.add(driverCall.prepare.path.node);
  sites.push(...traceSql(tools, driverCall));
}

function reportUnexecutedPrepare(tools: CallSiteTools, file: SourceFile, path: NodePath<t.CallExpression>, sites: SqlCallSite[]): void {
  if (!path.get('callee').isMemberExpression()) return;
  const receiver = (path.get('callee') as NodePath<t.MemberExpression>).get('object');
  const connection = tools.resolver.connectionOf(file, receiver);
  const sqlPath = path.get('arguments')[0] as NodePath | undefined;
  if (!sqlPath || (!connection && isForeignPackage(tools, file, receiver))) return;
  sites.push(...traceSql(tools, { file, call: path, method: 'prepare', connection, prepare: { file, path }, sqlArgument: { file, path: sqlPath }, boundArguments: [] }));
}

function recogniseDriverCall(tools: CallSiteTools, file: SourceFile, call: NodePath<t.CallExpression>, method: string): DriverCall | undefined {
  const receiver = (call.get('callee') as NodePath<t.MemberExpression>).get('object') as NodePath;
  const args = call.get('arguments') as NodePath[];
  const statement = method === 'exec' ? undefined : tools.resolver.statementOf(file, receiver);
  if (statement) {
    const prepareArgs = statement.path.get('arguments') as NodePath[];
    if (!prepareArgs[0]) return undefined;
    const prepareReceiver = (statement.path.get('callee') as NodePath<t.MemberExpression>).get('object');
    const connection = tools.resolver.connectionOf(statement.file, prepareReceiver);
    if (!connection && isForeignPackage(tools, statement.file, prepareReceiver)) return undefined;
    return { file, call, method, connection, prepare: statement, sqlArgument: { file: statement.file, path: prepareArgs[0] }, boundArguments: args };
  }
  if (!args[0]) return undefined;
  const connection = tools.resolver.connectionOf(file, receiver);
  if (!connection && isForeignPackage(tools, file, receiver)) return undefined;
  return { file, call, method, connection, sqlArgument: { file, path: args[0] }, boundArguments: args.slice(1) };
}

/**
 * A receiver we cannot follow (`fastify.db`, `this.db` set from a parameter) still runs SQL when
 * the text it is given is SQL: it is attributed to the project's connection (the only one, or the first).
 */
function fallbackConnection(tools: CallSiteTools, evaluated: EvaluatedString): SqlConnection | undefined {
  if (tools.resolver.connections.length === 0) return undefined;
  const looksLikeSql = evaluated.alternatives.some((alt) => {
    const first = alt[0];
    return first !== undefined && 'text' in first && SQL_START.test(first.text);
  });
  return looksLikeSql ? tools.resolver.connections[0] : undefined;
}

function isForeignPackage(tools: CallSiteTools, file: SourceFile, receiver: NodePath): boolean {
  const pkg = packageOf(tools.project, file, receiver);
  return pkg !== undefined && !['better-sqlite3', 'sqlite3', 'sqlite'].includes(pkg.module);
}

function isHelperParameter(evaluated: EvaluatedString): StringHole | undefined {
  const first = evaluated.alternatives[0];
  if (!first || first.length !== 1) return undefined;
  const only = first[0];
  return 'hole' in only && only.hole.param ? only.hole : undefined;
}

interface SqlSource {
  /** The call where the op is reported (the driver call, or the outermost helper call). */
  site: { file: SourceFile; path: NodePath<t.CallExpression> };
  sqlArgument: { file: SourceFile; path: NodePath };
  evaluated: EvaluatedString;
  helpers: { file: SourceFile; path: NodePath<t.Function> }[];
  /** Arguments at the helper call that stand for the driver call's bound arguments. */
  boundArguments: NodePath[];
}

/** Follows the SQL argument to its text: through helper functions to each of their call sites. */
function traceSql(tools: CallSiteTools, driverCall: DriverCall): SqlCallSite[] {
  const start: SqlSource = {
    site: { file: driverCall.file, path: driverCall.call },
    sqlArgument: driverCall.sqlArgument,
    evaluated: tools.evaluator.evaluate(driverCall.sqlArgument.file, driverCall.sqlArgument.path),
    helpers: [],
    boundArguments: driverCall.boundArguments,
  };
  const sites: SqlCallSite[] = [];
  for (const source of expandHelpers(tools, driverCall, start, 0)) {
    const connection = driverCall.connection ?? fallbackConnection(tools, source.evaluated);
    if (connection) sites.push(buildCallSite(tools, { ...driverCall, connection }, source));
  }
  return sites;
}

function expandHelpers(tools: CallSiteTools, driverCall: DriverCall, source: SqlSource, depth: number): SqlSource[] {
  const param = isHelperParameter(source.evaluated);
  if (!param?.param || depth >= MAX_HELPER_DEPTH) return [source];
  const { fn, index } = param.param;
  const calls = tools.calls.callsOf(fn);
  if (calls.length === 0) return [source];
  const expanded: SqlSource[] = [];
  for (const call of calls) {
    // A recursive call inside the helper passes the same SQL on; its callers are traced already.
    if (call.path.findParent((p) => p.node === fn.node)) continue;
    const args = call.path.get('arguments') as NodePath[];
    const sqlPath = args[index];
    if (!sqlPath) continue;
    // The helper's own parameters after the SQL usually carry the bound values: `query(sql, params)`.
    const forwarded = forwardedArguments(fn, source.boundArguments, args);
    const next: SqlSource = {
      site: call,
      sqlArgument: { file: call.file, path: sqlPath },
      evaluated: tools.evaluator.evaluate(call.file, sqlPath),
      helpers: [...source.helpers, { file: param.file, path: fn }],
      boundArguments: forwarded,
    };
    expanded.push(...expandHelpers(tools, driverCall, next, depth + 1));
  }
  return expanded.length > 0 ? expanded : [source];
}

/** Maps the driver call's bound arguments that are helper parameters (`params`, `...params`) to the helper call's arguments. */
function forwardedArguments(fn: NodePath<t.Function>, bound: NodePath[], callArgs: NodePath[]): NodePath[] {
  const out: NodePath[] = [];
  for (const arg of bound) {
    let inner = arg.isSpreadElement() ? unwrapPath(arg.get('argument') as NodePath) : unwrapPath(arg);
    // `params || []`, `params ?? []`: the parameter is what is bound.
    if (inner.isLogicalExpression() && (inner.node.operator === '||' || inner.node.operator === '??')) inner = unwrapPath(inner.get('left'));
    if (inner.isFunction()) {
      out.push(arg);
      continue;
    }
    let found = false;
    if (inner.isIdentifier()) {
      const binding = inner.scope.getBinding(inner.node.name);
      if (binding?.kind === 'param') {
        const index = fn.node.params.findIndex((p) => p === binding.path.node || (t.isRestElement(p) && p.argument === binding.identifier) || (t.isAssignmentPattern(p) && p.left === binding.identifier) || p === binding.identifier);
        if (index >= 0) {
          found = true;
          if (t.isRestElement(fn.node.params[index])) out.push(...callArgs.slice(index));
          else if (callArgs[index]) out.push(callArgs[index]);
        }
      }
    }
    if (!found) out.push(arg);
  }
  return out;
}

function buildCallSite(tools: CallSiteTools, driverCall: DriverCall & { connection: SqlConnection }, source: SqlSource): SqlCallSite {
  const variants: SqlVariant[] = [];
  const valueHoles: StringHole[] = [];
  const identifierHoles: StringHole[] = [];
  for (const alternative of source.evaluated.alternatives) {
    const assembled = assembleSql(alternative);
    for (const hole of assembled.valueHoles) if (!valueHoles.some((h) => h.path.node === hole.path.node)) valueHoles.push(hole);
    for (const hole of assembled.identifierHoles) if (!identifierHoles.some((h) => h.path.node === hole.path.node)) identifierHoles.push(hole);
    if (assembled.opaque) continue;
    const parsed = parseSql(assembled.text);
    variants.push({
      text: assembled.text,
      parsed,
      statements: parsed.parsed.map(summariseParsed),
      bindings: bindArguments(source.boundArguments, parsed.placeholders),
    });
  }
  const literal = source.evaluated.literal;
  const dataFile = source.evaluated.dataFiles.length === 1 ? source.evaluated.dataFiles[0] : undefined;
  // SQL read from a project file (`fs.readFileSync('schema.sql')`): lines are that file's.
  const sqlLocation = dataFile
    ? { file: dataFile.rel, line: 1 }
    : literal
      ? { file: literal.file.rel, line: tools.project.lineOf(literal.path) }
      : { file: source.sqlArgument.file.rel, line: tools.project.lineOf(source.sqlArgument.path) };
  const site: SqlCallSite = {
    driver: driverCall.connection.driver,
    connection: driverCall.connection,
    method: driverCall.method,
    file: source.site.file,
    path: source.site.path,
    driverCall: { file: driverCall.file, path: driverCall.call },
    helpers: source.helpers,
    sqlArgument: source.sqlArgument,
    sqlLocation,
    variants,
    dynamic: source.evaluated.varies || identifierHoles.length > 0,
    interpolatedValues: valueHoles,
    interpolatedIdentifiers: identifierHoles,
    bindings: variants[0]?.bindings ?? [],
    result: readResultUse(source.helpers.length > 0 ? source.site.path : driverCall.call),
    inTransaction: insideTransaction(driverCall.call) || insideTransaction(source.site.path),
  };
  if (driverCall.prepare) {
    site.prepare = { file: driverCall.prepare.file, path: driverCall.prepare.path };
    if (driverCall.prepare.declaration) site.prepare.declaration = driverCall.prepare.declaration;
  }
  return site;
}

/** Inside a function handed to `db.transaction(fn)` or `db.serialize(fn)`. */
function insideTransaction(path: NodePath): boolean {
  for (let current: NodePath | null = path.parentPath; current; current = current.parentPath) {
    if (!current.isFunction()) continue;
    const call = current.parentPath;
    if (call?.isCallExpression() && ['transaction', 'serialize'].includes(memberPropertyName(call.node.callee) ?? '')) return true;
  }
  return false;
}
