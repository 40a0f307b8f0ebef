/**
 * Names for types the wiring writes: `ITable` (reusing `dynamodb.ITable` when the file already
 * imports the module, else adding `import type { ITable }`) and the props type of a stack.
 */
import type { FileContext } from './fileContext';

const DYNAMODB = 'aws-cdk-lib/aws-dynamodb';

/** How this file can name a type exported by `module`, registering an import when needed. */
export function typeReference(context: FileContext, module: string, name: string, kind: 'type' | 'value' = 'type'): string {
  for (const [local, binding] of context.module.imports) {
    if (binding.source === module && binding.imported === name) return local;
  }
  for (const [local, binding] of context.module.imports) {
    if (binding.source === module && binding.imported === '*') return `${local}.${name}`;
    if (module.startsWith('aws-cdk-lib/') && binding.source === 'aws-cdk-lib') {
      const submodule = module.slice('aws-cdk-lib/'.length).replace(/-/g, '_');
      if (binding.imported === submodule) return `${local}.${name}`;
    }
  }
  let local = name;
  const taken = (candidate: string) => context.module.imports.has(candidate) && context.module.imports.get(candidate)!.source !== module;
  if (taken(local)) local = `Dynamo${name}`;
  const wanted = context.valueImports.get(local) ?? context.typeImports.get(local);
  if (!wanted) (kind === 'type' ? context.typeImports : context.valueImports).set(local, { module, imported: name });
  else if (kind === 'value' && context.typeImports.has(local)) {
    context.typeImports.delete(local);
    context.valueImports.set(local, { module, imported: name });
  }
  return local;
}

export function policyStatementReference(context: FileContext): string {
  return typeReference(context, 'aws-cdk-lib/aws-iam', 'PolicyStatement', 'value');
}

export function tableTypeReference(context: FileContext): string {
  return typeReference(context, DYNAMODB, 'ITable');
}
