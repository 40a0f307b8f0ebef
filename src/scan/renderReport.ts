import type { AccessModel, OperationRecord } from '../model/access-model';

/** The human scan report: entities, stores, operations per handler, infrastructure, diagnostics. */
export function renderReport(model: AccessModel, root: string): string {
  const out: string[] = [];
  const ops = model.operations;
  out.push(`dynamodb-codemod scan: ${root}`);
  out.push(
    `${model.stores.length} store(s), ${model.entities.length} entit${model.entities.length === 1 ? 'y' : 'ies'}, ` +
      `${new Set(ops.map((o) => `${o.file}:${o.line}:${o.op}`)).size} operation(s), ${model.handlers.length} handler(s), ` +
      `infrastructure: ${model.infrastructure.kind}`,
  );

  out.push('', 'Entities');
  if (model.entities.length === 0) out.push('  (none found)');
  for (const entity of model.entities) {
    const records = entity.records !== undefined ? `, ${entity.records} record(s)` : '';
    out.push(`  ${entity.name}  key ${entity.key.name} (${entity.key.type}), ids: ${entity.idStrategy}${records}`);
    if (entity.fields.length > 0) out.push(`    fields: ${entity.fields.map((f) => (f.type ? `${f.name}: ${f.type}` : f.name)).join(', ')}`);
    for (const relation of entity.relations) out.push(`    ${relation.field} → ${relation.entity}`);
  }

  out.push('', 'Stores');
  if (model.stores.length === 0) out.push('  (none found)');
  for (const store of model.stores) {
    out.push(`  ${store.kind.padEnd(20)} ${store.entity.padEnd(14)} ${store.file}:${store.line}${store.source ? `  (${store.source})` : ''}`);
  }

  out.push('', 'Operations by handler');
  const byHandler = new Map<string, OperationRecord[]>();
  for (const op of ops) {
    const key = op.handler ?? '';
    byHandler.set(key, [...(byHandler.get(key) ?? []), op]);
  }
  for (const handler of model.handlers) {
    const mine = byHandler.get(handler.id) ?? [];
    const where = `${handler.file}:${handler.line}`;
    const construct = handler.construct ? `  [${handler.construct.name}]` : '';
    out.push(`  ${handler.id}  (${handler.kind}, ${where})${construct}`);
    if (mine.length === 0) out.push('    no data access');
    for (const op of mine) out.push(`    ${describeOperation(op)}`);
  }
  const unattributed = byHandler.get('') ?? [];
  if (unattributed.length > 0) {
    out.push('  (not reached from any handler found)');
    for (const op of unattributed) out.push(`    ${describeOperation(op)}`);
  }
  if (model.handlers.length === 0 && unattributed.length === 0) out.push('  (none found)');

  out.push('', 'Infrastructure');
  out.push(`  ${model.infrastructure.kind}${model.infrastructure.files.length > 0 ? `: ${model.infrastructure.files.join(', ')}` : ''}`);

  const shown = model.diagnostics.filter((d) => d.severity !== 'info');
  const info = model.diagnostics.length - shown.length;
  out.push('', `Diagnostics (${shown.length}${info > 0 ? `, plus ${info} info — see --json` : ''})`);
  if (shown.length === 0) out.push('  none');
  for (const d of shown) out.push(`  ${d.file}:${d.line}  ${d.severity}  ${d.code}: ${d.message}`);
  return out.join('\n') + '\n';
}

function describeOperation(op: OperationRecord): string {
  const details: string[] = [];
  if (op.attributes && op.attributes.length > 0) details.push(`on ${op.attributes.join(', ')}`);
  if (op.order) details.push(op.order);
  if (op.pagination) details.push(`${op.pagination} pagination`);
  if (op.unique && op.unique.length > 0) details.push(`unique ${op.unique.join(', ')}`);
  if (op.match && op.match !== 'equals') details.push(`${op.match} match`);
  const detail = details.length > 0 ? ` (${details.join('; ')})` : '';
  return `${op.op.padEnd(14)} ${op.entity}${detail}  ${op.file}:${op.line}`;
}
