/**
 * The checks of `verify`, each returning pass/fail/skip with its reason: type-check, cdk synth,
 * least-privilege audit of the synthesized IAM.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findCdkDir } from '../infra-step/applyInfrastructure';
import type { AccessModel } from '../model/access-model';
import type { TableDesign } from '../model/table-design';
import { auditLeastPrivilege } from '../stack/auditLeastPrivilege';
import type { CheckResult } from './checks';
import { mapFunctionsToHandlers } from './mapFunctionsToHandlers';
import { runCdkSynth, type SynthResult } from './synth';
import { checkJavaScriptSyntax, listJavaScriptFiles, typeCheckProject } from './typeCheck';

const display = (root: string, path: string) => relative(root, path).replace(/\\/g, '/') || '.';

/** `infrastructure/` when it is a CDK app, else the CDK app the scan found. */
export function findSynthDir(root: string, model: AccessModel | undefined): string | undefined {
  const generated = join(root, 'infrastructure');
  if (existsSync(join(generated, 'cdk.json'))) return generated;
  return model ? findCdkDir(root, model) : undefined;
}

export async function checkTypes(root: string, cdkDir: string | undefined): Promise<CheckResult[]> {
  const tsconfigs = [join(root, 'tsconfig.json'), ...(cdkDir ? [join(cdkDir, 'tsconfig.json')] : [])]
    .filter((file, index, all) => existsSync(file) && all.indexOf(file) === index);
  const results: CheckResult[] = [];
  for (const tsconfig of tsconfigs) {
    const name = `type-check ${display(root, tsconfig)}`;
    const outcome = await typeCheckProject(tsconfig, root);
    results.push(outcome.ok
      ? { name, status: 'pass', reason: 'tsc --noEmit found no errors' }
      : { name, status: 'fail', reason: 'tsc --noEmit reported errors', details: outcome.output.split('\n') });
  }
  if (!existsSync(join(root, 'tsconfig.json'))) {
    const files = listJavaScriptFiles(root);
    if (files.length > 0) {
      const failures = await checkJavaScriptSyntax(root, files);
      results.push(failures.length === 0
        ? { name: 'syntax-check', status: 'pass', reason: `node --check passed on ${files.length} JavaScript file(s)` }
        : { name: 'syntax-check', status: 'fail', reason: `node --check failed on ${failures.length} of ${files.length} file(s)`, details: failures });
    }
  }
  if (results.length === 0) results.push({ name: 'type-check', status: 'skip', reason: 'no tsconfig.json and no JavaScript files' });
  return results;
}

export async function checkSynth(root: string, cdkDir: string | undefined): Promise<{ check: CheckResult; synth?: SynthResult }> {
  if (!cdkDir) return { check: { name: 'cdk synth', status: 'skip', reason: 'no CDK app (no infrastructure/cdk.json and none found by scan)' } };
  const synth = await runCdkSynth(cdkDir);
  const where = display(root, cdkDir);
  if (!synth.ok) return { check: { name: 'cdk synth', status: 'fail', reason: `${where} did not synthesize`, details: (synth.error ?? '').split('\n') }, synth };
  const stacks = Object.keys(synth.templates);
  return { check: { name: 'cdk synth', status: 'pass', reason: `${where} synthesized ${stacks.length} stack(s): ${stacks.join(', ')} in ${(synth.durationMs / 1000).toFixed(1)} s` }, synth };
}

export function checkLeastPrivilege(synth: SynthResult | undefined, design: TableDesign, model: AccessModel | undefined): CheckResult {
  const name = 'least-privilege audit';
  if (!synth?.ok) return { name, status: 'skip', reason: 'needs a successful cdk synth' };
  const functions = model ? mapFunctionsToHandlers(synth.templates, model) : {};
  const audit = auditLeastPrivilege(synth.templates as never, design, { functions });
  const missing = audit.missing.map((grant) => `missing: ${grant.function} needs ${grant.action} on ${grant.table}${grant.on === 'index' ? ' indexes' : ''}`);
  if (!audit.ok) {
    return { name, status: 'fail', reason: `${audit.violations.length} IAM grant(s) broader than the handlers need`, details: [...audit.violations.map((violation) => `${violation.kind}: ${violation.message}`), ...missing] };
  }
  const mapped = Object.keys(functions).length;
  return {
    name,
    status: 'pass',
    reason: `every DynamoDB action granted is performed by the function's handler (${mapped} function(s) mapped by construct, others by Handler)`,
    details: missing.length > 0 ? missing : undefined,
  };
}
