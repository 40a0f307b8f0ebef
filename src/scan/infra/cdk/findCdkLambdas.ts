import * as path from 'node:path';
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { SourceFile } from '../../types';
import { findHandlerSource, splitHandlerString } from '../resolveHandlerFile';
import type { CallSite } from '../static/callSites';
import { asString, type Env, type StaticValue } from '../static/evaluateStatic';
import { expandEnvironments, type Expansion } from '../static/expandEnvironments';
import type { InfraTools, LambdaConstruct } from '../types';
import { classRole, isSymbol, resolveCdkSymbol } from './cdkSymbols';
import { safely } from '../safely';
import { walkPaths } from '../../walkPaths';

/** A `new lambda.Function(...)` / `new NodejsFunction(...)` site and the constructs it makes (one per loop element or helper use). */
export interface CdkLambdaSite {
  file: SourceFile;
  path: NodePath<t.NewExpression>;
  /** `innerId`: the id written at the site; `instances`: the helper-construct `new` calls it was reached through. */
  constructs: { construct: LambdaConstruct; innerId?: string; instances: t.Node[] }[];
}

type FunctionFlavour = 'function' | 'nodejs';

export function functionFlavourOf(tools: InfraTools, file: SourceFile, newPath: NodePath<t.NewExpression>): FunctionFlavour | undefined {
  const symbol = resolveCdkSymbol(tools.ctx.project, file, newPath.get('callee') as NodePath);
  if (isSymbol(symbol, 'aws-lambda', 'Function', 'SingletonFunction')) return 'function';
  if (isSymbol(symbol, 'aws-lambda-nodejs', 'NodejsFunction')) return 'nodejs';
  return undefined;
}

/**
 * Lambda constructs of CDK code and the handler file each runs: `lambda.Function` with
 * `Code.fromAsset(dir)` + `handler: 'file.export'` (the directory is tried against the file's
 * folder, the cdk.json folder and the root), `NodejsFunction` with `entry` (or its default entry
 * next to the defining file). Functions made in loops over literal route lists and in helper
 * constructs are expanded, one construct per element or use.
 */
export function findCdkLambdas(tools: InfraTools, files: SourceFile[], cdkDirs: string[]): CdkLambdaSite[] {
  const sites: CdkLambdaSite[] = [];
  for (const file of files) {
    walkPaths(file.program, {
      NewExpression(newPath) {
        const at = { file: file.rel, line: tools.ctx.project.lineOf(newPath) };
        const site = safely(tools.ctx, at, 'Lambda construct', () => {
          const flavour = functionFlavourOf(tools, file, newPath);
          return flavour ? describeSite(tools, file, newPath, flavour, cdkDirs) : undefined;
        });
        if (site) sites.push(site);
      },
    });
  }
  return sites;
}

interface Evaluated {
  innerId?: string;
  /** Ids of the helper constructs around the function (`ApiFunction` for `ApiFunction/Handler`), outermost first. */
  helperIds: (string | undefined)[];
  handler?: string;
  asset?: string;
  entry?: string;
  inlineCode: boolean;
}

function describeSite(tools: InfraTools, file: SourceFile, newPath: NodePath<t.NewExpression>, flavour: FunctionFlavour, cdkDirs: string[]): CdkLambdaSite {
  const { ctx, evaluator, sites } = tools;
  const args = newPath.get('arguments') as NodePath[];
  const evaluateAll = (env: Env, via: CallSite[]): Evaluated => {
    const props = evaluator.evaluate(file, args[2], env);
    const prop = (name: string): StaticValue | undefined => (props.kind === 'object' ? props.get(name) : undefined);
    const code = prop('code');
    const innerId = asString(evaluator.evaluate(file, args[1], env));
    return {
      innerId,
      // Evaluating the helpers' ids also makes the expansion run once per helper instance.
      helperIds: helperIds(tools, file, newPath, env, via),
      handler: asString(prop('handler')),
      entry: asString(prop('entry')),
      asset: code ? assetDirOf(tools, code, env) : undefined,
      inlineCode: code?.kind === 'unknown' && Boolean(code.path && /fromInline|InlineCode/.test(code.path.toString())),
    };
  };
  const expansions: Expansion[] = expandEnvironments(evaluator, sites, (env, via) => void evaluateAll(env, via));
  const line = ctx.project.lineOf(newPath);
  const constructs: CdkLambdaSite['constructs'] = [];
  let reported = false;
  const report = (code: string, message: string): void => {
    if (reported) return;
    reported = true;
    ctx.diagnostics.add({ severity: 'warning', code, file: file.rel, line, message });
  };
  for (const expansion of expansions) {
    const values = evaluateAll(expansion.env, expansion.via);
    // The construct id as the site gives it (contract: construct id or variable); one the scanner
    // cannot evaluate is shown as written (`name`, `${r.id}Fn`).
    const idText = args[1]?.node ? file.text.slice(args[1].node.start ?? 0, args[1].node.end ?? 0) : '?';
    const name = values.innerId ?? idText;
    const where = values.helperIds.length > 0 ? ` (in ${values.helperIds.map((id) => id ?? '?').join('/')})` : '';
    const construct: LambdaConstruct = { file: file.rel, line, name, routes: [] };
    const resolved = flavour === 'nodejs' ? resolveNodejsEntry(tools, file, values, cdkDirs) : resolveAssetHandler(tools, file, values, cdkDirs);
    if (resolved.file) {
      construct.handlerFile = resolved.file;
      construct.handlerExport = resolved.exportName;
      if (resolved.fromBuildOutput && !constructs.some((c) => c.construct.handlerFile === resolved.file)) {
        ctx.diagnostics.add({
          severity: 'info',
          code: 'handler-from-build-output',
          file: file.rel,
          line,
          message: `${name}${where} runs built code; its handler was matched to the source file ${resolved.file}`,
        });
      }
    } else if (values.inlineCode) {
      report('inline-lambda-code', `${name}${where} uses inline code (Code.fromInline); there is no handler file to scan`);
    } else if (expansion.unresolved.length > 0) {
      report(
        'dynamic-lambda-construct',
        `cannot tell which handler file ${name}${where} runs: it is built from values the scanner cannot evaluate (a loop over a computed list, or a helper nobody calls with literals); write the list as a literal array or check this function by hand`,
      );
    } else {
      report('unresolved-lambda-handler', `cannot find the handler file of ${name}${where}: ${resolved.why}`);
    }
    const instances = expansion.via.map((site) => site.path.node);
    const same = constructs.find((c) => c.construct.name === construct.name && c.construct.handlerFile === construct.handlerFile);
    if (same) same.instances.push(...instances);
    else constructs.push({ construct, innerId: values.innerId, instances });
  }
  return { file, path: newPath, constructs };
}

/** The ids of the helper constructs around a function (`ApiFunction` in `ApiFunction/Handler`), outermost first. */
function helperIds(tools: InfraTools, startFile: SourceFile, newPath: NodePath, env: Env, via: CallSite[]): (string | undefined)[] {
  const ids: (string | undefined)[] = [];
  let current: NodePath = newPath;
  let file = startFile;
  for (let depth = 0; depth < 4; depth++) {
    const ctor = current.getFunctionParent();
    if (!ctor?.isClassMethod({ kind: 'constructor' })) break;
    const classPath = ctor.parentPath?.parentPath;
    if (!classPath?.isClass()) break;
    if (classRole(tools.ctx.project, file, classPath) !== 'construct') break;
    const idParam = (ctor.get('params') as NodePath[])[1];
    const idPath = idParam?.isTSParameterProperty() ? (idParam.get('parameter') as NodePath) : idParam;
    if (!idPath?.isIdentifier()) break;
    ids.unshift(asString(tools.evaluator.evaluate(file, idPath, env)));
    const site = via.find((s) => tools.sites.sitesOf(classPath.node).some((other) => other.path.node === s.path.node));
    if (!site) break;
    current = site.path;
    file = site.file;
  }
  return ids;
}

/** `lambda.Code.fromAsset(dir)` / `new lambda.AssetCode(dir)` → dir. */
function assetDirOf(tools: InfraTools, code: StaticValue, env: Env): string | undefined {
  if (code.kind !== 'unknown' || !code.path || !code.file) return undefined;
  const call = code.path;
  if (!call.isCallExpression() && !call.isNewExpression()) return undefined;
  const symbol = resolveCdkSymbol(tools.ctx.project, code.file, call.get('callee') as NodePath);
  if (!isSymbol(symbol, 'aws-lambda', 'Code.fromAsset', 'AssetCode.fromAsset', 'AssetCode', 'Code.asset')) return undefined;
  return asString(tools.evaluator.evaluate(code.file, (call.get('arguments') as NodePath[])[0], env));
}

interface ResolvedHandler {
  file?: string;
  exportName?: string;
  fromBuildOutput?: boolean;
  why?: string;
}

function baseDirs(tools: InfraTools, file: SourceFile, dir: string, cdkDirs: string[]): string[] {
  if (path.isAbsolute(dir)) return [dir];
  const roots = [...nearestFirst(cdkDirs, file.abs), path.dirname(file.abs), tools.ctx.project.root];
  return [...new Set(roots.map((root) => path.resolve(root, dir)))];
}

function nearestFirst(cdkDirs: string[], fileAbs: string): string[] {
  const containing = cdkDirs.filter((dir) => fileAbs.startsWith(dir + path.sep));
  return containing.sort((a, b) => b.length - a.length);
}

function resolveAssetHandler(tools: InfraTools, file: SourceFile, values: Evaluated, cdkDirs: string[]): ResolvedHandler {
  if (values.handler === undefined) return { why: 'its handler is not a literal string' };
  const split = splitHandlerString(values.handler);
  if (!split) return { why: `handler '${values.handler}' is not of the form file.export` };
  if (values.asset === undefined) return { why: 'its code is not Code.fromAsset with a path the scanner can evaluate' };
  const found = findHandlerSource(tools.ctx.project, baseDirs(tools, file, values.asset, cdkDirs), split.module);
  if (!found) return { why: `no ${split.module}.(ts|js|mjs|cjs) in the asset directory '${values.asset}'` };
  return { file: found.rel, exportName: split.exportName, fromBuildOutput: found.fromBuildOutput };
}

function resolveNodejsEntry(tools: InfraTools, file: SourceFile, values: Evaluated, cdkDirs: string[]): ResolvedHandler {
  const exportName = values.handler ? values.handler.slice(values.handler.lastIndexOf('.') + 1) : 'handler';
  if (values.entry === undefined) {
    // NodejsFunction's default entry: `<defining file>.<construct id>.ts` next to the defining file.
    const stem = path.basename(file.abs).replace(/\.[^.]+$/, '');
    if (values.innerId === undefined) return { why: 'it has no entry and its id is not a literal' };
    const found = findHandlerSource(tools.ctx.project, [path.dirname(file.abs)], `${stem}.${values.innerId}`);
    return found ? { file: found.rel, exportName } : { why: `it has no entry and the default ${stem}.${values.innerId}.ts does not exist` };
  }
  const entry = values.entry;
  const bases = path.isAbsolute(entry) ? [path.dirname(entry)] : baseDirs(tools, file, path.dirname(entry), cdkDirs);
  const found = findHandlerSource(tools.ctx.project, bases, path.basename(entry));
  if (!found) return { why: `its entry '${entry}' is not a file of the project` };
  return { file: found.rel, exportName, fromBuildOutput: found.fromBuildOutput };
}
