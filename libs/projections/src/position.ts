/** Global positions as text that sorts like the number (EventStoreDB positions exceed 2^64). */
export function encodePosition(position: bigint): string {
  return position.toString().padStart(40, '0');
}

export function decodePosition(text: string | null | undefined): bigint | null {
  return text === null || text === undefined ? null : BigInt(text);
}
