import type { EntityRecord, OperationRecord, StoreRecord } from '../../../src/model/access-model';
import { jsonFileFamily } from '../../../src/scan/json-file';
import { memoryFamily } from '../../../src/scan/memory';
import { mergeEntityEvidence } from '../../../src/scan/mergeEntityEvidence';
import { typeScriptEntityEvidence } from '../../../src/scan/typescript-types';
import { makeContext, type TestContext } from '../../support/scanProject';

export interface Analysis {
  ctx: TestContext;
  stores: StoreRecord[];
  /** Operations without handlers (recogniser specs test the recognisers, not attribution). */
  ops: OperationRecord[];
  entities: EntityRecord[];
  /** `op Entity file:line` lines, sorted, for compact assertions. */
  summary: string[];
  entity(name: string): EntityRecord;
}

/** Runs the in-memory and JSON-file families (and TS type evidence) on an in-memory project. */
export function analyseProject(files: Record<string, string>): Analysis {
  const ctx = makeContext(files);
  const families = [memoryFamily, jsonFileFamily];
  const findings = families.flatMap((family) => family.findStores(ctx));
  const ops: OperationRecord[] = families
    .flatMap((family) => family.findOperations(ctx, findings))
    .map(({ sourceFile, path, ...rest }) => ({ ...rest, file: sourceFile.rel, line: ctx.project.lineOf(path) }) as OperationRecord);
  const evidence = [...families.flatMap((family) => family.findEntityEvidence(ctx, findings)), ...typeScriptEntityEvidence(ctx, findings)];
  const stores: StoreRecord[] = findings.map(({ anchors: _anchors, ...record }) => record);
  const entities = mergeEntityEvidence(evidence, stores, ops);
  const summary = ops
    .map((o) => {
      const extras = [
        o.attributes ? `[${o.attributes.join(',')}]` : '',
        o.order ?? '',
        o.pagination ?? '',
        o.unique ? `unique:${o.unique.join(',')}` : '',
      ].filter(Boolean);
      return `${o.op} ${o.entity} ${o.file}:${o.line}${extras.length ? ' ' + extras.join(' ') : ''}`;
    })
    .sort();
  return {
    ctx,
    stores,
    ops,
    entities,
    summary,
    entity(name) {
      const found = entities.find((e) => e.name === name);
      if (!found) throw new Error(`no entity ${name}; have ${entities.map((e) => e.name).join(', ')}`);
      return found;
    },
  };
}

/** Line number of the first line containing `text` in a source. */
export function lineOf(source: string, text: string): number {
  const index = source.split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`no line with ${text}`);
  return index + 1;
}
