const { PutCommand } = require('@aws-sdk/lib-dynamodb');
const { db, scanAll, nextId, COUNTERS_TABLE_NAME, MEMBERS_TABLE_NAME } = require('./dynamodb');

// the id from a helper given the whole list: the counter makes it, the helper and its read go
async function addMember(data) {
  const member = { id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Member' }), ...data };
  await db.send(new PutCommand({ TableName: MEMBERS_TABLE_NAME, Item: member }));
  return member;
}

// the highest id plus one, computed inline: it goes too
async function enrolMember(data) {
  const member = { id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Member' }), ...data };
  await db.send(new PutCommand({ TableName: MEMBERS_TABLE_NAME, Item: member }));
  return member;
}

// the count plus one
async function registerMember(data) {
  await db.send(new PutCommand({ TableName: MEMBERS_TABLE_NAME, Item: { id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Member' }), name: data.name } }));
  return true;
}

// the computed id also answered: the variable takes the counter's id, so the caller gets the stored id
async function signUpMember(data) {
  const next = await nextId(COUNTERS_TABLE_NAME, { counter: 'Member' });
  await db.send(new PutCommand({ TableName: MEMBERS_TABLE_NAME, Item: { id: next, name: data.name } }));
  return next;
}

let issued = 0;

// a helper that does more than read (it counts what it issued): the call stays
function issueMemberId(members) {
  issued += 1;
  return members.length + issued;
}

async function admitMember(data) {
  const ticket = issueMemberId((await scanAll({ TableName: MEMBERS_TABLE_NAME })).sort((a, b) => a.id - b.id));
  const member = { id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Member' }), ...data };
  await db.send(new PutCommand({ TableName: MEMBERS_TABLE_NAME, Item: member }));
  return member;
}

module.exports = { addMember, enrolMember, registerMember, signUpMember, admitMember, issued };
