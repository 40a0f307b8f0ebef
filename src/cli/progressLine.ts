/**
 * One self-rewriting status line on a terminal's stderr ("scan: parsed 1200/20000 files"), so a
 * long run on a large repository shows it is moving. Writes nothing when stderr is not a TTY
 * (pipes, CI logs, --json consumers), and never touches stdout.
 */
export interface ProgressLine {
  /** Files (or other units) done out of total, under a label. */
  count(label: string, done: number, total: number): void;
  /** A step without a count ("scan: call graph"). */
  step(label: string): void;
  /** Clears the line (call before printing results). */
  done(): void;
}

export function createProgressLine(stream: NodeJS.WritableStream, prefix: string): ProgressLine {
  const tty = Boolean((stream as NodeJS.WriteStream).isTTY);
  let shown = false;
  let lastPercent = -1;
  const show = (text: string) => {
    stream.write(`\r\x1b[K${prefix}: ${text}`);
    shown = true;
  };
  return {
    count(label, done, total) {
      if (!tty) return;
      // Redraw at each whole percent (and at the end), not at every file.
      const percent = total > 0 ? Math.floor((done * 100) / total) : 100;
      if (percent === lastPercent && done !== total) return;
      lastPercent = percent;
      show(`${label} ${done}/${total} files (${percent}%)`);
    },
    step(label) {
      if (!tty) return;
      lastPercent = -1;
      show(label);
    },
    done() {
      if (tty && shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
