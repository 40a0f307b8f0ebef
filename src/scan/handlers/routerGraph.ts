import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { unwrapTypeWrappers } from '../project/ValueResolver';
import { resolveCallee, type CallSiteIndex } from '../infra/static/callSites';
import { enclosingClassOfThis } from '../project/ValueResolver';
import type { ProjectIndex, SourceFile } from '../types';
import { joinRoutePath } from './joinRoutePath';
import { walkPaths } from '../walkPaths';

export type RouterKind = 'express' | 'fastify';

/** The object routes are declared on: an app/router/instance creation, a parameter that receives one, or an unproven variable. */
export interface RouterRef {
  key: t.Node;
  file: SourceFile;
  kind?: RouterKind;
  /** `express()`, `express.Router()`, `Fastify()`, or a parameter typed/linked as one. */
  proven: boolean;
  /** True for an Express Router or a Fastify plugin parameter (mounted somewhere, normally). */
  mountable: boolean;
}

interface Mount {
  parent: t.Node;
  prefix: string;
}

const MAX_PREFIXES = 16;
const PENDING = Symbol('pending');

/**
 * Which objects are Express apps/routers or Fastify instances, and how they are mounted
 * (`app.use('/api', router)`, `fastify.register(plugin, { prefix })`, `registerRoutes(app)`),
 * across modules. Gives each router the full path prefixes it is served under.
 */
export class RouterGraph {
  private readonly mounts = new Map<t.Node, Mount[]>();
  private readonly refs = new Map<t.Node, RouterRef | null | typeof PENDING>();
  private readonly pluginParams = new Set<t.Node>();

  constructor(
    private readonly project: ProjectIndex,
    private readonly sites: CallSiteIndex,
  ) {}

  addMount(parent: RouterRef, child: t.Node, prefix: string): void {
    if (parent.key === child) return;
    const list = this.mounts.get(child) ?? [];
    if (!list.some((m) => m.parent === parent.key && m.prefix === prefix)) list.push({ parent: parent.key, prefix });
    this.mounts.set(child, list);
  }

  /** A Fastify plugin's instance parameter (it receives the registering instance). */
  addPluginParam(param: t.Node): void {
    this.pluginParams.add(param);
  }

  isMounted(key: t.Node): boolean {
    return (this.mounts.get(key)?.length ?? 0) > 0 || this.paramCallers(key).length > 0;
  }

  /** The router object an expression denotes; `null` for known non-routers (packages such as axios). */
  routerOf(file: SourceFile, path: NodePath, depth = 0): RouterRef | null | undefined {
    if (depth > 8 || !path.node) return undefined;
    const inner = unwrapTypeWrappers(path);
    const node = inner.node;
    const cached = this.refs.get(node);
    if (cached === PENDING) return undefined;
    if (cached !== undefined) return cached;
    this.refs.set(node, PENDING);
    const ref = this.computeRouter(file, inner, depth);
    if (ref === undefined) this.refs.delete(node);
    else this.refs.set(node, ref);
    if (ref) this.remember(ref);
    return ref;
  }

  private computeRouter(file: SourceFile, path: NodePath, depth: number): RouterRef | null | undefined {
    if (path.isAwaitExpression()) return this.routerOf(file, path.get('argument'), depth + 1);
    // `const app = module.exports = express()`
    if (path.isAssignmentExpression()) return this.routerOf(file, path.get('right'), depth + 1);
    const isRequire = path.isCallExpression() && (t.isIdentifier(path.node.callee, { name: 'require' }) || t.isImport(path.node.callee));
    if (!isRequire && (path.isCallExpression() || path.isNewExpression())) {
      const kind = this.creationKind(file, path);
      if (kind) return { key: path.node, file, kind: kind.kind, proven: true, mountable: kind.mountable };
      return this.factoryResult(file, path, depth);
    }
    if (path.isThisExpression()) return undefined;
    let origin = this.project.resolveExpression(file, path);
    // `require('./routes')` of an ES module: its default export.
    if (origin?.kind === 'module') origin = this.project.resolveMember(origin, 'default');
    if (!origin) return undefined;
    if (origin.kind === 'package') return isFrameworkPackage(origin.module) ? undefined : null;
    if (origin.kind === 'expression' && origin.path.node !== path.node) return this.routerOf(origin.file, origin.path, depth + 1);
    if (origin.kind === 'this-member') return this.thisAssignment(origin.file, origin.classPath, origin.name, depth);
    if (origin.kind !== 'declaration') return undefined;
    const decl = origin.path;
    if (decl.isVariableDeclarator()) {
      const init = decl.get('init');
      const found = init.node && t.isIdentifier(decl.node.id) ? this.routerOf(origin.file, init as NodePath, depth + 1) : undefined;
      return found ?? { key: decl.node, file: origin.file, proven: false, mountable: false };
    }
    if (decl.isClassProperty()) {
      const value = decl.get('value') as NodePath;
      if (value.node) return this.routerOf(origin.file, value, depth + 1);
      const classPath = decl.parentPath?.parentPath;
      return classPath?.isClass() ? this.thisAssignment(origin.file, classPath, origin.name, depth) : undefined;
    }
    if (decl.isAssignmentExpression()) return this.routerOf(origin.file, decl.get('right'), depth + 1);
    if (isParameter(decl)) {
      const kind = this.pluginParams.has(decl.node) ? 'fastify' : kindFromAnnotation(decl.node);
      return { key: decl.node, file: origin.file, kind, proven: Boolean(kind), mountable: true };
    }
    return undefined;
  }

  /** `express()` → app, `express.Router()` / `Router()` → router, `Fastify()` / `require('fastify')()` → instance. */
  private creationKind(file: SourceFile, call: NodePath<t.CallExpression | t.NewExpression>): { kind: RouterKind; mountable: boolean } | undefined {
    const callee = call.get('callee') as NodePath;
    if (callee.isFunction()) return undefined;
    const origin = this.project.resolveExpression(file, callee);
    if (origin?.kind !== 'package') return undefined;
    const members = origin.members.join('.');
    if (origin.module === 'express') {
      if (members === '' || members === 'default') return { kind: 'express', mountable: false };
      if (members === 'Router' || members === 'default.Router') return { kind: 'express', mountable: true };
    }
    if (origin.module === 'fastify' && (members === '' || members === 'default' || members === 'fastify')) return { kind: 'fastify', mountable: false };
    return undefined;
  }

  /** `const app = createApp()` / `await buildApp()`: the router a project factory returns. */
  private factoryResult(file: SourceFile, call: NodePath<t.CallExpression | t.NewExpression>, depth: number): RouterRef | undefined {
    if (!call.isCallExpression() || depth > 6) return undefined;
    const fn = resolveCallee(this.project, file, call.get('callee'));
    if (!fn) return undefined;
    const body = fn.path.get('body') as NodePath;
    if (!body.isBlockStatement()) return this.routerOf(fn.file, body, depth + 1) ?? undefined;
    let found: RouterRef | undefined;
    walkPaths(body, {
      Function(inner) {
        inner.skip();
      },
      ReturnStatement: (ret) => {
        const argument = ret.get('argument');
        if (found || !argument.node) return;
        const ref = this.routerOf(fn.file, argument as NodePath, depth + 1);
        if (ref?.proven) found = ref;
      },
    });
    return found;
  }

  private thisAssignment(file: SourceFile, classPath: NodePath<t.Class>, name: string, depth: number): RouterRef | undefined {
    let right: NodePath | undefined;
    walkPaths(classPath, {
      AssignmentExpression(assignment) {
        const left = assignment.node.left;
        if (!right && t.isMemberExpression(left) && t.isThisExpression(left.object) && t.isIdentifier(left.property, { name }) && enclosingClassOfThis(assignment) === classPath) {
          right = assignment.get('right');
        }
      },
    });
    return right ? (this.routerOf(file, right, depth + 1) ?? undefined) : undefined;
  }

  /** Express/Fastify, from the creation, the parameter's type, the registering instance or the callers. */
  kindOf(ref: RouterRef, seen = new Set<t.Node>()): RouterKind | undefined {
    if (ref.kind) return ref.kind;
    if (this.pluginParams.has(ref.key)) return 'fastify';
    if (seen.has(ref.key)) return undefined;
    seen.add(ref.key);
    for (const parent of this.parentsOf(ref.key)) {
      const parentRef = this.refByKey(parent.parent);
      const kind = parentRef ? this.kindOf(parentRef, seen) : undefined;
      if (kind) return kind;
    }
    return undefined;
  }

  /** Whether the object is shown to be a router by its creation, its type, or by being mounted/registered. */
  isProven(ref: RouterRef): boolean {
    return ref.proven || this.pluginParams.has(ref.key) || this.parentsOf(ref.key).some((m) => this.refByKey(m.parent)?.proven);
  }

  /** Full path prefixes the router is served under ('' for an app or an unmounted router). */
  prefixesOf(key: t.Node, seen: Set<t.Node> = new Set()): string[] {
    if (seen.has(key)) return [];
    const parents = this.parentsOf(key);
    if (parents.length === 0) return [''];
    const next = new Set(seen).add(key);
    const prefixes = new Set<string>();
    for (const { parent, prefix } of parents) {
      for (const base of this.prefixesOf(parent, next)) {
        if (prefixes.size < MAX_PREFIXES) prefixes.add(joinRoutePath(base, prefix));
      }
    }
    // Only cycles above (`a.use(b); b.use(a)`): serve it at the root rather than drop its routes.
    return prefixes.size > 0 ? [...prefixes] : seen.size === 0 ? [''] : [];
  }

  private parentsOf(key: t.Node): Mount[] {
    return [...(this.mounts.get(key) ?? []), ...this.paramCallers(key)];
  }

  private readonly paramCache = new Map<t.Node, Mount[]>();

  /** `module.exports = (app) => { app.get(…) }` called as `require('./routes')(app)`: the callers' routers are parents. */
  private paramCallers(key: t.Node): Mount[] {
    const cached = this.paramCache.get(key);
    if (cached) return cached;
    this.paramCache.set(key, []);
    const ref = this.refByKey(key);
    const result: Mount[] = [];
    if (ref && !this.pluginParams.has(key) && !ref.proven) {
      const param = findParamPath(ref.file, key);
      const fn = param?.parentPath;
      if (param && fn?.isFunction()) {
        const index = (fn.node.params as t.Node[]).indexOf(param.node);
        for (const site of this.sites.sitesOf(fn.node)) {
          const arg = (site.path.get('arguments') as NodePath[])[index];
          const parent = arg ? this.routerOf(site.file, arg) : undefined;
          if (parent) result.push({ parent: parent.key, prefix: '' });
        }
      }
    }
    this.paramCache.set(key, result);
    return result;
  }

  private readonly byKey = new Map<t.Node, RouterRef>();

  /** Remembers a router by key (routerOf caches by expression; mounts refer to keys). */
  remember(ref: RouterRef): void {
    if (!this.byKey.has(ref.key)) this.byKey.set(ref.key, ref);
  }

  refByKey(key: t.Node): RouterRef | undefined {
    return this.byKey.get(key);
  }
}

function isFrameworkPackage(module: string): boolean {
  return module === 'express' || module === 'fastify';
}

function isParameter(path: NodePath): boolean {
  const parent = path.parentPath;
  if (!parent) return false;
  if (parent.isFunction()) return (parent.node.params as t.Node[]).includes(path.node);
  if (parent.isTSParameterProperty()) return true;
  return false;
}

function findParamPath(file: SourceFile, key: t.Node): NodePath | undefined {
  let found: NodePath | undefined;
  walkPaths(file.program, {
    Function(fn) {
      if (found) return fn.stop();
      for (const param of fn.get('params') as NodePath[]) {
        if (param.node === key) {
          found = param;
          fn.stop();
          return;
        }
      }
    },
  });
  return found;
}

/** `app: FastifyInstance` → fastify; `router: Router` / `app: Express` / `Application` → express. */
function kindFromAnnotation(node: t.Node): RouterKind | undefined {
  const annotation = (node as { typeAnnotation?: t.Node | null }).typeAnnotation;
  if (!annotation || !t.isTSTypeAnnotation(annotation)) return undefined;
  const type = annotation.typeAnnotation;
  if (!t.isTSTypeReference(type)) return undefined;
  const name = t.isIdentifier(type.typeName) ? type.typeName.name : t.isTSQualifiedName(type.typeName) ? type.typeName.right.name : '';
  if (/^Fastify(Instance|PluginAsync|PluginCallback)?$/.test(name)) return 'fastify';
  if (/^(Express|Application|Router|IRouter)$/.test(name)) return 'express';
  return undefined;
}
