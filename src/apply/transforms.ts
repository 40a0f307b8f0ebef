/**
 * The transforms apply knows, by name. A transform folder that is not there (not built yet) is
 * skipped, so new families register themselves by existing.
 */
import type { TransformDefinition } from './createTransform';
import type { RewriteStep } from './rewrite/rewriteFile';

const NAMES = ['memory-to-dynamodb', 'json-file-to-dynamodb', 'sqlite-to-dynamodb'] as const;

const STEP_ORDER = ['rewriteCallbackReads', 'rewriteCollections', 'retireStores', 'retireAccessors', 'propagateAsync', 'wrapExpressHandlers', 'removeUnusedBindings', 'addImports'];

export function listTransforms(): TransformDefinition[] {
  const found: TransformDefinition[] = [];
  for (const name of NAMES) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loaded = require(`../../transforms/${name}`) as { default?: { definition?: TransformDefinition } };
      if (loaded.default?.definition) found.push(loaded.default.definition);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND' || !String((error as Error).message).includes(name)) throw error;
    }
  }
  return found;
}

/** The transforms named (all when none), or an error naming the unknown ones. */
export function selectTransforms(names: string[] | undefined): TransformDefinition[] {
  const all = listTransforms();
  if (!names?.length) return all;
  // cdk-wire-table is the infrastructure step (see apply()), not a source rewrite
  const unknown = names.filter((name) => name !== INFRASTRUCTURE_TRANSFORM && !all.some((definition) => definition.name === name));
  if (unknown.length) {
    throw new Error(`unknown transform ${unknown.join(', ')}; available: ${[...all.map((definition) => definition.name), INFRASTRUCTURE_TRANSFORM].join(', ')}`);
  }
  return all.filter((definition) => names.includes(definition.name));
}

export const INFRASTRUCTURE_TRANSFORM = 'cdk-wire-table';

/** One rewrite per file with the steps of every selected transform, each step once, in order. */
export function combineTransforms(definitions: TransformDefinition[]): Pick<TransformDefinition, 'origins' | 'steps'> & { selectAll: boolean } {
  const steps: RewriteStep[] = [];
  for (const definition of definitions) for (const step of definition.steps) if (!steps.includes(step)) steps.push(step);
  // preparation first, then rewrites, then retiring old code, async, cleanup and imports; other steps keep their place
  const rank = (step: RewriteStep) => {
    const index = STEP_ORDER.indexOf(step.name);
    return index === -1 ? STEP_ORDER.indexOf('rewriteCollections') + 0.5 : index;
  };
  const ordered = steps.map((step, index) => ({ step, index })).sort((a, b) => rank(a.step) - rank(b.step) || a.index - b.index);
  return {
    origins: [...new Set(definitions.flatMap((definition) => definition.origins))],
    steps: ordered.map((item) => item.step),
    // a transform with no store origins (SQLite) finds its own call sites: every file is offered to it
    selectAll: definitions.some((definition) => definition.origins.length === 0),
  };
}
