import { PassThrough } from 'node:stream';
import { createProgressLine } from '../../src/cli/progressLine';

function stream(tty: boolean): { out: PassThrough & { isTTY?: boolean }; text: () => string } {
  const out = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (tty) out.isTTY = true;
  let text = '';
  out.on('data', (chunk) => (text += chunk));
  return { out, text: () => text };
}

describe('createProgressLine', () => {
  it('redraws one line per whole percent on a terminal and clears it at the end', () => {
    const { out, text } = stream(true);
    const progress = createProgressLine(out, 'scan');
    for (let done = 1; done <= 400; done++) progress.count('parsed', done, 400);
    progress.step('call graph');
    progress.done();
    const frames = text().split('\r\x1b[K').filter(Boolean);
    expect(frames[0]).toBe('scan: parsed 1/400 files (0%)');
    expect(frames).toContain('scan: parsed 400/400 files (100%)');
    expect(frames.filter((frame) => frame.startsWith('scan: parsed')).length).toBe(101);
    expect(frames[frames.length - 1]).toBe('scan: call graph');
    expect(text().endsWith('\r\x1b[K')).toBe(true);
  });

  it('writes nothing when the stream is not a terminal', () => {
    const { out, text } = stream(false);
    const progress = createProgressLine(out, 'apply');
    progress.count('rewritten', 1, 2);
    progress.step('x');
    progress.done();
    expect(text()).toBe('');
  });
});
