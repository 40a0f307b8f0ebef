import type { DiagnosticRecord, HandlerRecord } from '../model/access-model';
import type { HandlerFinding, InfrastructureFinding } from './types';

export interface IdentifiedHandler {
  id: string;
  finding: HandlerFinding;
  record: HandlerRecord;
}

/**
 * Gives every handler its stable id (`GET /notes/:id`, `lambda/get.ts#handler`); a repeated id
 * (duplicate routes) gets ` (2)`, ` (3)` in source order. Lambda handlers are tied to the
 * construct that runs them.
 */
export function assignHandlerIds(findings: HandlerFinding[], infrastructure: InfrastructureFinding): IdentifiedHandler[] {
  const ordered = [...findings].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  const seen = new Map<string, number>();
  return ordered.map((finding) => {
    const baseId = baseIdOf(finding);
    const count = (seen.get(baseId) ?? 0) + 1;
    seen.set(baseId, count);
    const id = count === 1 ? baseId : `${baseId} (${count})`;
    const record: HandlerRecord = { id, file: finding.file, line: finding.line, kind: finding.kind };
    if (finding.method) record.method = finding.method;
    if (finding.path) record.path = finding.path;
    const construct = infrastructure.constructs.find(
      (c) => c.handlerFile === finding.file && (c.handlerExport ?? 'handler') === (finding.exportName ?? 'handler'),
    );
    if (construct && finding.kind === 'lambda') record.construct = { file: construct.file, line: construct.line, name: construct.name };
    return { id, finding, record };
  });
}

function baseIdOf(finding: HandlerFinding): string {
  if (finding.kind === 'lambda') return `${finding.file}#${finding.exportName ?? 'handler'}`;
  if (finding.method && finding.path) return `${finding.method.toUpperCase()} ${finding.path}`;
  return `${finding.file}:${finding.line}`;
}

/** A route registered twice: Express and Fastify run the first one, so the second is dead code (or a mistake). */
export function findDuplicateRoutes(handlers: IdentifiedHandler[]): DiagnosticRecord[] {
  const first = new Map<string, IdentifiedHandler>();
  const diagnostics: DiagnosticRecord[] = [];
  for (const handler of handlers) {
    const { kind, method, path } = handler.finding;
    if (kind === 'lambda' || !method || !path) continue;
    const key = `${method.toUpperCase()} ${path}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, handler);
      continue;
    }
    diagnostics.push({
      severity: 'warning',
      code: 'duplicate-route',
      file: handler.record.file,
      line: handler.record.line,
      message: `${key} is already defined at ${earlier.record.file}:${earlier.record.line}; only the first one runs — remove or rename this one (it is reported as "${handler.id}")`,
    });
  }
  return diagnostics;
}
