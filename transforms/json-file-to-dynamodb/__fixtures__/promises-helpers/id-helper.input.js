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

function nextMemberId(members) {
  const last = members[members.length - 1];
  return last.id + 1;
}

// the id from a helper given the whole list: the counter makes it, the helper and its read go
async function addMember(data) {
  const members = await readMembers();
  const newId = nextMemberId(members);
  const member = { id: newId, ...data };
  members.push(member);
  await writeMembers(members);
  return member;
}

// the highest id plus one, computed inline: it goes too
async function enrolMember(data) {
  const members = await readMembers();
  const highest = Math.max(...members.map((member) => member.id)) + 1;
  const member = { id: highest, ...data };
  members.push(member);
  await writeMembers(members);
  return member;
}

// the count plus one
async function registerMember(data) {
  const members = await readMembers();
  const count = members.length + 1;
  members.push({ id: count, name: data.name });
  await writeMembers(members);
  return true;
}

// the computed id also answered: the variable takes the counter's id, so the caller gets the stored id
async function signUpMember(data) {
  const members = await readMembers();
  const next = members.length + 1;
  members.push({ id: next, name: data.name });
  await writeMembers(members);
  return next;
}

let issued = 0;

// a helper that does more than read (it counts what it issued): the call stays
function issueMemberId(members) {
  issued += 1;
  return members.length + issued;
}

async function admitMember(data) {
  const members = await readMembers();
  const ticket = issueMemberId(members);
  const member = { id: ticket, ...data };
  members.push(member);
  await writeMembers(members);
  return member;
}

module.exports = { addMember, enrolMember, registerMember, signUpMember, admitMember, issued };
