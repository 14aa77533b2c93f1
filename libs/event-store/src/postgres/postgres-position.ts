/*
 * Positions in the PostgreSQL global log. The log is ordered by (transaction_id, global_position):
 * the id of the transaction that wrote a row (xid8, 64 bits, never wraps), then the row's identity
 * value (bigint). The port's bigint packs both, losslessly and in that order:
 *
 *     position = transaction_id * 2^64 + global_position
 *
 * so comparing packed values compares log order, and unpacking gives the exact row to resume after.
 * Whoever stores a checkpoint keeps it as decimal text or a bigint in memory (it exceeds 64 bits).
 */
const TWO_64 = 1n << 64n;

export interface PostgresLogPosition {
  transactionId: bigint;
  globalPosition: bigint;
}

export function encodePostgresPosition({ transactionId, globalPosition }: PostgresLogPosition): bigint {
  if (transactionId < 0n || transactionId >= TWO_64 || globalPosition < 0n || globalPosition >= TWO_64) {
    throw new RangeError(`not a PostgreSQL log position: ${transactionId}/${globalPosition}`);
  }
  return transactionId * TWO_64 + globalPosition;
}

export function decodePostgresPosition(position: bigint): PostgresLogPosition {
  if (position < 0n || position >= TWO_64 * TWO_64) throw new RangeError(`not a PostgreSQL log position: ${position}`);
  return { transactionId: position / TWO_64, globalPosition: position % TWO_64 };
}
