import type { AccessModel } from '../model/access-model';
import type { TableDesign } from '../model/table-design';
import { applyChoices, emptyChoices, isAttributeType, type PlanChoices } from './apply-choices';
import { completeDesign } from './complete-design';
import { getAttributeTypes } from './design-lookup';
import { getQuestionPreamble } from './explanations';
import { findServingIndex } from './index-resolver';
import { createLineReader, type LineReader } from './line-reader';
import { PlanUsageError } from './plan-errors';
import { renderTableTree } from './render-table-tree';

export interface QuestionStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

const MAX_TRIES = 20; // a script piping garbage must not loop forever

/**
 * The add-database questions: explains the keys, shows the proposed tables, then asks whether
 * they capture all the data, which lookups besides by-id the app needs, and which data is
 * temporary. Every answer is applied at once (and re-asked when it cannot be), and the returned
 * choices are what `plan` keeps on top of the derived design.
 */
export async function askPlanQuestions(design: TableDesign, model: AccessModel, streams: QuestionStreams): Promise<{ design: TableDesign; choices: PlanChoices }> {
  const say = (text: string) => streams.output.write(`${text}\n`);
  const reader = createLineReader(streams.input);
  const choices = emptyChoices();
  let current = design;
  try {
    say(getQuestionPreamble());
    say('Proposed tables:\n');
    say(renderTableTree(completeDesign(current, model)));
    say('');

    await askUntilBlank(reader, streams, '1. Does this capture all your data? Press Enter if it does, or name what is missing: an entity (Tag), an attribute (Note.colour, or Note.colour:number).', (answer) => {
      const next = emptyChoices();
      for (const item of splitAnswer(answer)) parseDataItem(item, current, model, next);
      if (!next.newEntities.length && !next.newAttributes.length) return `${answer} is already in the design. Anything else missing? (Enter to continue)`;
      current = applyChoices(current, model, next);
      choices.newEntities.push(...next.newEntities);
      choices.newAttributes.push(...next.newAttributes);
      return `Added ${[...next.newEntities, ...next.newAttributes.map((item) => `${item.entity}.${item.attribute} (${item.type})`)].join(', ')}. Anything else missing? (Enter to continue)`;
    });

    const known = describeKnownLookups(current, model);
    const hints = suggestLookups(current, model);
    await askUntilBlank(
      reader,
      streams,
      `2. Which lookups does your app need besides by id (by user, date, category…)? ${known ? `Already planned: ${known}. ` : ''}Answer Entity.attribute, or Entity.attribute:sortAttribute for sorted results${hints ? ` (e.g. ${hints})` : ''}; several separated by commas; Enter for none.`,
      (answer) => {
        const next = emptyChoices();
        for (const item of splitAnswer(answer)) {
          const match = /^([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)(?::([A-Za-z_$][\w$]*))?$/.exec(item);
          if (!match) throw new PlanUsageError(`"${item}": expected Entity.attribute or Entity.attribute:sortAttribute`);
          next.gsi.push({ entity: match[1], attribute: match[2], ...(match[3] ? { sort: match[3] } : {}) });
        }
        current = applyChoices(current, model, next);
        choices.gsi.push(...next.gsi);
        return `Added ${next.gsi.length === 1 ? 'an index' : 'indexes'} for ${next.gsi.map((item) => `${item.entity}.${item.attribute}${item.sort ? ` sorted by ${item.sort}` : ''}`).join(', ')}. Any other lookup? (Enter to continue)`;
      },
    );

    const ttl = current.tables.filter((table) => table.ttlAttribute).map((table) => `${table.name}.${table.ttlAttribute}`);
    await askUntilBlank(
      reader,
      streams,
      `3. Is any data temporary, deleted after some time (sessions, tokens, carts)? ${ttl.length ? `Already expiring: ${ttl.join(', ')}. ` : ''}Name the attribute holding its expiry time as Entity.attribute; Enter for none.`,
      (answer) => {
        const next = emptyChoices();
        for (const item of splitAnswer(answer)) {
          const match = /^([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)$/.exec(item);
          if (!match) throw new PlanUsageError(`"${item}": expected Entity.attribute (e.g. Session.expiresAt)`);
          next.ttl.push({ entity: match[1], attribute: match[2] });
        }
        current = applyChoices(current, model, next);
        choices.ttl.push(...next.ttl);
        return `TTL set on ${next.ttl.map((item) => `${item.entity}.${item.attribute}`).join(', ')}. Anything else temporary? (Enter to continue)`;
      },
    );

    if (current !== design) {
      say('\nUpdated tables:\n');
      say(renderTableTree(completeDesign(current, model)));
      say('');
    }
    return { design: current, choices };
  } finally {
    reader.close();
  }
}

/** Asks until a blank answer (or end of input); a bad answer prints why and asks again. */
async function askUntilBlank(reader: LineReader, streams: QuestionStreams, question: string, apply: (answer: string) => string): Promise<void> {
  let prompt = question;
  for (let tries = 0; tries < MAX_TRIES; tries += 1) {
    streams.output.write(`${prompt}\n> `);
    const answer = await reader.next();
    streams.output.write(answer === null ? '\n' : '');
    if (answer === null || !answer.trim()) return;
    try {
      prompt = apply(answer.trim());
    } catch (error) {
      if (!(error instanceof PlanUsageError)) throw error;
      prompt = `${error.message.replace(/^--[a-z-]+ /, '')}\nTry again, or press Enter to skip.`; // answers are not flags
    }
  }
}

function splitAnswer(answer: string): string[] {
  return answer
    .split(/[,\s]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** `Tag` → new entity; `Note.colour[:type]` → new attribute (and a new entity when Note is unknown). */
function parseDataItem(item: string, design: TableDesign, model: AccessModel, choices: PlanChoices): void {
  const entityOnly = /^([A-Z][A-Za-z0-9]*)$/.exec(item);
  if (entityOnly) {
    if (!design.entities[entityOnly[1]]) choices.newEntities.push(entityOnly[1]);
    return;
  }
  const match = /^([A-Z][A-Za-z0-9]*)\.([A-Za-z_$][\w$]*)(?::([a-z]+))?$/.exec(item);
  if (!match) throw new PlanUsageError(`"${item}": name an entity (Tag) or an attribute (Note.colour or Note.colour:number)`);
  const type = match[3] ?? 'string';
  if (!isAttributeType(type)) throw new PlanUsageError(`"${item}": type "${type}" is not one of string, number, boolean, date, object, array`);
  if (design.entities[match[1]] && match[2] in getAttributeTypes(design, model, match[1])) return;
  if (!design.entities[match[1]] && !choices.newEntities.includes(match[1])) choices.newEntities.push(match[1]);
  choices.newAttributes.push({ entity: match[1], attribute: match[2], type });
}

function describeKnownLookups(design: TableDesign, model: AccessModel): string {
  const items: string[] = [];
  for (const [name, entity] of Object.entries(design.entities)) {
    for (const unique of entity.uniqueAttributes ?? []) if (unique.lookup === 'guard') items.push(`${name} by ${unique.attribute} (guard item)`);
    for (const attribute of Object.keys(getAttributeTypes(design, model, name))) {
      const index = findServingIndex(design, name, attribute);
      if (index && !design.entities[name].derivedAttributes?.some((item) => item.name === attribute)) items.push(`${name} by ${attribute} (GSI ${index.name})`);
    }
  }
  return items.join(', ');
}

/** Attributes that look like lookups (foreign keys, categories, dates) and have no index yet. */
function suggestLookups(design: TableDesign, model: AccessModel): string {
  const hints: string[] = [];
  for (const name of Object.keys(design.entities)) {
    const types = getAttributeTypes(design, model, name);
    for (const [attribute, type] of Object.entries(types)) {
      if (attribute === design.entities[name].idAttribute?.name || type === 'object' || type === 'array') continue;
      if (!/(Id|category|status|type|tag|date|At)$/i.test(attribute) || findServingIndex(design, name, attribute)) continue;
      if (design.entities[name].derivedAttributes?.some((item) => item.name === attribute)) continue;
      hints.push(`${name}.${attribute}`);
    }
  }
  return hints.slice(0, 3).join(', ');
}
