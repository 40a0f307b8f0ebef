/**
 * Optional `--accessModel=<scan --json output>`: when a function's handler file cannot be told
 * statically, the scanner may have linked it (handlers[].construct: file, line, construct id or
 * variable). Matched by file and name, so it still matches after earlier edits moved lines.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { AccessModel } from '../../src/model/access-model';
import type { HandlerSpec } from './resolveFunctionHandler';

export type AccessModelHints = (file: string, names: string[]) => HandlerSpec | undefined;

export function loadAccessModelHints(accessModelPath: string, root: string): AccessModelHints {
  let model: AccessModel;
  try {
    model = JSON.parse(readFileSync(resolve(accessModelPath), 'utf8')) as AccessModel;
  } catch (error) {
    throw new Error(`${accessModelPath}: cannot read the access model (${(error as Error).message})`);
  }
  const linked = (model.handlers ?? []).filter((handler) => handler.construct);
  return (file, names) => {
    const relativeFile = relative(root, file).replace(/\\/g, '/');
    const matches = linked.filter((handler) => handler.construct!.file === relativeFile && names.includes(handler.construct!.name));
    const files = new Set(matches.map((handler) => `${handler.file}#${handler.id.includes('#') ? handler.id.slice(handler.id.lastIndexOf('#') + 1) : ''}`));
    if (files.size !== 1) return undefined;
    const [handlerFile, exportName] = [...files][0].split('#');
    return { file: resolve(root, handlerFile), exportName: exportName || undefined };
  };
}
