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

// only a nested attribute changes: the item is still written back where the app saved it
async function setScore(id, score) {
  const members = await readMembers();
  const member = members.find((m) => m.id === id);
  if (!member) return false;
  member.team.score = score;
  await writeMembers(members);
  return true;
}

// a list inside the item grows in place
async function addBadge(id, badge) {
  const members = await readMembers();
  const member = members.find((m) => m.id === id);
  if (!member) return null;
  member.badges.push(badge);
  await writeMembers(members);
  return member;
}

module.exports = { setScore, addBadge };
