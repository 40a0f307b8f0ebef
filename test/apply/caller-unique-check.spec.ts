/**
 * A uniqueness check in the caller of the create (service → repository): the scan counts it, so
 * the plan guards the attribute and grants the create no read of it. apply must then drop the
 * caller's check and answer a failed guard claim with the caller's own conflict branch. Run for
 * real: the migrated service registers on dynalite, eight racing sign-ups of one email give one
 * user and seven ConflictErrors, and no request reads the Users table to look the email up.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeChanges } from '../../src/apply';
import type { TableDesign } from '../../src/model/table-design';
import { createTables, startLocalDynamo, type LocalDynamo } from './support/local-dynamodb';
import { planAndApply } from './support/plan-and-apply';

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'svc', version: '1.0.0', main: 'src/app.js', dependencies: { express: '^4.19.2' } }),
  'src/userRepository.js': `const { randomUUID } = require('crypto');

const users = [];

function findByEmail(email) {
  return users.find((user) => user.email === email);
}

function findById(id) {
  return users.find((user) => user.id === id);
}

function create(data) {
  const user = { id: randomUUID(), name: data.name, email: data.email };
  users.push(user);
  return user;
}

module.exports = { findByEmail, findById, create };
`,
  'src/userService.js': `const repository = require('./userRepository');

class ConflictError extends Error {}

function register(data) {
  if (repository.findByEmail(data.email)) {
    throw new ConflictError(\`Email \${data.email} is taken\`);
  }
  const user = repository.create(data);
  return user;
}

module.exports = { register, ConflictError, getUser: (id) => repository.findById(id) };
`,
  'src/app.js': `const express = require('express');
const service = require('./userService');

const app = express();
app.use(express.json());

app.post('/users', (req, res) => {
  try {
    res.status(201).json(service.register(req.body));
  } catch (error) {
    if (error instanceof service.ConflictError) return res.status(409).json({ error: error.message });
    throw error;
  }
});

app.get('/users/:id', (req, res) => {
  const user = service.getUser(req.params.id);
  if (!user) return res.status(404).json({ error: 'not found' });
  res.json(user);
});

app.listen(process.env.PORT || 3000);
`,
};

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('a uniqueness check in the caller of the create', () => {
  let dir: string;
  let local: LocalDynamo | undefined;
  const savedEndpoint = process.env.DYNAMODB_ENDPOINT;
  afterAll(async () => {
    await local?.stop();
    if (savedEndpoint === undefined) delete process.env.DYNAMODB_ENDPOINT;
    else process.env.DYNAMODB_ENDPOINT = savedEndpoint;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('goes: the repository claims the guard, the caller answers a taken email with its own ConflictError, race-free', async () => {
    const project = await planAndApply('caller-unique-', FILES);
    dir = project.dir;
    const { result } = project;
    expect(result.todos).toEqual([]);
    const service = result.changes.find((change) => change.rel === 'src/userService.js')!.after;
    expect(service).not.toContain('findByEmail');
    // blank lines are the layout step's business (issue 5 formatting), not this one's
    expect(service.replace(/\n\s*\n/g, '\n')).toContain(`async function register(data) {
  let user;
  try {
    user = await repository.create(data);
  } catch (putError) {
    if (isConditionFailed(putError)) {
      throw new ConflictError(\`Email \${data.email} is taken\`);
    }
    throw putError;
  }
  return user;
}`);
    expect(result.changes.find((change) => change.rel === 'src/userRepository.js')!.after).toContain('await putUnique({ TableName: USERS_TABLE_NAME, Item: user });');

    writeChanges(dir, result.changes);
    const design = JSON.parse(fs.readFileSync(path.join(dir, '.migration', 'dynamodb.json'), 'utf8')) as TableDesign;
    local = await startLocalDynamo();
    await createTables(local, design);
    process.env.DYNAMODB_ENDPOINT = local.endpoint;
    /* eslint-disable @typescript-eslint/no-require-imports */
    const client = require(path.join(dir, 'src', 'dynamodb.js'));
    const migrated = require(path.join(dir, 'src', 'userService.js'));
    /* eslint-enable @typescript-eslint/no-require-imports */
    const sent: string[] = [];
    const send = client.db.send.bind(client.db);
    client.db.send = (command: { constructor: { name: string }; input: { TableName?: string } }) => {
      sent.push(`${command.constructor.name} ${command.input.TableName ?? ''}`.trim());
      return send(command);
    };
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, n) => migrated.register({ name: `Ada ${n}`, email: 'ada@example.com' })));
    const created = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const conflicts = outcomes.filter((outcome) => outcome.status === 'rejected' && outcome.reason instanceof migrated.ConflictError);
    expect({ created: created.length, conflicts: conflicts.length }).toEqual({ created: 1, conflicts: 7 });
    expect((conflicts[0] as PromiseRejectedResult).reason.message).toBe('Email ada@example.com is taken');
    expect(sent.filter((call) => /^(ScanCommand|QueryCommand|GetCommand) Users$/.test(call))).toEqual([]);
    const user = (created[0] as PromiseFulfilledResult<{ id: string }>).value;
    expect(await migrated.getUser(user.id)).toEqual(user);
  });
});
