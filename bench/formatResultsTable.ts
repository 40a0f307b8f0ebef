/** The readable table `npm run bench` prints from the results it writes to bench/results.json. */

interface PassLike {
  pass: string;
  files?: number;
  ms?: number;
  filesPerSecond?: number;
  peakRssMB?: number;
  workerPeakRssMB?: number[];
  failures?: number;
  error?: string;
}

interface MigrateLike {
  records: number;
  itemsPerSecond?: number;
  writeItemsPerSecond?: number;
  seconds?: number;
  peakRssMb?: number;
  baselineRssMb?: number;
  retainedHeapMb?: number;
  verified?: boolean;
  error?: string;
}

interface ResultsLike {
  date: string;
  migrateData?: MigrateLike[];
  machine: { cores: number; node: string };
  passes: Record<string, PassLike>;
  largeScan: PassLike;
  targets: Record<string, { met: boolean; actual?: number | null; actualMB?: number | null; target?: number; targetMB?: number }>;
}

export function formatResultsTable(results: ResultsLike): string {
  const floor = results.passes.floor?.filesPerSecond;
  const rows: string[][] = [['pass', 'files', 'time (s)', 'files/s', 'x floor', 'peak RSS (MB, main + workers)', 'failures']];
  const add = (label: string, p: PassLike | undefined) => {
    if (!p) return;
    if (p.error) return rows.push([label, '-', '-', '-', '-', '-', p.error]);
    const ratio = floor && p.filesPerSecond !== undefined ? (p.filesPerSecond / floor).toFixed(2) : '-';
    // a sharded scan's workers: main + each worker's own peak
    const peak = p.workerPeakRssMB?.length ? `${p.peakRssMB} + ${p.workerPeakRssMB.join(' + ')}` : String(p.peakRssMB);
    rows.push([label, String(p.files), ((p.ms ?? 0) / 1000).toFixed(1), String(p.filesPerSecond), ratio, peak, String(p.failures)]);
  };
  add('floor (jscodeshift no-op)', results.passes.floor);
  add('scan', results.passes.scan);
  add('apply --dry', results.passes.apply);
  add('scan, large codebase', results.largeScan);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const lines = rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const migrate = (results.migrateData ?? []).map((m) =>
    m.error
      ? `  ${m.records} records: ${m.error}`
      : `  ${m.records} records: ${m.itemsPerSecond} items/s end to end (write pass ${m.writeItemsPerSecond}/s), ${m.seconds} s, peak RSS ${m.peakRssMb} MB (baseline ${m.baselineRssMb} MB)${m.retainedHeapMb !== undefined ? `, live heap at most ${m.retainedHeapMb} MB` : ''}, verified ${m.verified}`,
  );
  const migrateBlock = migrate.length ? `\nmigrate-data into dynalite (SQLite source):\n${migrate.join('\n')}\n` : '';
  const targets = Object.entries(results.targets).map(([name, t]) => `  ${t.met ? 'MET    ' : 'NOT MET'}  ${name}: ${t.actual ?? t.actualMB ?? 'n/a'} (target ${t.target ?? `< ${t.targetMB} MB`})`);
  return `\nbenchmark ${results.date} · ${results.machine.cores} cores · node ${results.machine.node}\n\n${lines.join('\n')}\n${migrateBlock}\ntargets:\n${targets.join('\n')}\n`;
}
