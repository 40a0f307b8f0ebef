const { GetCommand, UpdateCommand } = require('@aws-sdk/lib-dynamodb');
const { db, updateParams, MEMBERS_TABLE_NAME } = require('./dynamodb');

// only a nested attribute changes: the item is still written back where the app saved it
async function setScore(id, score) {
  const { Item: member } = await db.send(new GetCommand({ TableName: MEMBERS_TABLE_NAME, Key: { id: id }, ConsistentRead: true }));
  if (!member) return false;
  member.team.score = score;
  await db.send(new UpdateCommand(updateParams(MEMBERS_TABLE_NAME, { id: id }, member)));
  return true;
}

// a list inside the item grows in place
async function addBadge(id, badge) {
  const { Item: member } = await db.send(new GetCommand({ TableName: MEMBERS_TABLE_NAME, Key: { id: id }, ConsistentRead: true }));
  if (!member) return null;
  member.badges.push(badge);
  await db.send(new UpdateCommand(updateParams(MEMBERS_TABLE_NAME, { id: id }, member)));
  return member;
}

module.exports = { setScore, addBadge };
