// A terminal progress bar for long CLI work, drawn on stderr so --json stdout stays clean.
// Redraws at most every 100 ms; a no-op when stderr is not a terminal.
export interface ProgressUpdate {
  label: string;
  done: number;
  total: number;
}

export function createProgressBar(enabled: boolean, stream: NodeJS.WriteStream = process.stderr) {
  let last = 0;
  const startedAt = Date.now();
  return {
    update({ label, done, total }: ProgressUpdate) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const ratio = total > 0 ? Math.min(1, done / total) : 0;
      const width = 30;
      const filled = Math.round(ratio * width);
      const elapsed = (now - startedAt) / 1000;
      const eta = ratio > 0 && ratio < 1 ? Math.round((elapsed / ratio) * (1 - ratio)) : 0;
      const line = `${label.padEnd(16).slice(0, 16)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('fr-FR')}/${total.toLocaleString('fr-FR')}${eta ? ` ETA ${eta}s` : ''}`;
      stream.write(`\r${line}\x1b[K`);
    },
    finish() {
      if (enabled) stream.write('\n');
    },
  };
}
