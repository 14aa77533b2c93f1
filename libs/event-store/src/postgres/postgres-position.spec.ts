import { PostgresEventStore } from './postgres-event-store';
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

  it('measures how far behind in events, not in packed transaction ids', async () => {
    const store = new PostgresEventStore({ connectionString: 'postgres://nobody@127.0.0.1:1/none' }); // never connects
    const at = (transactionId: bigint, globalPosition: bigint) => encodePostgresPosition({ transactionId, globalPosition });
    expect(store.distance(at(900n, 40n), at(905n, 47n))).toBe(7n);
    expect(store.distance(null, at(905n, 47n))).toBe(47n);
    expect(store.distance(at(905n, 47n), at(905n, 47n))).toBe(0n);
    expect(store.distance(at(906n, 50n), at(907n, 49n))).toBe(0n); // rows numbered out of commit order: never negative
    await store.close();
  });
});
