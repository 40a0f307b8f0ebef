/**
 * A streaming JSON reader for data files of any size: it walks the text chunk by chunk, keeping
 * only the nesting stack, and hands out the elements of one collection (an array, or an object
 * keyed by id) one at a time, each parsed with JSON.parse on its own text. Memory stays at one
 * chunk plus one record, whatever the file size.
 */
import { createReadStream } from 'node:fs';

export interface JsonCollectionTarget {
  /** Property path of the collection: [] for the document itself, ['users'] for `{ "users": [...] }`. */
  members: string[];
  shape: 'array' | 'object';
}

export interface JsonElement {
  value: unknown;
  /** The property name for an element of an object keyed by id. */
  key?: string;
  /** 1-based line where the element starts. */
  line: number;
}

/** What a container at depth 0 or 1 holds: its type, how many children, whether they are all objects. */
export interface JsonContainerSummary {
  members: string[];
  type: 'array' | 'object';
  children: number;
  objectChildren: number;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

interface Frame {
  type: 'array' | 'object';
  /** Key of this container in its parent (kept for the first levels only). */
  key?: string;
  children: number;
  objectChildren: number;
  target: boolean;
}

const WHITESPACE = new Set([0x20, 0x0a, 0x0d, 0x09]);

/**
 * The scanner core. `feed` takes text chunks in order; elements of the target collection are
 * pushed to `out`, summaries of the shallow containers to `summaries`.
 */
class JsonScanner {
  readonly out: JsonElement[] = [];
  readonly summaries: JsonContainerSummary[] = [];
  private stack: Frame[] = [];
  private line = 1;
  private inString = false;
  private escape = false;
  private inScalar = false;
  private expectKey = false;
  private readingKey = false;
  private keyParts: string[] = [];
  private lastKey: string | undefined;
  private rootSeen = false;
  private capture: { parts: string[]; start: number; depth: number; key?: string; line: number } | undefined;

  constructor(private readonly target: JsonCollectionTarget | undefined) {}

  feed(chunk: string): void {
    let keyStart = this.readingKey ? 0 : -1;
    for (let i = 0; i < chunk.length; i += 1) {
      const code = chunk.charCodeAt(i);
      if (code === 0x0a) this.line += 1;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (code === 0x5c) this.escape = true;
        else if (code === 0x22) {
          this.inString = false;
          if (this.readingKey) {
            this.keyParts.push(chunk.slice(keyStart, i));
            this.lastKey = JSON.parse(`"${this.keyParts.join('')}"`) as string;
            this.keyParts = [];
            this.readingKey = false;
            keyStart = -1;
          } else this.endValue(chunk, i + 1);
        }
        continue;
      }
      if (this.inScalar) {
        if (code === 0x2c || code === 0x5d || code === 0x7d || WHITESPACE.has(code)) {
          this.inScalar = false;
          this.endValue(chunk, i);
        } else continue;
      }
      if (WHITESPACE.has(code)) continue;
      switch (code) {
        case 0x7b: // {
        case 0x5b: // [
          this.startValue(chunk, i, code === 0x7b ? 'object' : 'array');
          this.open(code === 0x7b ? 'object' : 'array');
          break;
        case 0x7d: // }
        case 0x5d: // ]
          this.close(code === 0x7d ? 'object' : 'array', chunk, i);
          break;
        case 0x22: // "
          if (this.expectKey) {
            this.expectKey = false;
            this.readingKey = true;
            this.inString = true;
            keyStart = i + 1;
          } else {
            this.startValue(chunk, i, 'string');
            this.inString = true;
          }
          break;
        case 0x3a: // :
          break;
        case 0x2c: // ,
          if (this.top?.type === 'object') this.expectKey = true;
          break;
        default:
          this.startValue(chunk, i, 'scalar');
          this.inScalar = true;
      }
    }
    if (this.readingKey) this.keyParts.push(chunk.slice(keyStart));
    if (this.capture) {
      this.capture.parts.push(chunk.slice(this.capture.start));
      this.capture.start = 0;
    }
  }

  /** Call after the last chunk. */
  finish(): void {
    if (this.inScalar) {
      this.inScalar = false;
      this.endValue('', 0);
    }
    if (this.inString || this.stack.length) throw new JsonSyntaxError('unexpected end of file (unclosed string, array or object)', this.line);
    if (!this.rootSeen) throw new JsonSyntaxError('the file holds no JSON value', this.line);
  }

  private get top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private startValue(chunk: string, index: number, type: 'object' | 'array' | 'string' | 'scalar'): void {
    const parent = this.top;
    if (!parent) {
      if (this.rootSeen) throw new JsonSyntaxError('more than one JSON value in the file', this.line);
      this.rootSeen = true;
      return;
    }
    if (parent.type === 'object' && this.lastKey === undefined) throw new JsonSyntaxError('a value without a property name', this.line);
    parent.children += 1;
    if (type === 'object') parent.objectChildren += 1;
    if (parent.target && !this.capture) {
      this.capture = { parts: [], start: index, depth: this.stack.length, line: this.line, ...(parent.type === 'object' ? { key: this.lastKey } : {}) };
    }
  }

  private endValue(chunk: string, end: number): void {
    const capture = this.capture;
    if (!capture || this.stack.length !== capture.depth) return;
    capture.parts.push(chunk.slice(capture.start, end));
    const text = capture.parts.join('');
    this.capture = undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new JsonSyntaxError((error as Error).message, capture.line);
    }
    this.out.push({ value, line: capture.line, ...(capture.key !== undefined ? { key: capture.key } : {}) });
  }

  private open(type: 'array' | 'object'): void {
    const depth = this.stack.length;
    const parent = this.top;
    const key = depth === 0 ? undefined : parent?.type === 'object' ? this.lastKey : String((parent?.children ?? 1) - 1);
    const frame: Frame = { type, children: 0, objectChildren: 0, target: false, ...(key !== undefined ? { key } : {}) };
    if (this.target && depth === this.target.members.length && type === this.target.shape && !this.capture) {
      frame.target = this.stack.every((item, index) => index === 0 || item.key === this.target!.members[index - 1]) && (depth === 0 || key === this.target.members[depth - 1]);
    }
    this.stack.push(frame);
    this.lastKey = undefined;
    this.expectKey = type === 'object';
  }

  /** A root member worth describing: an array, or an object whose every value is an object (keyed records). Capped. */
  private isCandidate(frame: Frame): boolean {
    if (this.summaries.length >= 1000) return false;
    return frame.type === 'array' || (frame.children > 0 && frame.objectChildren === frame.children);
  }

  private close(type: 'array' | 'object', chunk: string, index: number): void {
    const frame = this.stack.pop();
    if (!frame || frame.type !== type) throw new JsonSyntaxError(`unexpected ${type === 'array' ? ']' : '}'}`, this.line);
    if (this.stack.length === 0 || (this.stack.length === 1 && this.stack[0].type === 'object' && this.isCandidate(frame))) {
      this.summaries.push({ members: [...this.stack.slice(1).map((item) => item.key ?? ''), ...(frame.key !== undefined ? [frame.key] : [])], type, children: frame.children, objectChildren: frame.objectChildren });
    }
    this.expectKey = false;
    this.lastKey = this.top?.type === 'object' ? '' : undefined; // the object's next token is ',' or '}'
    this.endValue(chunk, index + 1);
  }
}

async function* readChunks(file: string): AsyncGenerator<string> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 });
  try {
    for await (const chunk of stream) yield chunk as string;
  } finally {
    stream.destroy();
  }
}

/** The elements of the collection at `target`, one at a time. */
export async function* streamJsonCollection(file: string, target: JsonCollectionTarget): AsyncGenerator<JsonElement> {
  const scanner = new JsonScanner(target);
  let first = true;
  for await (let chunk of readChunks(file)) {
    if (first && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1); // byte order mark
    first = false;
    scanner.feed(chunk);
    yield* scanner.out.splice(0);
  }
  scanner.finish();
  yield* scanner.out.splice(0);
}

/** Summaries of the document's containers at depth 0 and 1, in one pass that parses nothing else. */
export async function summariseJsonFile(file: string): Promise<JsonContainerSummary[]> {
  const scanner = new JsonScanner(undefined);
  let first = true;
  for await (let chunk of readChunks(file)) {
    if (first && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    first = false;
    scanner.feed(chunk);
  }
  scanner.finish();
  return scanner.summaries;
}
