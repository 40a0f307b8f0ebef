const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN', 'SET', 'REMOVE', 'ADD', 'DELETE']);

/**
 * The attribute names a DynamoDB expression mentions (KeyConditionExpression, FilterExpression,
 * UpdateExpression, ConditionExpression): `#t = :t AND begins_with(sk, :p)` → [title, sk] with
 * `#t` looked up in ExpressionAttributeNames. Function names, keywords and `:values` are skipped;
 * document paths keep their top-level attribute (`address.city` → address).
 */
export function attributesOfExpression(expression: string, names: Record<string, string> = {}): string[] {
  const found: string[] = [];
  const token = /(:[A-Za-z0-9_]+)|(#?[A-Za-z_][A-Za-z0-9_]*)(\s*\()?/g;
  let match: RegExpExecArray | null;
  while ((match = token.exec(expression))) {
    if (match[1] || match[3]) continue; // a :value, or a function call name
    const raw = match[2];
    if (KEYWORDS.has(raw.toUpperCase()) && !raw.startsWith('#')) continue;
    // Skip the rest of a document path (`a.b`, `a[0].b`): only the top-level attribute matters.
    const before = expression[match.index - 1];
    if (before === '.') continue;
    const name = raw.startsWith('#') ? names[raw] : raw;
    if (name && !found.includes(name)) found.push(name);
  }
  return found;
}

/** The attributes an UpdateExpression writes or removes: the targets of SET/REMOVE/ADD/DELETE clauses. */
export function updatedAttributes(expression: string, names: Record<string, string> = {}): string[] {
  const targets: string[] = [];
  const clauses = expression.split(/\b(SET|REMOVE|ADD|DELETE)\b/i);
  for (let i = 1; i < clauses.length; i += 2) {
    const action = clauses[i].toUpperCase();
    const body = clauses[i + 1] ?? '';
    for (const part of splitTopLevel(body)) {
      const target = action === 'SET' ? part.split('=')[0] : part.trim().split(/\s+/)[0];
      for (const name of attributesOfExpression(target ?? '', names)) if (!targets.includes(name)) targets.push(name);
    }
  }
  return targets;
}

/** Splits on commas outside parentheses (`list_append(a, :b)` stays whole). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((part) => part.trim().length > 0);
}
