const fs = require('fs').promises;
const path = require('path');

const MEMBERS_FILE = path.join(__dirname, 'data', 'members.json');

async function readMembers() {
  const text = await fs.readFile(MEMBERS_FILE, 'utf-8');
  return JSON.parse(text);
}

async function writeMembers(members) {
  await fs.writeFile(MEMBERS_FILE, JSON.stringify(members, null, 2));
}

// filter out and save, nothing asked: one DeleteCommand
async function removeMember(id) {
  const members = await readMembers();
  const others = members.filter((member) => member.id !== id);
  await writeMembers(others);
}

// the read inline in the filter
async function dropMember(id) {
  const rest = (await readMembers()).filter((member) => member.id !== id);
  await writeMembers(rest);
}

// the filtered list saved directly
async function discardMember(id) {
  await writeMembers((await readMembers()).filter((member) => member.id !== id));
}

// reassigned, then saved
async function forgetMember(id) {
  let members = await readMembers();
  members = members.filter((member) => member.id !== id);
  await writeMembers(members);
}

// lengths compared: the answer says whether it existed (ALL_OLD)
async function deleteMember(id) {
  const members = await readMembers();
  const kept = members.filter((member) => member.id !== id);
  if (kept.length === members.length) return false;
  await writeMembers(kept);
  return true;
}

module.exports = { removeMember, dropMember, discardMember, forgetMember, deleteMember };
