/**
 * What a Stack or Construct class of the CDK app does with Lambda functions: the functions its
 * constructor creates (directly, per route in a loop, or through a helper construct), which tables
 * each needs, and therefore which tables the class must receive as props. Follows classes into
 * the files they are imported from.
 */
import type { ASTPath } from 'jscodeshift';
import type { AccessModelHints } from './loadAccessModelHints';
import { UNKNOWN, evaluateStatic, type EvaluationContext, type StaticValue } from './evaluateStatic';
import { bindPattern, findEnclosingLoop, type LoopInfo } from './findEnclosingLoop';
import { loadModule, resolveImportedConst, resolveModuleFile, type ModuleInfo } from './loadModule';
import { mergeNeeds, type Needs, type WiringDesign } from './loadWiringDesign';
import { isReferenceTo, resolveReference } from './resolveReference';
import { handlerOptionNodes, resolveFunctionHandler, type FunctionKind, type HandlerSpec } from './resolveFunctionHandler';

type Node = { type: string; [key: string]: any };

export interface Variant {
  bindings: Map<string, StaticValue>;
  spec: HandlerSpec;
  needs?: Needs;
}

export interface FunctionSite {
  kind: 'function';
  fnKind: FunctionKind;
  path: ASTPath;
  loop?: LoopInfo;
  variants: Variant[];
  /** The handler comes from the enclosing construct's constructor arguments (a helper construct). */
  dependsOnParams: boolean;
}

export interface FactorySite {
  kind: 'factory';
  path: ASTPath;
  loop?: LoopInfo;
  target: ClassInfo;
  variants: Variant[];
}

export interface ChildSite {
  kind: 'child';
  path: ASTPath;
  target: ClassInfo;
}

export type Site = FunctionSite | FactorySite | ChildSite;

export interface ClassInfo {
  module: ModuleInfo;
  name: string;
  path: ASTPath;
  kind: 'stack' | 'construct' | 'other';
  ctorPath?: ASTPath;
  params: { scope?: string; id?: string; props?: string; propsNode?: Node; propsDestructured?: boolean };
  sites: Site[];
  /** Lambda functions created where the constructor's props are not in scope. */
  strays: { path: ASTPath; reason: string }[];
  needs: Needs;
  factory?: { site: FunctionSite; fnProperty?: string; fnPropertyHidden: boolean; forwardsEnvironment: boolean };
}

export interface AnalysisContext {
  design: WiringDesign;
  /** Handler links from the scanner's access model, for functions the static reading cannot resolve. */
  accessModelHints?: AccessModelHints;
}

const memo = new WeakMap<ModuleInfo, Map<string, ClassInfo | 'pending'>>();

export function evaluationContext(module: ModuleInfo, context: AnalysisContext, scopePath?: ASTPath, bindings?: Map<string, StaticValue>): EvaluationContext {
  return {
    filePath: module.filePath,
    cdkRoot: module.cdkRoot,
    imports: module.imports,
    scopePath,
    bindings,
    resolveImportedConst: (source, name, from) => resolveImportedConst(source, name, from, context.design.root),
  };
}

export function functionKindOf(callee: Node, module: ModuleInfo): FunctionKind | undefined {
  const reference = resolveReference(callee, module.imports);
  if (isReferenceTo(reference, 'aws-cdk-lib/aws-lambda', 'Function')) return 'Function';
  if (isReferenceTo(reference, 'aws-cdk-lib/aws-lambda-nodejs', 'NodejsFunction')) return 'NodejsFunction';
  return undefined;
}

function findClassPath(module: ModuleInfo, name: string | 'default'): ASTPath | undefined {
  const { j } = module;
  if (name === 'default') {
    const declaration = module.root.find(j.ExportDefaultDeclaration).paths()[0];
    if (declaration?.node.declaration.type === 'ClassDeclaration') return declaration.get('declaration');
    return undefined;
  }
  return module.root.find(j.ClassDeclaration, { id: { name } }).paths()[0];
}

/** The class `new X(...)` or `extends X` refers to, in this module or a relative import. */
export function resolveClass(callee: Node, module: ModuleInfo, context: AnalysisContext): ClassInfo | undefined {
  const reference = resolveReference(callee, module.imports);
  if (!reference) return undefined;
  if (reference.kind === 'local') {
    const classPath = findClassPath(module, reference.name);
    return classPath ? analyzeClass(module, reference.name, classPath, context) : undefined;
  }
  const file = resolveModuleFile(module.filePath, reference.module);
  const target = file ? loadModule(file, context.design.root) : undefined;
  const classPath = target ? findClassPath(target, reference.name) : undefined;
  return target && classPath ? analyzeClass(target, reference.name, classPath, context) : undefined;
}

function classKind(node: Node, module: ModuleInfo, context: AnalysisContext): ClassInfo['kind'] {
  if (!node.superClass) return 'other';
  const reference = resolveReference(node.superClass, module.imports);
  if (isReferenceTo(reference, 'aws-cdk-lib', 'Stack') || isReferenceTo(reference, 'aws-cdk-lib', 'NestedStack')) return 'stack';
  if (isReferenceTo(reference, 'constructs', 'Construct')) return 'construct';
  const parent = resolveClass(node.superClass, module, context);
  return parent?.kind ?? 'other';
}

function readParams(ctor: Node): ClassInfo['params'] {
  const names = ctor.params.map((param: Node) => (param.type === 'TSParameterProperty' ? param.parameter : param));
  const nameOf = (param: Node | undefined) => (param?.type === 'Identifier' ? param.name : param?.type === 'AssignmentPattern' ? param.left.name : undefined);
  const props = names[2] as Node | undefined;
  return {
    scope: nameOf(names[0]),
    id: nameOf(names[1]),
    props: nameOf(props),
    propsNode: ctor.params[2],
    propsDestructured: props?.type === 'ObjectPattern',
  };
}

function dependsOn(nodes: Node[], names: string[], module: ModuleInfo): boolean {
  const { j } = module;
  return nodes.some((node) => j(node as never).find(j.Identifier).filter((path) => names.includes(path.node.name)).size() > 0 || (node.type === 'Identifier' && names.includes(node.name)));
}

/** Evaluates `new <site>` once per element of its loop (once when not in a loop). */
export function computeVariants(
  path: ASTPath,
  loop: LoopInfo | undefined,
  module: ModuleInfo,
  context: AnalysisContext,
  resolve: (bindings: Map<string, StaticValue>) => HandlerSpec,
): Variant[] {
  let elements: StaticValue[] = [undefined];
  if (loop) {
    const list = evaluateStatic(loop.arrayNode, evaluationContext(module, context, loop.loopPath));
    if (!Array.isArray(list)) {
      const text = module.source.slice(loop.arrayNode.start, loop.arrayNode.end);
      return [{ bindings: new Map(), spec: { unresolved: `it is created in a loop over \`${text}\`, which is not a constant list` } }];
    }
    elements = list;
  }
  return elements.map((element) => {
    const bindings = loop ? bindPattern(loop.pattern, element) : new Map<string, StaticValue>();
    const spec = resolve(bindings);
    return { bindings, spec, needs: spec.file ? context.design.findNeeds(spec.file, spec.exportName) : undefined };
  });
}

function collectSites(info: ClassInfo, context: AnalysisContext): void {
  const { module } = info;
  const { j } = module;
  const paramNames = [info.params.props, info.params.id].filter((name): name is string => Boolean(name));
  j(info.path as never).find(j.NewExpression).forEach((path) => {
    const node = path.node as Node;
    const insideCtor = info.ctorPath && isInside(path, info.ctorPath.node);
    const fnKind = functionKindOf(node.callee, module);
    if (fnKind) {
      if (!insideCtor) {
        const method = findMethodName(path);
        info.strays.push({ path, reason: `it is created in ${method ? `method ${method}` : 'a class member'}, where the constructor's props are not in scope; create it in the constructor (or pass the table to ${method ?? 'that member'}), then re-run` });
        return;
      }
      const loop = findEnclosingLoop(path, info.ctorPath!.node);
      const dependsOnParams = dependsOn(handlerOptionNodes(node.arguments[2], fnKind), paramNames, module);
      const variants = computeVariants(path, loop, module, context, (bindings) => {
        const spec = resolveFunctionHandler(node, fnKind, evaluationContext(module, context, path, bindings), module.source);
        return spec.unresolved && !loop && !dependsOnParams ? (hintFor(path, module, context) ?? spec) : spec;
      });
      info.sites.push({ kind: 'function', fnKind, path, loop, variants, dependsOnParams });
      return;
    }
    if (!insideCtor) return;
    const target = resolveClass(node.callee, module, context);
    if (!target || target === info) return;
    const loop = findEnclosingLoop(path, info.ctorPath!.node);
    if (target.factory) {
      const variants = computeVariants(path, loop, module, context, (bindings) => evaluateFactoryCall(target, node, evaluationContext(module, context, path, bindings), context));
      info.sites.push({ kind: 'factory', path, loop, target, variants });
    }
    if (target.needs.size > 0) info.sites.push({ kind: 'child', path, target });
  });
}

/** The scanner's link for this construct (by construct id or the variable it is assigned to). */
function hintFor(path: ASTPath, module: ModuleInfo, context: AnalysisContext): HandlerSpec | undefined {
  if (!context.accessModelHints) return undefined;
  const node = path.node as Node;
  const names: string[] = [];
  const id = evaluateStatic(node.arguments[1], evaluationContext(module, context, path));
  if (typeof id === 'string') names.push(id);
  const parent = path.parent?.node as Node | undefined;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') names.push(parent.id.name);
  if (parent?.type === 'AssignmentExpression' && parent.left.type === 'MemberExpression' && !parent.left.computed) names.push(parent.left.property.name);
  return context.accessModelHints(module.filePath, names);
}

/** Handler of a helper construct's Lambda for one call: its props bound to the call's arguments. */
export function evaluateFactoryCall(target: ClassInfo, callNode: Node, callContext: EvaluationContext, context: AnalysisContext): HandlerSpec {
  const factory = target.factory!;
  const bindings = new Map<string, StaticValue>();
  if (target.params.props) bindings.set(target.params.props, callNode.arguments[2] ? evaluateStatic(callNode.arguments[2], callContext) : undefined);
  if (target.params.id) bindings.set(target.params.id, evaluateStatic(callNode.arguments[1], callContext));
  const node = factory.site.path.node as Node;
  return resolveFunctionHandler(node, factory.site.fnKind, evaluationContext(target.module, context, factory.site.path, bindings), target.module.source);
}

function isInside(path: ASTPath, ancestor: Node): boolean {
  for (let current: ASTPath | null = path.parent; current; current = current.parent) if (current.node === ancestor) return true;
  return false;
}

function findMethodName(path: ASTPath): string | undefined {
  for (let current: ASTPath | null = path.parent; current; current = current.parent) {
    const node = current.node as Node;
    if ((node.type === 'ClassMethod' || node.type === 'ClassProperty') && node.key?.type === 'Identifier') return node.key.name;
  }
  return undefined;
}

function detectFactory(info: ClassInfo): void {
  const site = info.sites.find((candidate): candidate is FunctionSite => candidate.kind === 'function' && candidate.dependsOnParams);
  if (!site) return;
  const parent = site.path.parent?.node as Node;
  let fnProperty: string | undefined;
  if (parent.type === 'AssignmentExpression' && parent.left.type === 'MemberExpression' && parent.left.object.type === 'ThisExpression') {
    fnProperty = parent.left.property.name;
  }
  const member = fnProperty ? (info.path.node as Node).body.body.find((item: Node) => item.type === 'ClassProperty' && item.key?.name === fnProperty) : undefined;
  const fnPropertyHidden = Boolean(member && (member.accessibility === 'private' || member.accessibility === 'protected'));
  const options = (site.path.node as Node).arguments[2] as Node | undefined;
  const environment = options?.type === 'ObjectExpression'
    ? options.properties.find((property: Node) => property.type === 'ObjectProperty' && property.key?.name === 'environment')
    : undefined;
  const environmentText = environment ? info.module.source.slice(environment.value.start, environment.value.end) : '';
  const forwardsEnvironment = Boolean(info.params.props && environmentText.includes(`${info.params.props}.environment`));
  info.factory = { site, fnProperty, fnPropertyHidden, forwardsEnvironment };
}

export function analyzeClass(module: ModuleInfo, name: string, path: ASTPath, context: AnalysisContext): ClassInfo | undefined {
  const byName = memo.get(module) ?? new Map<string, ClassInfo | 'pending'>();
  memo.set(module, byName);
  const known = byName.get(name);
  if (known === 'pending') return undefined;
  if (known) return known;
  byName.set(name, 'pending');
  const node = path.node as Node;
  const ctor = node.body.body.find((member: Node) => member.type === 'ClassMethod' && member.kind === 'constructor');
  const info: ClassInfo = {
    module,
    name,
    path,
    kind: classKind(node, module, context),
    ctorPath: ctor ? module.j(path as never).find(module.j.ClassMethod, { kind: 'constructor' }).paths()[0] : undefined,
    params: ctor ? readParams(ctor) : {},
    sites: [],
    strays: [],
    needs: new Map(),
  };
  if (info.kind !== 'other') {
    collectSites(info, context);
    detectFactory(info);
    for (const site of info.sites) {
      if (site.kind === 'child') mergeNeeds(info.needs, site.target.needs);
      else if (site.kind === 'factory' || (site.kind === 'function' && !(info.factory && info.factory.site === site))) {
        for (const variant of site.variants) if (variant.needs) mergeNeeds(info.needs, variant.needs);
      }
    }
  }
  byName.set(name, info);
  return info;
}

export { UNKNOWN };
