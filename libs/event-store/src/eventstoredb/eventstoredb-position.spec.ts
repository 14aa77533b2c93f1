import { decodeEsdbPosition, encodeEsdbPosition } from './eventstoredb-event-store';

describe('EventStoreDB $all positions as one bigint', () => {
  const positions = [
    { commit: 0n, prepare: 0n },
    { commit: 100n, prepare: 100n },
    // one explicit transaction: a shared commit position, prepares in order
    { commit: 500n, prepare: 200n },
    { commit: 500n, prepare: 300n },
    { commit: 500n, prepare: 400n },
    { commit: 501n, prepare: 501n },
    { commit: (1n << 64n) - 2n, prepare: (1n << 64n) - 1n },
  ];

  it('round-trips exactly, so a subscription resumes from the very same position', () => {
    for (const p of positions) expect(decodeEsdbPosition(encodeEsdbPosition(p))).toEqual(p);
  });

  it('orders like the log: by commit, then prepare', () => {
    const encoded = positions.map(encodeEsdbPosition);
    for (let i = 1; i < encoded.length; i++) expect(encoded[i] > encoded[i - 1]).toBe(true);
  });

  it('refuses values that are not positions', () => {
    expect(() => encodeEsdbPosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => encodeEsdbPosition({ commit: 0n, prepare: 1n << 64n })).toThrow(RangeError);
    expect(() => decodeEsdbPosition(-1n)).toThrow(RangeError);
  });
});
