/** DynamoDB in plain words, for someone who has never used it. Shown before the questions and in plan.md. */
export const GLOSSARY: readonly { term: string; text: string }[] = [
  {
    term: 'Table',
    text: 'where items (records) live. Unlike SQL, DynamoDB does not let you ask any question of a table: you design the table around the questions your code asks.',
  },
  {
    term: 'Partition key',
    text: 'the attribute DynamoDB uses to find an item directly, like a locker number. Reading one item by its partition key (GetItem) is fast and cheap at any size. Here it is each entity\'s id, so reading by id stays one request.',
  },
  {
    term: 'Sort key',
    text: 'an optional second key that orders items sharing the same partition key, so "the comments of post 7, oldest first" is one request (Query) that reads only those items, already sorted.',
  },
  {
    term: 'Access pattern',
    text: 'one question your code asks of the data: "get a note by id", "list a user\'s todos, newest first". Each one must be answered by a key or an index; otherwise DynamoDB has to Scan, reading the whole table.',
  },
  {
    term: 'Global secondary index (GSI)',
    text: 'a second copy of the items, keyed by another attribute (for example email or postId), so you can Query by that attribute. DynamoDB keeps it up to date for you, but with a short delay: GSI reads are eventually consistent, so an item written a moment ago may be missing from a GSI query for a fraction of a second. Each GSI also costs its own writes.',
  },
  {
    term: 'TTL (time to live)',
    text: 'an attribute holding a time in epoch seconds; DynamoDB deletes the item for free some time after that moment, often within a few days but with no guarantee. Until then the item is still returned, so the code keeps filtering out expired items.',
  },
  {
    term: 'Pay-per-request (on-demand)',
    text: 'billing by the request: each read or write uses request units (a read unit covers 4 KB, a write unit 1 KB). No capacity to plan, nothing to pay when idle.',
  },
  {
    term: 'Point-in-time recovery (PITR)',
    text: 'continuous backups: you can restore the table to any second of the last 35 days. On for every table here.',
  },
  {
    term: 'Removal policy',
    text: 'what happens to the table when the stack is deleted. DESTROY (the default here, right for development) deletes the table and its data. RETAIN keeps the table and data; use it for production by setting "removalPolicy": "retain" in .migration/dynamodb.json.',
  },
];

/** The three terms the questions rely on, before they are asked. */
export function getQuestionPreamble(): string {
  const pick = ['Partition key', 'Sort key', 'Access pattern', 'Global secondary index (GSI)'];
  return [
    'Before a few questions, three ideas DynamoDB is built on:',
    '',
    ...GLOSSARY.filter((item) => pick.includes(item.term)).map((item) => `  ${item.term}: ${item.text}`),
    '',
  ].join('\n');
}
