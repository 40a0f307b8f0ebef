import type { Binding, NodePath, Visitor } from '@babel/traverse';
import * as t from '@babel/types';
import { classifyFsCall } from '../json-file/classifyFsCall';
import type { FunctionRef, SourceFile } from '../types';
import type { View } from './model';
import { memberName, unwrap } from './syntax';
import { returnedExpressions, type ViewEvaluator } from './ViewEvaluator';
import { walkPaths } from '../walkPaths';

/** Callbacks of these methods run inside the caller; what they return is not a response. */
const CALLBACK_METHODS = new Set(['then', 'catch', 'finally', 'map', 'filter', 'forEach', 'find', 'findIndex', 'some', 'every', 'reduce', 'sort', 'flatMap']);
const NOT_OUTPUT_GLOBALS = new Set(['JSON', 'console', 'Math', 'Object', 'Array', 'Number', 'String', 'Boolean', 'Promise', 'Date']);
const MAX_DEPTH = 4;

type ArgumentMap = Map<Binding, { file: SourceFile; path: NodePath } | null>;
type Guard = (path: NodePath, run: () => void) => void;
type Report = (path: NodePath, view: View & { type: 'collection' }) => void;

/**
 * Places where the whole collection leaves the app as data: passed to `res.json`/`reply.send`/a
 * response helper, or returned by a route/Lambda handler (a function no project code calls).
 * Each becomes a `list` operation. Copies narrowed by an attribute filter are not lists.
 */
export function listSinkVisitor(ev: ViewEvaluator, file: SourceFile, report: Report, guard: Guard): Visitor {
  const sinks = new SinkFinder(ev, file, report);
  return {
    'CallExpression|OptionalCallExpression'(path) {
      guard(path, () => {
        const call = path as NodePath<t.CallExpression>;
        if (!call.getFunctionParent() || !sinks.isOutputCall(call)) return;
        for (const arg of call.get('arguments') as NodePath[]) {
          sinks.check(arg.isSpreadElement() ? (arg.get('argument') as NodePath) : arg, undefined, 0);
        }
      });
    },
    ReturnStatement(path) {
      guard(path, () => {
        const fn = path.getFunctionParent();
        if (fn && path.node.argument && sinks.isEntry(fn)) sinks.check(path.get('argument') as NodePath, undefined, 0);
      });
    },
    ArrowFunctionExpression(path) {
      guard(path, () => {
        const body = path.get('body');
        if (!body.isBlockStatement() && sinks.isEntry(path)) sinks.check(body as NodePath, undefined, 0);
      });
    },
  };
}

class SinkFinder {
  private readonly writers = new Map<t.Node, boolean>();

  constructor(
    private readonly ev: ViewEvaluator,
    private readonly file: SourceFile,
    private readonly report: Report,
  ) {}

  check(path: NodePath, reportAt: NodePath | undefined, depth: number, file = this.file, args?: ArgumentMap): void {
    if (!path?.node || depth > MAX_DEPTH) return;
    const at = reportAt ?? path;
    // Inside a helper reached from one call, its parameters are that call's arguments.
    const binding = args && path.isIdentifier() ? path.scope.getBinding(path.node.name) : undefined;
    if (binding && args!.has(binding)) {
      const bound = args!.get(binding);
      if (!bound) return;
      this.check(bound.path, at, depth + 1, bound.file);
      return;
    }
    const view = this.ev.view(file, path);
    if (view) {
      if (view.type === 'collection' && view.whole) this.report(at, view);
      return;
    }
    const p = unwrap(path);
    if (p.isObjectExpression()) {
      for (const property of p.get('properties')) {
        if (property.isObjectProperty()) this.check(property.get('value') as NodePath, reportAt, depth + 1, file, args);
        else if (property.isSpreadElement()) this.check(property.get('argument'), reportAt, depth + 1, file, args);
      }
    } else if (p.isArrayExpression()) {
      for (const element of p.get('elements') as NodePath[]) {
        if (element.node) this.check(element.isSpreadElement() ? (element.get('argument') as NodePath) : element, reportAt, depth + 1, file, args);
      }
    } else if (p.isConditionalExpression()) {
      this.check(p.get('consequent'), reportAt, depth + 1, file, args);
      this.check(p.get('alternate'), reportAt, depth + 1, file, args);
    } else if (p.isLogicalExpression()) {
      this.check(p.get('right'), reportAt, depth + 1, file, args);
    } else if (p.isCallExpression()) {
      const callee = p.get('callee') as NodePath;
      if (callee.isMemberExpression() && t.isIdentifier(callee.node.object, { name: 'JSON' }) && memberName(callee.node) === 'stringify') {
        this.check((p.get('arguments') as NodePath[])[0], reportAt, depth + 1, file, args);
        return;
      }
      const fn = this.ev.ctx.project.resolveFunction(file, callee);
      if (fn && !this.writesData(fn)) {
        const bindings: ArgumentMap = new Map();
        const callArgs = p.get('arguments') as NodePath[];
        fn.path.node.params.forEach((param, index) => {
          const name = t.isIdentifier(param) ? param.name : t.isAssignmentPattern(param) && t.isIdentifier(param.left) ? param.left.name : undefined;
          const binding = name ? fn.path.scope.getBinding(name) : undefined;
          const arg = callArgs[index];
          if (binding) bindings.set(binding, arg && !arg.isSpreadElement() ? { file, path: arg } : null);
        });
        for (const returned of returnedExpressions(fn)) this.check(returned, at, depth + 1, fn.file, bindings);
      }
    } else if (p.isIdentifier()) {
      const binding = p.scope.getBinding(p.node.name);
      const decl = binding?.path;
      if (decl?.isVariableDeclarator() && t.isIdentifier(decl.node.id) && decl.node.init && binding?.constant) {
        this.check(decl.get('init') as NodePath, at, depth + 1, file, args);
      }
    }
  }

  /** A call whose arguments leave the app: not a collection method, a file write, JSON.stringify, console.*, or a saver. */
  isOutputCall(call: NodePath<t.CallExpression>): boolean {
    const callee = unwrap(call.get('callee') as NodePath);
    if (callee.isMemberExpression() || callee.isOptionalMemberExpression()) {
      const root = rootName(callee.node);
      if (root && NOT_OUTPUT_GLOBALS.has(root) && !callee.scope.getBinding(root)) return false;
      if (this.ev.view(this.file, callee.get('object') as NodePath)) return false;
    } else if (callee.isIdentifier() && ['String', 'Number', 'Boolean', 'parseInt', 'require', 'structuredClone'].includes(callee.node.name)) {
      return false;
    } else if (callee.isIdentifier() && callee.scope.getBinding(callee.node.name)?.kind === 'param') {
      // `callback(null, notes)`, `resolve(notes)`: the value goes back to the caller, which decides.
      return false;
    }
    if (classifyFsCall(this.ev.ctx.project, this.file, call)) return false;
    const fn = this.ev.ctx.project.resolveFunction(this.file, callee);
    return !(fn && this.writesData(fn));
  }

  /** A function no project code calls and that is not a callback of a known call: a route or Lambda handler. */
  isEntry(fn: NodePath<t.Function>): boolean {
    if (this.ev.calls.of(fn.node).length > 0) return false;
    const parent = fn.parentPath;
    if (parent?.isCallExpression() || parent?.isOptionalCallExpression() || parent?.isNewExpression()) {
      if (parent.isNewExpression()) return false;
      const callee = unwrap(parent.get('callee') as NodePath);
      if ((callee.isMemberExpression() || callee.isOptionalMemberExpression()) && CALLBACK_METHODS.has(memberName(callee.node) ?? '')) return false;
      if (parent.isCallExpression() && classifyFsCall(this.ev.ctx.project, this.file, parent)) return false;
      if (this.ev.ctx.project.resolveFunction(this.file, callee)) return false;
    }
    return true;
  }

  /** Writes a JSON file (directly or through one more helper): its arguments are saved, not output. */
  private writesData(fn: FunctionRef, depth = 0): boolean {
    const cached = this.writers.get(fn.path.node);
    if (cached !== undefined) return cached;
    this.writers.set(fn.path.node, false);
    let writes = false;
    walkPaths(fn.path, {
      CallExpression: (call) => {
        if (writes) return;
        const fsCall = classifyFsCall(this.ev.ctx.project, fn.file, call);
        if (fsCall?.direction === 'write') writes = true;
        else if (!fsCall && depth < 2) {
          const inner = this.ev.ctx.project.resolveFunction(fn.file, call.get('callee') as NodePath);
          if (inner && inner.path.node !== fn.path.node && this.writesData(inner, depth + 1)) writes = true;
        }
      },
    });
    this.writers.set(fn.path.node, writes);
    return writes;
  }
}

function rootName(node: t.Node): string | undefined {
  let current = node;
  while (t.isMemberExpression(current) || t.isOptionalMemberExpression(current)) current = current.object;
  return t.isIdentifier(current) ? current.name : undefined;
}
