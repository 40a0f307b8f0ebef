import type { AccessModel } from '../model/access-model';
import type { TableDesign } from '../model/table-design';
import { describeDecisions } from './describe-decisions';
import { GLOSSARY } from './explanations';
import { PLAN_SECTION_END, PLAN_SECTION_START, renderStatusLine, type PlanStatus } from './plan-markdown';
import { renderTableTree } from './render-table-tree';

/** The add-database section of `.migration/plan.md`, markers included. Deterministic: no dates. */
export function renderPlanSection(design: TableDesign, model: AccessModel, options: { status?: PlanStatus; notes?: string[] } = {}): string {
  const out: string[] = [];
  out.push(PLAN_SECTION_START, '## Add a DynamoDB database', '', renderStatusLine(options.status ?? 'pending'), '');
  out.push(
    'The design lives in `.migration/dynamodb.json`. You can edit it by hand (rename a table, change an env var, add or remove a GSI, set a TTL, set `"removalPolicy": "retain"`) and run `dynamodb-codemod plan` again: your edits are kept and what is new in the code is added. `handlers`, `accessPatterns` and `apiChanges` are recomputed from the code on every run.',
    '',
  );
  out.push('### DynamoDB in plain words', '', ...GLOSSARY.map((item) => `- **${item.term}**: ${item.text}`), '');
  out.push('### Tables', '', '```text', renderTableTree(design) || '(no tables: the scan found no stored data)', '```', '');
  out.push(...renderAccessPatterns(design));
  out.push('### Decisions', '', ...describeDecisions(design, model).map((line) => `- ${line}`), '');
  out.push('### API changes', '');
  const changes = design.apiChanges ?? [];
  out.push(...(changes.length ? changes.map((change) => `- ${change}`) : ['None: every endpoint keeps its requests and responses.']), '');
  out.push(...renderEnvironment(design, model));
  out.push(...renderGrants(design));
  if (options.notes?.length) out.push('### Left for you to check', '', ...options.notes.map((note) => `- ${note}`), '');
  out.push(PLAN_SECTION_END);
  return out.join('\n');
}

function renderAccessPatterns(design: TableDesign): string[] {
  const patterns = design.accessPatterns ?? [];
  const out = ['### Access patterns: the request each one becomes, and its cost', ''];
  if (!patterns.length) return [...out, 'The scan found no reads or writes.', ''];
  out.push(
    'Capacity is for one request on an average item, its size estimated from the fields. On-demand billing charges exactly these units: a read unit (RCU) reads up to 4 KB strongly consistent, or twice that eventually consistent (0.5 RCU per 4 KB); a write unit (WCU) writes up to 1 KB, and each GSI holding the item costs its own write units.',
    '',
    '| Access pattern | Handlers | Requests | Capacity |',
    '|---|---|---|---|',
  );
  for (const pattern of patterns) {
    const handlers = pattern.handlers.length ? pattern.handlers.map((handler) => `\`${handler}\``).join(', ') : '(outside handlers)';
    out.push(`| ${cell(pattern.description)}${pattern.scan ? ' ⚠ Scan' : ''} | ${cell(handlers)} | ${cell(pattern.requests.join(', then '))} | ${cell(pattern.cost)} |`);
  }
  out.push('');
  return out;
}

function renderEnvironment(design: TableDesign, model: AccessModel): string[] {
  const out = ['### Environment variables the app must set', '', '| Variable | Value |', '|---|---|'];
  for (const table of design.tables) out.push(`| \`${table.envVar}\` | name of table \`${table.name}\` |`);
  out.push('| `AWS_REGION` | region of the tables (with the usual AWS credentials) |');
  out.push('| `DYNAMODB_ENDPOINT` | optional: a local DynamoDB such as dynalite, e.g. `http://127.0.0.1:8000` |', '');
  out.push(
    model.infrastructure.kind === 'cdk' || model.handlers.some((handler) => handler.kind === 'lambda')
      ? 'On Lambda the stack sets the table variables on each function; set them yourself only to run handlers locally.'
      : 'A server reads them at start; for local runs each defaults to the table name shown.',
    '',
  );
  return out;
}

function renderGrants(design: TableDesign): string[] {
  if (!design.handlers.length) return [];
  const out = ['### DynamoDB actions each handler is allowed (least-privilege IAM)', '', '| Handler | Grants |', '|---|---|'];
  for (const handler of design.handlers) {
    const grants = (handler.grants ?? [{ table: handler.tables.join(', '), actions: handler.actions, indexes: handler.indexes }])
      .map((grant) => `${grant.actions.join(', ')} on \`${grant.table}\`${grant.indexes?.length ? ` and its indexes (${grant.indexes.join(', ')})` : ''}`)
      .join('; ');
    out.push(`| \`${cell(handler.id ?? `${handler.file}#${handler.handler ?? ''}`)}\` | ${cell(grants)} |`);
  }
  out.push('');
  return out;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
