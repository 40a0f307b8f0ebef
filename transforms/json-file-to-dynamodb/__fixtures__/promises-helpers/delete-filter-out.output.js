const { DeleteCommand } = require('@aws-sdk/lib-dynamodb');
const { db, MEMBERS_TABLE_NAME } = require('./dynamodb');

// filter out and save, nothing asked: one DeleteCommand
async function removeMember(id) {
  await db.send(new DeleteCommand({ TableName: MEMBERS_TABLE_NAME, Key: { id: id } }));
}

// the read inline in the filter
async function dropMember(id) {
  await db.send(new DeleteCommand({ TableName: MEMBERS_TABLE_NAME, Key: { id: id } }));
}

// the filtered list saved directly
async function discardMember(id) {
  await db.send(new DeleteCommand({ TableName: MEMBERS_TABLE_NAME, Key: { id: id } }));
}

// reassigned, then saved
async function forgetMember(id) {
  await db.send(new DeleteCommand({ TableName: MEMBERS_TABLE_NAME, Key: { id: id } }));
}

// lengths compared: the answer says whether it existed (ALL_OLD)
async function deleteMember(id) {
  const { Attributes: deletedMember } = await db.send(new DeleteCommand({ TableName: MEMBERS_TABLE_NAME, Key: { id: id }, ReturnValues: 'ALL_OLD' }));
  if (!deletedMember) return false;
  return true;
}

module.exports = { removeMember, dropMember, discardMember, forgetMember, deleteMember };
