import { decodePostgresPosition, encodePostgresPosition } from './postgres-position';

describe('PostgreSQL log positions', () => {
  it('round-trips (transaction id, row) and orders by transaction first, then row', () => {
    const pairs = [
      { transactionId: 0n, globalPosition: 0n },
      { transactionId: 741n, globalPosition: 9n },
      { transactionId: 741n, globalPosition: 10n },
      { transactionId: 742n, globalPosition: 3n }, // a later transaction with an earlier row: after
      { transactionId: (1n << 64n) - 1n, globalPosition: (1n << 63n) - 1n },
    ];
    const encoded = pairs.map(encodePostgresPosition);
    expect(encoded.map(decodePostgresPosition)).toEqual(pairs);
    for (let i = 1; i < encoded.length; i++) expect(encoded[i] > encoded[i - 1]).toBe(true);
  });

  it('refuses what is not a position', () => {
    expect(() => encodePostgresPosition({ transactionId: -1n, globalPosition: 0n })).toThrow(RangeError);
    expect(() => encodePostgresPosition({ transactionId: 0n, globalPosition: 1n << 64n })).toThrow(RangeError);
    expect(() => decodePostgresPosition(-1n)).toThrow(RangeError);
    expect(() => decodePostgresPosition(1n << 128n)).toThrow(RangeError);
  });
});
