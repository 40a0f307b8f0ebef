/**
 * The jscodeshift parser apply uses: @babel/parser with the scanner's plugins (so node offsets are
 * the same as the scan's and every scanned file parses) plus `tokens` for recast's reprinting.
 */
import { parse, type ParserPlugin } from '@babel/parser';
import jscodeshift, { type JSCodeshift } from 'jscodeshift';
import { installFastFind } from './rewrite/installFastFind';

const COMMON: ParserPlugin[] = [
  'jsx',
  'classProperties',
  'classPrivateProperties',
  'classPrivateMethods',
  'decorators-legacy',
  'dynamicImport',
  'importAttributes',
  'topLevelAwait',
  'objectRestSpread',
  'optionalChaining',
  'nullishCoalescingOperator',
];

export function createParser(filePath: string): { parse(source: string): unknown } {
  const typescript = /\.(ts|tsx|mts|cts)$/.test(filePath);
  const plugins: ParserPlugin[] = typescript ? ['typescript', ...COMMON] : [...COMMON];
  if (/\.(ts|mts|cts)$/.test(filePath)) plugins.splice(plugins.indexOf('jsx'), 1);
  return {
    parse(source: string) {
      return parse(source, {
        sourceType: 'unambiguous',
        allowReturnOutsideFunction: true,
        allowAwaitOutsideFunction: true,
        allowImportExportEverywhere: true,
        tokens: true,
        plugins,
      });
    },
  };
}

/** One API per parser configuration: it holds no per-file state, and src/emit caches snippet parses per API. */
const apis = new Map<string, JSCodeshift>();

/** A jscodeshift API bound to the right parser for this file (with the visitor-free `find`, same results). */
export function jscodeshiftFor(filePath: string): JSCodeshift {
  installFastFind();
  const kind = /\.(ts|mts|cts)$/.test(filePath) ? 'ts' : /\.tsx$/.test(filePath) ? 'tsx' : 'js';
  let api = apis.get(kind);
  if (!api) {
    api = jscodeshift.withParser(createParser(filePath) as unknown as Parameters<typeof jscodeshift.withParser>[0]);
    apis.set(kind, api);
  }
  return api;
}
