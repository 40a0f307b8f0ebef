/**
 * dynalite has no TransactWriteItems. Left alone, the shared client would emulate it with single
 * writes through the counting proxy, and the cost report would count writes (and undo writes) that
 * AWS never receives. So the proxy answers a TransactWriteItems itself: it is counted once, as in
 * AWS, and carried out on dynalite action by action, each with its own condition; when a condition
 * fails the actions before it are undone (from their ALL_OLD images) and the answer is the
 * TransactionCanceledException DynamoDB sends, with CancellationReasons. Not isolated: verify
 * replays one request at a time. A ConditionCheck action is not carried out here (undefined: the
 * proxy forwards the request, and dynalite answers that it has no such operation).
 */
import * as http from 'node:http';

type AttributeValues = Record<string, unknown>;
type Action = { TableName: string; Key?: AttributeValues; Item?: AttributeValues; [name: string]: unknown };
export type EngineAnswer = { status: number; body: string };

const KINDS: Record<string, string> = { Put: 'PutItem', Delete: 'DeleteItem', Update: 'UpdateItem' };

/** One DynamoDB JSON request to the engine, with the app's own (unverified) signature headers. */
function send(endpoint: URL, headers: http.IncomingHttpHeaders, operation: string, input: unknown): Promise<EngineAnswer> {
  const body = JSON.stringify(input);
  const { 'content-length': _length, 'x-amz-target': _target, ...kept } = headers;
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: endpoint.hostname, port: endpoint.port, method: 'POST', path: '/', headers: { ...kept, 'x-amz-target': `DynamoDB_20120810.${operation}`, 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body) } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => resolve({ status: answer.statusCode ?? 500, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const errorType = (answer: EngineAnswer): string => String((JSON.parse(answer.body || '{}') as { __type?: string }).__type ?? '').split('#').pop()!;

export async function answerTransactWrite(endpoint: URL, headers: http.IncomingHttpHeaders, body: string): Promise<EngineAnswer | undefined> {
  let items: Record<string, Action | undefined>[];
  try {
    items = (JSON.parse(body) as { TransactItems?: Record<string, Action | undefined>[] }).TransactItems ?? [];
  } catch {
    return undefined;
  }
  const actions = items.map((item) => Object.entries(KINDS).map(([kind, operation]) => ({ operation, params: item[kind] })).find((action) => action.params));
  if (actions.length === 0 || actions.some((action) => !action)) return undefined;
  const keySchemas = new Map<string, string[]>();
  for (const action of actions) {
    const table = action!.params!.TableName;
    if (keySchemas.has(table)) continue;
    const described = await send(endpoint, headers, 'DescribeTable', { TableName: table });
    if (described.status !== 200) return described;
    const schema = (JSON.parse(described.body) as { Table?: { KeySchema?: { AttributeName: string }[] } }).Table?.KeySchema ?? [];
    keySchemas.set(table, schema.map((key) => key.AttributeName));
  }
  const targets = actions.map((action) => {
    const { operation, params } = action!;
    const source = params!.Key ?? params!.Item ?? {};
    const Key = Object.fromEntries(keySchemas.get(params!.TableName)!.map((name) => [name, source[name]]));
    return { operation, params: params!, Key };
  });
  if (new Set(targets.map((target) => JSON.stringify([target.params.TableName, target.Key]))).size < targets.length) {
    return { status: 400, body: JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ValidationException', message: 'Transaction request cannot include multiple operations on one item' }) };
  }
  const done: { TableName: string; Key: AttributeValues; old?: AttributeValues }[] = [];
  for (const [index, { operation, params, Key }] of targets.entries()) {
    const { ReturnValuesOnConditionCheckFailure: _ignored, ...input } = params;
    const answer = await send(endpoint, headers, operation, { ...input, ReturnValues: 'ALL_OLD' });
    if (answer.status === 200) {
      done.push({ TableName: params.TableName, Key, old: (JSON.parse(answer.body || '{}') as { Attributes?: AttributeValues }).Attributes });
      continue;
    }
    for (const { TableName, Key: key, old } of done.reverse()) {
      await (old ? send(endpoint, headers, 'PutItem', { TableName, Item: old }) : send(endpoint, headers, 'DeleteItem', { TableName, Key: key }));
    }
    if (errorType(answer) !== 'ConditionalCheckFailedException') return answer;
    const CancellationReasons = targets.map((_, i) => (i === index ? { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' } : { Code: 'None' }));
    const message = `Transaction cancelled, please refer cancellation reasons for specific reasons [${CancellationReasons.map((reason) => reason.Code).join(', ')}]`;
    return { status: 400, body: JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException', message, CancellationReasons }) };
  }
  return { status: 200, body: '{}' };
}
