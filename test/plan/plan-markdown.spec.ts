import { derivePlan } from '../../src/plan/derive-plan';
import {
  getPlanSectionStatus,
  markPlanSectionComplete,
  PLAN_SECTION_END,
  PLAN_SECTION_START,
  setPlanSectionStatus,
  upsertPlanSection,
} from '../../src/plan/plan-markdown';
import { renderPlanSection } from '../../src/plan/render-plan-section';
import { blogModel, lambdaModel, ordersModel, todosModel } from './models';

const OTHER_BEFORE = '# Migration plan\r\n\r\n<!-- other-tool:start -->\r\n## Upgrade Node\r\nStatus: done  \r\n<!-- other-tool:end -->\r\n\r\n';
const OTHER_AFTER = '\n## Notes by hand\n\n- keep   two spaces  \n- émoji ✓\n';

describe('plan.md add-database section', () => {
  it('creates the file with the section when there is none', () => {
    const section = renderPlanSection(derivePlan(todosModel()), todosModel());
    const file = upsertPlanSection(undefined, section);
    expect(file.startsWith('# Migration plan\n\n<!-- dynamodb-codemod:add-database:start -->\n## Add a DynamoDB database\n\n**Status: pending**')).toBe(true);
    expect(file.endsWith(`${PLAN_SECTION_END}\n`)).toBe(true);
  });

  it('replaces only the section: every other byte of the file is kept', () => {
    const first = renderPlanSection(derivePlan(todosModel()), todosModel());
    const second = renderPlanSection(derivePlan(todosModel(), { idStrategy: 'uuid' }), todosModel());
    const original = `${OTHER_BEFORE}${first}${OTHER_AFTER}`;
    const updated = upsertPlanSection(original, second);
    expect(updated).toBe(`${OTHER_BEFORE}${second}${OTHER_AFTER}`);
    expect(updated).not.toBe(original);
  });

  it('appends the section to a plan written by someone else', () => {
    const section = renderPlanSection(derivePlan(todosModel()), todosModel());
    expect(upsertPlanSection('# Plan\n\nStep one.', section)).toBe(`# Plan\n\nStep one.\n\n${section}\n`);
    expect(upsertPlanSection('# Plan\n', section)).toBe(`# Plan\n\n${section}\n`);
  });

  it('marks the step complete, and a re-plan with no change keeps it complete; a change makes it pending', () => {
    const section = renderPlanSection(derivePlan(todosModel()), todosModel());
    const pending = upsertPlanSection(`${OTHER_BEFORE}`, section);
    expect(getPlanSectionStatus(pending)).toBe('pending');
    const complete = markPlanSectionComplete(pending);
    expect(getPlanSectionStatus(complete)).toBe('complete');
    expect(complete.replace('**Status: complete** — `dynamodb-codemod apply` and `dynamodb-codemod verify` passed.', '')).toBe(
      pending.replace('**Status: pending** — complete once `dynamodb-codemod apply` and `dynamodb-codemod verify` pass.', ''),
    );
    expect(upsertPlanSection(complete, section)).toBe(complete);
    const changed = renderPlanSection(derivePlan(todosModel(), { gsi: ['Todo.title'] }), todosModel());
    expect(getPlanSectionStatus(upsertPlanSection(complete, changed))).toBe('pending');
    expect(setPlanSectionStatus(complete, 'pending')).toBe(pending);
    expect(markPlanSectionComplete('# no section\n')).toBe('# no section\n');
  });

  it('explains the words, shows the tree, the cost of each access pattern, API changes and env vars', () => {
    const model = ordersModel();
    const section = renderPlanSection(derivePlan(model), model);
    for (const term of ['Partition key', 'Sort key', 'Access pattern', 'Global secondary index (GSI)', 'eventually consistent', 'TTL (time to live)', 'Pay-per-request', 'Point-in-time recovery', 'Removal policy', 'DESTROY', 'RETAIN']) {
      expect(section).toContain(term);
    }
    expect(section).toContain('```text\nOrders  (env ORDERS_TABLE_NAME)\n├─ partition key: id (number)');
    expect(section).toMatch(/\| list all Orders, newest createdAt first, one page at a time \| `GET \/orders` \| Query Orders index itemType-createdAt-index \| 0\.5 RCU per 4 KB read/);
    expect(section).toMatch(/\| get an Order by id \| `GET \/orders\/:id` \| GetItem Orders \| 1 RCU \(GetItem, strongly consistent/);
    expect(section).toContain('### API changes\n\n- GET /orders: offset/page pagination stays as it is after apply (no change for clients), but each page reads every matching item');
    expect(section).toContain('Recommended follow-up, an API change: cursor pagination');
    expect(section).toContain('| `ORDERS_TABLE_NAME` | name of table `Orders` |');
    expect(section).toContain('| `COUNTERS_TABLE_NAME` | name of table `Counters` |');
    expect(section.startsWith(PLAN_SECTION_START)).toBe(true);
  });

  it('says when nothing changes for clients, warns about Scans and tells Lambda apps the stack sets the env vars', () => {
    const model = lambdaModel();
    const section = renderPlanSection(derivePlan(model), model);
    expect(section).toContain('None: every endpoint keeps its requests and responses.');
    expect(section).toContain('"list all Notes" reads the whole table on every call');
    expect(section).toContain('On Lambda the stack sets the table variables on each function');
    expect(section).toContain('| `lambda/createNote.ts#handler` | UpdateItem on `Counters`; PutItem on `Notes` |');
  });

  it('describes joins and the cascade in plain words', () => {
    const model = blogModel();
    const section = renderPlanSection(derivePlan(model), model);
    expect(section).toContain('**Deleting a Post deletes its Comments**');
    expect(section).toContain('BatchWriteItem deletes in chunks of 25');
    expect(section).toContain('**Post → User** (Post.userId)');
  });
});
