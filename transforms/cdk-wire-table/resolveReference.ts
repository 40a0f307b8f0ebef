/**
 * Resolves the callee of `new X(...)` or a super class to where it comes from:
 * `lambda.Function`, `cdk.aws_lambda.Function`, `{ aws_lambda as lambda }`, a named import, or a
 * class of this file.
 */
import type { ImportMap } from './readImports';

export type Reference =
  | { kind: 'module'; module: string; name: string }
  | { kind: 'local'; name: string };

interface ExpressionLike {
  type: string;
  name?: string;
  object?: ExpressionLike;
  property?: ExpressionLike;
  computed?: boolean;
  expression?: ExpressionLike;
}

/** `aws-cdk-lib` + `aws_lambda_nodejs` → `aws-cdk-lib/aws-lambda-nodejs`. */
function submodule(root: string, member: string): string | undefined {
  if (root === 'aws-cdk-lib' && /^aws_[a-z0-9_]+$/.test(member)) return `aws-cdk-lib/${member.replace(/_/g, '-')}`;
  return undefined;
}

/** The module a local name stands for when used as a namespace (`lambda.` in `lambda.Function`). */
function namespaceOf(name: string, imports: ImportMap): string | undefined {
  const binding = imports.get(name);
  if (!binding) return undefined;
  if (binding.imported === '*' || binding.imported === 'default') return binding.source;
  return submodule(binding.source, binding.imported);
}

export function resolveReference(expression: ExpressionLike | null | undefined, imports: ImportMap): Reference | undefined {
  if (!expression) return undefined;
  if (expression.type === 'TSAsExpression' || expression.type === 'TSNonNullExpression') return resolveReference(expression.expression, imports);
  if (expression.type === 'Identifier' && expression.name) {
    const binding = imports.get(expression.name);
    if (binding && binding.imported !== '*' && binding.imported !== 'default') return { kind: 'module', module: binding.source, name: binding.imported };
    if (binding) return { kind: 'module', module: binding.source, name: 'default' };
    return { kind: 'local', name: expression.name };
  }
  if (expression.type === 'MemberExpression' && !expression.computed && expression.property?.type === 'Identifier') {
    const name = expression.property.name!;
    const object = expression.object;
    if (object?.type === 'Identifier' && object.name) {
      const module = namespaceOf(object.name, imports);
      return module ? { kind: 'module', module, name } : undefined;
    }
    // cdk.aws_lambda.Function
    if (object?.type === 'MemberExpression' && object.object?.type === 'Identifier' && object.property?.type === 'Identifier') {
      const rootModule = namespaceOf(object.object.name!, imports);
      const module = rootModule ? submodule(rootModule, object.property.name!) : undefined;
      return module ? { kind: 'module', module, name } : undefined;
    }
  }
  return undefined;
}

export function isReferenceTo(reference: Reference | undefined, module: string, name: string): boolean {
  return reference?.kind === 'module' && reference.module === module && reference.name === name;
}
