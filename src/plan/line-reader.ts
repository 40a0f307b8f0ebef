import * as readline from 'node:readline';

/**
 * Reads answers line by line from any stream (a TTY or a test's PassThrough). Lines that arrive
 * before they are asked for are queued, so piped input is never lost; end of input answers null.
 */
export interface LineReader {
  next(): Promise<string | null>;
  close(): void;
}

export function createLineReader(input: NodeJS.ReadableStream): LineReader {
  const queued: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let ended = false;
  const rl = readline.createInterface({ input, terminal: false, crlfDelay: Infinity });
  rl.on('line', (line) => {
    const resolve = waiting.shift();
    if (resolve) resolve(line);
    else queued.push(line);
  });
  rl.on('close', () => {
    ended = true;
    for (const resolve of waiting.splice(0)) resolve(null);
  });
  return {
    next() {
      if (queued.length) return Promise.resolve(queued.shift()!);
      if (ended) return Promise.resolve(null);
      return new Promise((resolve) => waiting.push(resolve));
    },
    close() {
      rl.close();
    },
  };
}
