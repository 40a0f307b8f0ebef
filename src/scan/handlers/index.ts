import { getCallSiteIndex } from '../infra/static/callSites';
import { StaticEvaluator } from '../infra/static/evaluateStatic';
import type { HandlerFinding, InfrastructureFinding, ScanContext } from '../types';
import { findLambdaHandlers } from './findLambdaHandlers';
import { findRoutes } from './findRoutes';

/**
 * Every entry point of the app: Express and Fastify routes with their full paths, and Lambda
 * handlers (named by the infrastructure, or recognised by their `event` parameter).
 */
export function findHandlers(ctx: ScanContext, infra: InfrastructureFinding): HandlerFinding[] {
  const evaluator = new StaticEvaluator(ctx.project);
  const routes = findRoutes(ctx, evaluator, getCallSiteIndex(ctx.project));
  const lambdas = findLambdaHandlers(ctx, infra, routes.routeFiles);
  return [...routes.handlers, ...lambdas];
}
