import type { AccessModel } from '../model/access-model';

/** A deterministic order for every list of the model, so the same code gives byte-identical JSON. */
export function sortModel(model: AccessModel): AccessModel {
  return {
    version: 1,
    stores: [...model.stores].sort((a, b) => compare(a.id, b.id)),
    entities: [...model.entities].sort((a, b) => compare(a.name, b.name)),
    operations: dedupeOperations(model.operations).sort(
      (a, b) =>
        compare(a.file, b.file) ||
        a.line - b.line ||
        compare(a.op, b.op) ||
        compare(a.entity, b.entity) ||
        compare(a.store, b.store) ||
        compare(a.handler ?? '', b.handler ?? '') ||
        compare(a.match ?? '', b.match ?? ''),
    ),
    handlers: [...model.handlers].sort((a, b) => compare(a.file, b.file) || a.line - b.line || compare(a.id, b.id)),
    infrastructure: { kind: model.infrastructure.kind, files: [...new Set(model.infrastructure.files)].sort(compare) },
    diagnostics: dedupeDiagnostics(model.diagnostics).sort(
      (a, b) => compare(a.file, b.file) || a.line - b.line || compare(a.code, b.code) || compare(a.message, b.message),
    ),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function dedupeOperations(operations: AccessModel['operations']): AccessModel['operations'] {
  const seen = new Set<string>();
  return operations.filter((op) => {
    const key = JSON.stringify(op);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dedupeDiagnostics(diagnostics: AccessModel['diagnostics']): AccessModel['diagnostics'] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}:${d.line}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
