const IRREGULAR: Record<string, string> = {
  people: 'person',
  children: 'child',
  men: 'man',
  women: 'woman',
  mice: 'mouse',
  geese: 'goose',
  data: 'data',
  news: 'news',
  series: 'series',
  species: 'species',
  status: 'status',
  analysis: 'analysis',
};

/** Plurals in -ies whose singular ends in -ie, not -y (`movies` → `movie`, not `movy`). */
const IE_SINGULARS = /(mov|cook|zomb|self|rook|brown|calor|goal|hood|smooth|freeb|gen|newb|pix|vegg|book|budg|group|tech|food|room|bird|prair|aunt|sort|eyr|^[tlpd])ies$/i;

/** Singular form of an English plural as it appears in code (`notes`, `categories`, `addresses`). */
export function singularize(word: string): string {
  const lower = word.toLowerCase();
  if (IRREGULAR[lower]) return matchCase(word, IRREGULAR[lower]);
  if (IE_SINGULARS.test(word)) return word.slice(0, -1);
  if (/[^aeiou]ies$/i.test(word)) return word.slice(0, -3) + (isUpper(word) ? 'Y' : 'y');
  if (/(ss|sh|ch|x|z|us)es$/i.test(word)) return word.slice(0, -2);
  if (/(us|ss|is)$/i.test(word)) return word;
  if (/s$/i.test(word) && word.length > 1) return word.slice(0, -1);
  return word;
}

/** Entity name for a collection: singular PascalCase (`order_items` → `OrderItem`, `userList` → `User`). */
export function toEntityName(collection: string): string {
  const cleaned = collection
    .replace(/^(all|the|my)(?=[A-Z_])/, '')
    .replace(/(List|Store|Db|DB|Data|Collection|Map|Cache|Table|Repo|Repository)$/, '');
  const base = cleaned.length > 0 ? cleaned : collection;
  const words = base
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  if (words.length === 0) return 'Item';
  words[words.length - 1] = singularize(words[words.length - 1]);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('');
}

function isUpper(word: string): boolean {
  return word === word.toUpperCase();
}

function matchCase(original: string, replacement: string): string {
  if (isUpper(original)) return replacement.toUpperCase();
  if (original[0] === original[0].toUpperCase()) return replacement[0].toUpperCase() + replacement.slice(1);
  return replacement;
}
