/** `.migration/infrastructure-<kind>.md`: what to add by hand for SST, Terraform or Serverless. */
import type { ManualInfrastructureGuide } from '../stack/describeManualInfrastructure';

export function renderManualGuide(guide: ManualInfrastructureGuide): string {
  return [
    `# DynamoDB tables to add to the ${guide.kind} configuration`,
    '',
    guide.message,
    '',
    '## Definitions',
    '',
    '```' + guide.snippetLanguage,
    guide.snippet.trimEnd(),
    '```',
    '',
    '## Reference: the same tables as a CDK stack',
    '',
    '```typescript',
    guide.reference.trimEnd(),
    '```',
    '',
  ].join('\n');
}
