import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { ProjectIndex, SourceFile, ValueOrigin } from '../../types';

/** A CDK library symbol: `aws-lambda` + `Function`, `core` + `Stack`, `aws-apigatewayv2` + `HttpApi`. */
export interface CdkSymbol {
  service: string;
  /** The symbol and any members taken from it: ['Code', 'fromAsset']. */
  members: string[];
}

/**
 * Reads the CDK symbol of a package origin, whatever the import style:
 * `aws-cdk-lib/aws-lambda` + Function, `aws-cdk-lib` + aws_lambda.Function, `@aws-cdk/aws-lambda`,
 * `aws-cdk-lib` + Stack (service `core`), `constructs` + Construct (service `constructs`).
 */
export function cdkSymbolOf(origin: ValueOrigin | undefined): CdkSymbol | undefined {
  if (origin?.kind !== 'package') return undefined;
  const { module, members } = origin;
  if (module === 'aws-cdk-lib' || module === '@aws-cdk/core' || module === 'monocdk') {
    if (members[0]?.startsWith('aws_')) return { service: members[0].replace(/_/g, '-'), members: members.slice(1) };
    return { service: 'core', members };
  }
  const lib = module.match(/^(?:aws-cdk-lib|monocdk)\/(.+)$/);
  if (lib) return { service: lib[1], members };
  const v1 = module.match(/^@aws-cdk\/(.+?)(?:-alpha)?$/);
  if (v1) return { service: v1[1], members };
  if (module === 'constructs') return { service: 'constructs', members };
  return undefined;
}

export function resolveCdkSymbol(project: ProjectIndex, file: SourceFile, path: NodePath): CdkSymbol | undefined {
  return cdkSymbolOf(project.resolveExpression(file, path));
}

export function isSymbol(symbol: CdkSymbol | undefined, service: string, ...names: string[]): boolean {
  return Boolean(symbol && symbol.service === service && names.includes(symbol.members.join('.')));
}

const CDK_MODULE = /^(aws-cdk-lib|monocdk|constructs)(\/|$)|^@aws-cdk\//;

/** Files that import the CDK (`aws-cdk-lib`, `@aws-cdk/*`, `constructs`): the infrastructure code. */
export function importsCdk(file: SourceFile): boolean {
  if (!/aws-cdk|constructs|monocdk/.test(file.text)) return false;
  for (const statement of file.program.node.body) {
    if (t.isImportDeclaration(statement) && CDK_MODULE.test(statement.source.value)) return true;
  }
  return /require\(\s*['"](aws-cdk-lib|@aws-cdk\/[^'"]+|constructs|monocdk)['"]\s*\)/.test(file.text);
}

export type ClassRole = 'stack' | 'construct' | 'other';

/** Whether a class is a Stack (or NestedStack/Stage) or another Construct, following project superclasses. */
export function classRole(project: ProjectIndex, file: SourceFile, classPath: NodePath<t.Class>, depth = 0): ClassRole {
  if (depth > 6) return 'other';
  const superClass = classPath.get('superClass') as NodePath;
  if (!superClass.node) return 'other';
  const origin = project.resolveExpression(file, superClass);
  const symbol = cdkSymbolOf(origin);
  if (symbol) {
    if (symbol.service === 'core' && ['Stack', 'NestedStack', 'Stage'].includes(symbol.members.join('.'))) return 'stack';
    if (symbol.service === 'aws-cloudformation' && symbol.members.join('.') === 'NestedStack') return 'stack';
    return 'construct';
  }
  if (origin?.kind === 'declaration' && origin.path.isClass()) return classRole(project, origin.file, origin.path, depth + 1);
  return 'other';
}
