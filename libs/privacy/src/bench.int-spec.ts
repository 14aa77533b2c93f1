import { formatPrivacyBench, privacyBench } from './bench';

describe('privacyBench', () => {
  it('measures sealing, revealing and the SQLite key store, and formats every figure', async () => {
    const result = await privacyBench({ events: 200, keys: 5 });
    const figures = [result.sealMicros, result.revealMicros, result.jsonRoundTripMicros, ...Object.values(result.keyStore)];
    expect(figures.every((x) => Number.isFinite(x) && x > 0)).toBe(true);
    const lines = formatPrivacyBench(result).join('\n');
    expect(lines).toContain(`seal ${result.sealMicros.toFixed(1)} µs/event`);
    expect(lines).toContain(`create ${result.keyStore.createMicros.toFixed(1)} µs/key`);
  });
});
