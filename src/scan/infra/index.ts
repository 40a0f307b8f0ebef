import type { InfrastructureFinding, ScanContext } from '../types';
import { findCdkInfrastructure } from './cdk/findCdkInfrastructure';
import { findServerlessInfrastructure } from './serverless/findServerlessInfrastructure';
import { findSstInfrastructure } from './sst/findSstInfrastructure';
import { getCallSiteIndex } from './static/callSites';
import { StaticEvaluator } from './static/evaluateStatic';
import { findTerraformInfrastructure } from './terraform/findTerraformInfrastructure';
import type { InfraDetection, InfraTools } from './types';

export type { ApiRoute, LambdaConstruct } from './types';
export { routesOf } from './types';

/** Tie-break order when two tools define the same number of functions. */
const PRECEDENCE: InfraDetection['kind'][] = ['cdk', 'sst', 'serverless', 'terraform'];

/**
 * The project's infrastructure: CDK, SST, Serverless Framework or Terraform, its files, each
 * Lambda function with the handler file it runs, and the API constructs. When several tools are
 * present the one that defines the most functions is primary and an info diagnostic names the others.
 */
export function findInfrastructure(ctx: ScanContext): InfrastructureFinding {
  const tools: InfraTools = { ctx, evaluator: new StaticEvaluator(ctx.project), sites: getCallSiteIndex(ctx.project) };
  const detections = [findCdkInfrastructure, findSstInfrastructure, findServerlessInfrastructure, findTerraformInfrastructure]
    .map((detect) => detect(tools))
    .filter((found): found is InfraDetection => Boolean(found));
  if (detections.length === 0) return { kind: 'none', files: [], constructs: [], apis: [] };

  const ranked = [...detections].sort(
    (a, b) => definedFunctions(b) - definedFunctions(a) || PRECEDENCE.indexOf(a.kind) - PRECEDENCE.indexOf(b.kind),
  );
  const [primary, ...others] = ranked;
  if (others.length > 0) {
    ctx.diagnostics.add({
      severity: 'info',
      code: 'multiple-infrastructure',
      file: primary.files[0] ?? '.',
      line: 1,
      message: `infrastructure is ${primary.kind} (it defines the Lambda functions); also found ${others
        .map((other) => `${other.kind} (${other.files.slice(0, 3).join(', ')})`)
        .join(', ')}`,
    });
  }
  // The primary's constructs come first so a handler run by two tools is tied to the primary's construct.
  return {
    kind: primary.kind,
    files: primary.files,
    constructs: ranked.flatMap((detection) => detection.constructs),
    apis: ranked.flatMap((detection) => detection.apis),
  };
}

function definedFunctions(detection: InfraDetection): number {
  return detection.constructs.filter((construct) => construct.handlerFile).length * 2 + detection.constructs.length;
}
