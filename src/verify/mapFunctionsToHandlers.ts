/**
 * Which handler file each synthesized Lambda function runs, for the least-privilege audit: a
 * function whose construct path names the construct the scan linked to a handler
 * (handlers[].construct.name) runs that handler. Functions not mapped here are matched by the
 * audit itself from their `Handler` property.
 */
import type { AccessModel } from '../model/access-model';
import type { CloudFormationTemplate } from './synth';

export function mapFunctionsToHandlers(templates: Record<string, CloudFormationTemplate>, model: AccessModel): Record<string, string[]> {
  const byConstruct = new Map<string, Set<string>>();
  for (const handler of model.handlers ?? []) {
    if (!handler.construct) continue;
    const files = byConstruct.get(handler.construct.name) ?? new Set<string>();
    files.add(handler.file);
    byConstruct.set(handler.construct.name, files);
  }
  const functions: Record<string, string[]> = {};
  for (const template of Object.values(templates)) {
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const path = (resource.Metadata as { 'aws:cdk:path'?: string } | undefined)?.['aws:cdk:path'];
      const segments = (path ?? '').split('/');
      // The innermost named construct wins (a helper construct's own id, then its parents).
      const match = [...segments].reverse().find((segment) => byConstruct.has(segment));
      if (match) functions[path ? path.replace(/\/Resource$/, '') : logicalId] = [...byConstruct.get(match)!];
    }
  }
  return functions;
}
