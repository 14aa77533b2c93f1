import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  /** The work done so far (and the total, when it grew). */
  update(done: number, total?: number): void;
  /** Draws the last state and ends the bar (or prints the last line). */
  stop(): void;
}

export interface ProgressOptions {
  /** Default: standard error, so that standard output keeps only the results. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** How often a plain line is printed when the stream is not a terminal (default 2 s). */
  lineIntervalMs?: number;
}

/**
 * Progress of long work (cli-progress): count, rate and time left. On a terminal a bar redrawn in
 * place; otherwise (a log, a pipe, CI) one plain line at the start, every `lineIntervalMs` and at
 * the end.
 */
export function startProgress(label: string, unit: string, total: number, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = stream.isTTY === true;
  const format = tty
    ? `${label} {bar} {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | {eta_formatted} left`
    : `${label}: {value}/{total} ${unit} ({percentage}%), {rate} ${unit}/s, {eta_formatted} left`;
  const bar = new SingleBar(
    {
      format,
      stream: stream as NodeJS.WriteStream,
      noTTYOutput: true,
      notTTYSchedule: options.lineIntervalMs ?? 2_000,
      etaBuffer: 50,
      hideCursor: tty,
      gracefulExit: false,
      clearOnComplete: !tty, // not a terminal: no empty line after the last one
    },
    Presets.shades_classic,
  );
  const started = Date.now();
  const rate = (done: number) => Math.round(done / Math.max((Date.now() - started) / 1000, 0.001));
  bar.start(Math.max(total, 1), 0, { rate: 0 });
  let last = 0;
  return {
    update(done, newTotal) {
      last = done;
      if (newTotal !== undefined) bar.setTotal(Math.max(newTotal, 1));
      bar.update(done, { rate: rate(done) });
    },
    stop() {
      bar.update(last, { rate: rate(last) });
      bar.stop();
    },
  };
}
