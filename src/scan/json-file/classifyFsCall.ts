import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { ProjectIndex, SourceFile, ValueOrigin } from '../types';

/** A whole-file read or write through Node's fs (or fs-extra / graceful-fs). */
export interface FsCall {
  direction: 'read' | 'write';
  api: 'sync' | 'callback' | 'promises';
  pathArg: NodePath;
  /** The written data (writes). */
  dataArg?: NodePath;
  /** fs-extra readJson / writeJson: the value is a parsed document, not text. */
  json: boolean;
  /** The callback function argument, when there is one. */
  callback?: NodePath;
}

const FS_MODULES = new Set(['fs', 'fs-extra', 'graceful-fs']);
const READS = new Set(['readFile', 'readFileSync', 'readJson', 'readJSON', 'readJsonSync', 'readJSONSync']);
const WRITES = new Set(['writeFile', 'writeFileSync', 'writeJson', 'writeJSON', 'writeJsonSync', 'writeJSONSync', 'outputJson', 'outputJSON', 'outputJsonSync', 'outputFile', 'outputFileSync']);

/** Recognises `fs.readFileSync(p)`, `fs.promises.writeFile(p, d)`, `promisify(fs.readFile)(p)`, … */
export function classifyFsCall(project: ProjectIndex, file: SourceFile, call: NodePath<t.CallExpression>): FsCall | undefined {
  const callee = call.get('callee') as NodePath;
  if (!callee.isIdentifier() && !callee.isMemberExpression()) return undefined;
  const name = callee.isIdentifier() ? callee.node.name : t.isIdentifier(callee.node.property) ? callee.node.property.name : undefined;
  if (!name) return undefined;
  // Cheap filter before resolving: `fs.x(...)` must name a read/write; a bare name must come from an import or a declaration.
  if (callee.isMemberExpression() && !READS.has(name) && !WRITES.has(name)) return undefined;
  if (callee.isIdentifier()) {
    const binding = callee.scope.getBinding(name);
    if (!binding || binding.kind === 'param' || binding.path.isFunctionDeclaration()) return undefined;
  }
  let origin: ValueOrigin | undefined;
  try {
    origin = project.resolveExpression(file, callee);
  } catch {
    return undefined;
  }
  const fsMember = fsMemberOf(project, origin);
  if (!fsMember) return undefined;
  const args = call.get('arguments') as NodePath[];
  if (args.length === 0) return undefined;
  const { members, promisified } = fsMember;
  const method = members[members.length - 1];
  const last = args[args.length - 1];
  const firstOptional = WRITES.has(method) ? 2 : 1;
  const callback = args.length > firstOptional && isCallbackArgument(last) ? last : undefined;
  const viaPromises = members[0] === 'promises' || promisified;
  const json = /json/i.test(method);
  if (READS.has(method)) {
    const api = method.endsWith('Sync') ? 'sync' : viaPromises || !callback ? 'promises' : 'callback';
    // Plain fs.readFile without a callback is not a read we can follow.
    if (api === 'promises' && !viaPromises && fsMember.module === 'fs') return undefined;
    return { direction: 'read', api, pathArg: args[0], json, callback };
  }
  if (WRITES.has(method) && args.length >= 2) {
    const api = method.endsWith('Sync') ? 'sync' : viaPromises || !callback ? 'promises' : 'callback';
    return { direction: 'write', api, pathArg: args[0], dataArg: args[1], json, callback };
  }
  return undefined;
}

function fsMemberOf(
  project: ProjectIndex,
  origin: ValueOrigin | undefined,
  depth = 0,
): { module: string; members: string[]; promisified: boolean } | undefined {
  if (!origin || depth > 3) return undefined;
  if (origin.kind === 'package' && FS_MODULES.has(origin.module) && origin.members.length > 0) {
    return { module: origin.module, members: origin.members, promisified: false };
  }
  // const readFileAsync = util.promisify(fs.readFile)
  if (origin.kind === 'declaration' && origin.path.isVariableDeclarator()) {
    const init = origin.path.get('init') as NodePath;
    if (init.isCallExpression()) {
      const promisify = project.resolveExpression(origin.file, init.get('callee'));
      const isPromisify =
        (promisify?.kind === 'package' && promisify.module === 'util' && promisify.members.join('.') === 'promisify') ||
        t.isIdentifier(init.node.callee, { name: 'promisify' });
      const first = init.get('arguments')[0] as NodePath | undefined;
      if (isPromisify && first) {
        const inner = fsMemberOf(project, project.resolveExpression(origin.file, first), depth + 1);
        if (inner) return { ...inner, promisified: true };
      }
    }
  }
  return undefined;
}

/** A function, or a name that is not obviously an encoding/options value (`callback`, `cb`, `done`). */
function isCallbackArgument(path: NodePath): boolean {
  if (path.isFunction()) return true;
  if (!path.isIdentifier()) return false;
  const binding = path.scope.getBinding(path.node.name);
  const decl = binding?.path;
  if (decl?.isFunctionDeclaration()) return true;
  if (decl?.isVariableDeclarator()) {
    const init = decl.node.init;
    return t.isArrowFunctionExpression(init) || t.isFunctionExpression(init);
  }
  return binding?.kind === 'param' && !/^(enc|encoding|opts|options|flags?)$/i.test(path.node.name);
}
