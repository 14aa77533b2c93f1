import { Writable } from 'node:stream';
import { startProgress } from './progress';

class Capture extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  columns = 120;
  override _write(chunk: Buffer, _: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('startProgress', () => {
  it('prints plain lines (count, rate, time left) when not a terminal: at the start, periodically and at the end', async () => {
    const stream = new Capture(false);
    const progress = startProgress('seed', 'cases', 400, { stream, lineIntervalMs: 30 });
    for (let done = 100; done <= 300; done += 100) {
      progress.update(done);
      await sleep(45);
    }
    progress.update(400);
    progress.stop();
    const lines = stream.text.split('\n').filter(Boolean);
    expect(stream.text).not.toMatch(/\x1b/); // no terminal control sequences
    expect(lines[0]).toMatch(/^seed: 0\/400 cases \(0%\), 0 cases\/s, .* left$/);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.some((l) => /^seed: (100|200|300)\/400 cases \(\d+%\), \d+ cases\/s, \d+s left$/.test(l))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/^seed: 400\/400 cases \(100%\), [1-9]\d* cases\/s, 0s left$/);
    expect(stream.text.endsWith('\n')).toBe(true);
  });

  it('draws a bar redrawn in place on a terminal', () => {
    const stream = new Capture(true);
    const progress = startProgress('rebuild', 'events', 10, { stream });
    progress.update(5);
    progress.stop();
    expect(stream.text).toMatch(/\x1b\[/); // cursor movement: redrawn in place
    expect(stream.text).toMatch(/rebuild [█░]+ 50% \| 5\/10 events \| \d+ events\/s \| .* left/);
  });

  it('takes a total that grows while it runs', () => {
    const stream = new Capture(false);
    const progress = startProgress('read models', 'events', 10, { stream });
    progress.update(15, 20);
    progress.stop();
    expect(stream.text.trim().split('\n').pop()).toMatch(/^read models: 15\/20 events \(75%\)/);
  });
});
