import { ensureImports, relativeSpecifier, type ImportRequest } from './ensureImports';
import type { FileRewrite } from './FileRewrite';

const CLIENT_ORDER = ['db', 'scanAll', 'queryAll', 'countAll', 'nextId', 'updateParams', 'isConditionFailed', 'putUnique', 'updateUnique', 'deleteUnique', 'findByUnique', 'withDerived', 'withoutDerived'];

/** Imports for what the emitted code uses: SDK commands, the shared client's exports, Node built-ins. */
export function addImports(rewrite: FileRewrite): void {
  const commands: [string, string][] = [];
  const client: [string, string][] = [];
  for (const [exported, local] of rewrite.used) (exported.endsWith('Command') ? commands : client).push([exported, local]);
  if (!commands.length && !client.length && !rewrite.extraImports.size) return;
  const rank = (name: string) => (CLIENT_ORDER.includes(name) ? CLIENT_ORDER.indexOf(name) : CLIENT_ORDER.length);
  client.sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
  commands.sort((a, b) => a[0].localeCompare(b[0]));
  const requests: ImportRequest[] = [];
  for (const [module, names] of rewrite.extraImports) {
    requests.push({ module: /\.(ts|mts)$/.test(rewrite.rel) || /['"]node:/.test(rewrite.source) ? `node:${module}` : module, names: [...names] });
  }
  requests.push({ module: '@aws-sdk/lib-dynamodb', names: commands });
  requests.push({ module: relativeSpecifier(rewrite, rewrite.rel, rewrite.analysis.client.rel), names: client });
  ensureImports(rewrite, requests);
}
