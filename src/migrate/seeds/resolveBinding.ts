/** Identifiers to values: callback locals, module-level bindings (each evaluated once), imports and exports across modules. */
import type * as t from '@babel/types';
import { GLOBALS, getMember } from './builtins';
import { evaluate } from './evaluate';
import type { ModuleScope } from './moduleScope';
import { Closure, fail, ModuleNamespace, type Env, type EvalContext } from './values';

type Node = t.Node;

export function lookup(node: t.Identifier, env: Env, ctx: EvalContext): unknown {
  const name = node.name;
  for (let scope: Env | undefined = env; scope; scope = scope.parent) if (scope.vars.has(name)) return scope.vars.get(name);
  return lookupModuleBinding(env.module, name, node, env, ctx);
}

export function lookupModuleBinding(module: ModuleScope, name: string, node: Node, env: Env, ctx: EvalContext): unknown {
  const cached = module.values.get(name);
  if (cached?.state === 'done') return cached.value;
  if (cached?.state === 'evaluating') fail(node, env, `${name} is defined in terms of itself`);
  const binding = module.bindings.get(name);
  if (!binding) {
    if (name === 'undefined') return undefined;
    if (name in GLOBALS) return GLOBALS[name];
    return fail(node, env, `${name} is not defined in ${module.rel}`);
  }
  const moduleEnv: Env = { vars: new Map(), module };
  module.values.set(name, { state: 'evaluating' });
  try {
    let value: unknown;
    switch (binding.kind) {
      case 'var':
        value = evaluate(binding.init, moduleEnv, ctx);
        break;
      case 'function':
        value = new Closure(binding.node, moduleEnv);
        break;
      case 'assign':
        value = evaluate(binding.node.right, moduleEnv, ctx);
        break;
      case 'import':
        value = importBinding(binding.source, binding.imported, binding.node, moduleEnv, ctx);
        break;
      default:
        fail(binding.node, moduleEnv, `${name} is a class, not data`);
    }
    module.values.set(name, { state: 'done', value });
    return value;
  } catch (error) {
    module.values.delete(name);
    throw error;
  }
}

function importBinding(source: string, imported: string, node: Node, env: Env, ctx: EvalContext): unknown {
  const module = loadModule(source, node, env, ctx);
  if (imported === '*') return new ModuleNamespace(module);
  if (imported === 'module.exports') return moduleValue(module, node, env, ctx);
  return getExport(module, imported, node, env, ctx);
}

export function requireModule(source: string, node: Node, env: Env, ctx: EvalContext): unknown {
  return moduleValue(loadModule(source, node, env, ctx), node, env, ctx);
}

function loadModule(source: string, node: Node, env: Env, ctx: EvalContext): ModuleScope {
  const abs = ctx.loader.resolve(env.module.abs, source);
  const module = abs ? ctx.loader.load(abs) : undefined;
  return module ?? fail(node, env, `imports ${source}, which is ${abs ? 'not readable' : 'a package or a file that cannot be found'}`);
}

/** What `require()` returns: `module.exports` (CommonJS), the parsed JSON, or the module's namespace. */
function moduleValue(module: ModuleScope, node: Node, env: Env, ctx: EvalContext): unknown {
  if (module.json) return structuredClone(module.json.value);
  if (module.cjsExport) return evaluate(module.cjsExport, { vars: new Map(), module }, ctx);
  return new ModuleNamespace(module);
}

export function getExport(module: ModuleScope, name: string, node: Node, env: Env, ctx: EvalContext): unknown {
  const moduleEnv: Env = { vars: new Map(), module };
  if (module.json) {
    const value = structuredClone(module.json.value);
    return name === 'default' ? value : (value as Record<string, unknown>)?.[name];
  }
  const entry = module.exports.get(name);
  if (entry?.kind === 'local') return lookupModuleBinding(module, entry.name, node, moduleEnv, ctx);
  if (entry?.kind === 'expression') return evaluate(entry.node, moduleEnv, ctx);
  if (entry?.kind === 'reexport') return importBinding(entry.source, entry.imported, node, moduleEnv, ctx);
  if (module.cjsNamed.has(name)) return evaluate(module.cjsNamed.get(name), moduleEnv, ctx);
  if (module.cjsExport) {
    const value = evaluate(module.cjsExport, moduleEnv, ctx);
    return name === 'default' ? value : getMember(value, name, node, env, ctx);
  }
  for (const star of module.starExports) {
    const target = loadModule(star, node, moduleEnv, ctx);
    if (target.exports.has(name) || target.cjsNamed.has(name)) return getExport(target, name, node, env, ctx);
  }
  return fail(node, env, `${module.rel} has no export ${name}`);
}

