import * as path from 'node:path';
import type { DataFile } from '../../types';
import { findHandlerSource, splitHandlerString } from '../resolveHandlerFile';
import type { ApiFinding, InfraDetection, InfraTools, LambdaConstruct } from '../types';
import { hclString, parseHclBlocks, type HclBlock } from './parseHcl';

interface TfBlock extends HclBlock {
  file: DataFile;
}

const API_RESOURCES = new Set(['aws_apigatewayv2_api', 'aws_api_gateway_rest_api', 'aws_lambda_function_url']);

/**
 * Terraform: `aws_lambda_function` resources (handler + filename from a `data "archive_file"`
 * with `source_dir`/`source_file`) and the `terraform-aws-modules/lambda` module (`source_path`),
 * with `aws_apigatewayv2_route` route keys linked through their integration to the function.
 */
export function findTerraformInfrastructure(tools: InfraTools): InfraDetection | undefined {
  const tfFiles = tools.ctx.project.dataFiles.filter((file) => file.rel.endsWith('.tf'));
  if (tfFiles.length === 0) return undefined;
  const blocks: TfBlock[] = tfFiles.flatMap((file) => parseHclBlocks(file.text).map((block) => ({ ...block, file })));
  const usesLambda = blocks.some((block) => isLambdaResource(block) || isLambdaModule(block));
  if (!usesLambda && !blocks.some((block) => block.type === 'resource' && block.labels[0]?.startsWith('aws_'))) return undefined;

  const constructs = new Map<string, LambdaConstruct>();
  for (const block of blocks) {
    if (!isLambdaResource(block) && !isLambdaModule(block)) continue;
    const address = block.type === 'module' ? `module.${block.labels[0]}` : `${block.labels[0]}.${block.labels[1]}`;
    const construct: LambdaConstruct = { file: block.file.rel, line: block.line, name: address, routes: [] };
    const resolved = resolveHandler(tools, block, blocks);
    if (resolved.file) {
      construct.handlerFile = resolved.file;
      construct.handlerExport = resolved.exportName;
    } else {
      tools.ctx.diagnostics.add({
        severity: 'warning',
        code: 'unresolved-lambda-handler',
        file: block.file.rel,
        line: block.line,
        message: `${address}: ${resolved.why}`,
      });
    }
    constructs.set(address, construct);
  }
  linkRoutes(blocks, constructs);

  const apis: ApiFinding[] = blocks
    .filter((block) => block.type === 'resource' && API_RESOURCES.has(block.labels[0]))
    .map((block) => ({ file: block.file.rel, line: block.line, kind: block.labels[0], name: block.labels[1] ?? block.labels[0] }));
  return {
    kind: 'terraform',
    files: [...new Set(blocks.filter((b) => isLambdaResource(b) || isLambdaModule(b) || b.labels[0]?.startsWith('aws_')).map((b) => b.file.rel))].sort(),
    constructs: [...constructs.values()],
    apis,
  };
}

function isLambdaResource(block: HclBlock): boolean {
  return block.type === 'resource' && block.labels[0] === 'aws_lambda_function';
}

function isLambdaModule(block: HclBlock): boolean {
  const source = block.attributes.get('source') ?? '';
  return block.type === 'module' && /lambda/.test(source) && block.attributes.has('handler');
}

function varsFor(file: DataFile): Record<string, string> {
  const dir = path.dirname(file.abs);
  return { 'path.module': dir, 'path.root': dir, 'path.cwd': dir };
}

function resolveHandler(tools: InfraTools, block: TfBlock, blocks: TfBlock[]): { file?: string; exportName?: string; why?: string } {
  const vars = varsFor(block.file);
  const handler = hclString(block.attributes.get('handler'), vars);
  const split = handler ? splitHandlerString(handler) : undefined;
  if (!split) return { why: 'its handler is not a literal "file.export" string' };
  const tfDir = path.dirname(block.file.abs);
  const bases: string[] = [];
  const sourcePath = hclString(block.attributes.get('source_path'), vars);
  if (sourcePath) bases.push(path.resolve(tfDir, sourcePath));
  const archive = archiveFor(block, blocks);
  if (archive) {
    const archiveVars = varsFor(archive.file);
    const archiveDir = path.dirname(archive.file.abs);
    const sourceDir = hclString(archive.attributes.get('source_dir'), archiveVars);
    const sourceFile = hclString(archive.attributes.get('source_file'), archiveVars);
    if (sourceDir) bases.push(path.resolve(archiveDir, sourceDir));
    if (sourceFile) {
      const abs = path.resolve(archiveDir, sourceFile);
      // A single-file archive holds just that file: the handler module must be its name.
      if (path.basename(abs).replace(/\.[^.]+$/, '') === split.module) bases.push(path.dirname(abs));
    }
  }
  bases.push(tfDir);
  const found = findHandlerSource(tools.ctx.project, bases, split.module);
  if (!found) return { why: `no source file for handler "${handler}" (looked in ${bases.map((b) => path.relative(tools.ctx.project.root, b) || '.').join(', ')})` };
  return { file: found.rel, exportName: split.exportName };
}

/** The `data "archive_file"` a function's `filename` / `source_code_hash` points at (by reference or equal output_path). */
function archiveFor(block: TfBlock, blocks: TfBlock[]): TfBlock | undefined {
  const archives = blocks.filter((b) => b.type === 'data' && b.labels[0] === 'archive_file');
  for (const attribute of ['filename', 'source_code_hash']) {
    const raw = block.attributes.get(attribute) ?? '';
    const reference = /data\.archive_file\.([\w-]+)\./.exec(raw);
    if (reference) {
      const found = archives.find((archive) => archive.labels[1] === reference[1]);
      if (found) return found;
    }
  }
  const filename = hclString(block.attributes.get('filename'), varsFor(block.file));
  if (!filename) return undefined;
  const target = path.resolve(path.dirname(block.file.abs), filename);
  return archives.find((archive) => {
    const output = hclString(archive.attributes.get('output_path'), varsFor(archive.file));
    return output !== undefined && path.resolve(path.dirname(archive.file.abs), output) === target;
  });
}

/** aws_apigatewayv2_route (route_key, target = integrations/<integration>) → integration_uri → function. */
function linkRoutes(blocks: TfBlock[], constructs: Map<string, LambdaConstruct>): void {
  const integrations = new Map<string, string>();
  for (const block of blocks) {
    if (block.type !== 'resource' || block.labels[0] !== 'aws_apigatewayv2_integration') continue;
    const uri = block.attributes.get('integration_uri') ?? '';
    const fn = /(aws_lambda_function\.[\w-]+|module\.[\w-]+)\./.exec(uri);
    if (fn) integrations.set(block.labels[1], fn[1]);
  }
  for (const block of blocks) {
    if (block.type !== 'resource' || block.labels[0] !== 'aws_apigatewayv2_route') continue;
    const routeKey = hclString(block.attributes.get('route_key'), {});
    const target = /aws_apigatewayv2_integration\.([\w-]+)\./.exec(block.attributes.get('target') ?? '');
    const construct = target ? constructs.get(integrations.get(target[1]) ?? '') : undefined;
    const match = routeKey ? /^(\S+)\s+(\/\S*)$/.exec(routeKey) : null;
    if (!construct || !match) continue;
    construct.routes.push({ method: match[1].toUpperCase(), path: match[2] });
  }
}
