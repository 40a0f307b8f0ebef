import * as path from 'node:path';
import type { DataFile } from '../../types';
import { hasProjectSource, relativeToRoot } from '../resolveHandlerFile';
import type { InfraDetection, InfraTools } from '../types';
import { importsCdk } from './cdkSymbols';
import { findCdkApis } from './findCdkApis';
import { findCdkLambdas } from './findCdkLambdas';

/**
 * An AWS CDK app: cdk.json (and the app entry its `app` command runs), the files that import the
 * CDK (stacks, helper constructs, bin/), each Lambda construct with its handler file, and the API
 * constructs with the routes that reach each Lambda.
 */
export function findCdkInfrastructure(tools: InfraTools): InfraDetection | undefined {
  const { project } = tools.ctx;
  const cdkJsons = project.dataFiles.filter((file) => path.basename(file.rel) === 'cdk.json');
  const cdkFiles = project.sources.filter((file) => !isSstFile(file.rel, file.text) && importsCdk(file));
  if (cdkJsons.length === 0 && cdkFiles.length === 0) return undefined;

  const files = new Set<string>([...cdkJsons.map((file) => file.rel), ...cdkFiles.map((file) => file.rel)]);
  for (const cdkJson of cdkJsons) {
    const entry = appEntryOf(tools, cdkJson);
    if (entry) files.add(entry);
  }
  const cdkDirs = cdkJsons.map((file) => path.dirname(file.abs));
  const lambdaSites = findCdkLambdas(tools, cdkFiles, cdkDirs);
  const apis = findCdkApis(tools, cdkFiles, lambdaSites);
  return {
    kind: 'cdk',
    files: [...files].sort(),
    constructs: lambdaSites.flatMap((site) => site.constructs.map((c) => c.construct)),
    apis,
  };
}

/** The program cdk.json's `app` command runs (`npx ts-node --prefer-ts-exts bin/app.ts`), when it is a project file. */
function appEntryOf(tools: InfraTools, cdkJson: DataFile): string | undefined {
  const { project } = tools.ctx;
  let app: unknown;
  try {
    app = (JSON.parse(cdkJson.text) as { app?: unknown }).app;
  } catch {
    tools.ctx.diagnostics.add({ severity: 'warning', code: 'invalid-cdk-json', file: cdkJson.rel, line: 1, message: 'cdk.json is not valid JSON; the CDK app entry is unknown' });
    return undefined;
  }
  if (typeof app !== 'string') return undefined;
  for (const token of app.split(/\s+/)) {
    if (!/\.(ts|js|mjs|cjs|mts|cts)$/.test(token)) continue;
    const rel = relativeToRoot(project, path.resolve(path.dirname(cdkJson.abs), token));
    if (hasProjectSource(project, rel)) return rel;
    const asTs = rel.replace(/\.(m|c)?js$/, '.ts');
    if (hasProjectSource(project, asTs)) return asTs;
  }
  return undefined;
}

/** SST apps import CDK too; their files belong to the SST detection. */
export function isSstFile(rel: string, text: string): boolean {
  return /(^|\/)sst\.config\.(ts|js|mjs)$/.test(rel) || /from\s+['"]sst\/constructs['"]|require\(\s*['"]sst\/constructs['"]\s*\)/.test(text);
}
