import { canonicalEventContent, computeEventHash, GENESIS_HASH, sealEvents, verifyChain } from './hash-chain';
import { NewEvent, StoredEvent } from './port';

const newEvent = (type: string, data: NewEvent['data'], extra: Partial<NewEvent['metadata']> = {}): NewEvent => ({
  type,
  data,
  metadata: {
    eventId: `e-${type}-${JSON.stringify(data)}`,
    actor: { id: 'u1', role: 'professional', organisation: 'org-a' },
    occurredAt: '2026-11-01T09:00:00.000Z',
    correlationId: 'c1',
    causationId: 'c1',
    schemaVersion: 1,
    ...extra,
  },
});

/** A sealed five-event stream, sealed in two appends (3 + 2), with positions. */
function chain(): StoredEvent[] {
  const first = sealEvents('case-1', null, [newEvent('case-opened', { origin: 'signal' }), newEvent('signal', { n: 1 }), newEvent('signal', { n: 2 })], '2026-11-01T10:00:00.000Z');
  const last = first[first.length - 1];
  const second = sealEvents('case-1', { revision: last.revision, hash: last.metadata.hash }, [newEvent('weighed', { a: [1, 2] }), newEvent('case-closed', { reason: 'done' })], '2026-11-02T10:00:00.000Z');
  return [...first, ...second].map((e, i) => ({ ...e, position: BigInt(i + 1) }));
}

describe('hash chain', () => {
  it('seals events with contiguous revisions, recordedAt and linked hashes', () => {
    const events = chain();
    expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    expect(events[0].metadata.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i++) expect(events[i].metadata.prevHash).toBe(events[i - 1].metadata.hash);
    expect(events[3].metadata.recordedAt).toBe('2026-11-02T10:00:00.000Z');
    expect(events[2].metadata.hash).toBe(computeEventHash(events[2].metadata.prevHash, canonicalEventContent(events[2])));
    expect(events[2].metadata.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('canonical content ignores key order and the hash itself, but not the stream or revision', () => {
    const [e] = chain();
    const { hash, ...rest } = e.metadata;
    const reordered = { ...e, data: { ...e.data }, metadata: { hash: hash.toUpperCase(), ...rest } };
    expect(canonicalEventContent(reordered)).toBe(canonicalEventContent(e));
    expect(canonicalEventContent(e)).not.toContain(e.metadata.hash);
    expect(canonicalEventContent({ ...e, streamId: 'case-2' })).not.toBe(canonicalEventContent(e));
    expect(canonicalEventContent({ ...e, revision: 1 })).not.toBe(canonicalEventContent(e));
  });

  it('normalises to plain JSON and refuses what JSON cannot hold', () => {
    const [sealed] = sealEvents('case-1', null, [newEvent('signal', { when: new Date('2026-11-01T08:00:00Z') as never, gone: undefined as never })], '2026-11-01T10:00:00.000Z');
    expect(sealed.data).toEqual({ when: '2026-11-01T08:00:00.000Z' });
    expect('gone' in sealed.data).toBe(false);
    expect(() => sealEvents('case-1', null, [newEvent('signal', { n: NaN })], '2026-11-01T10:00:00.000Z')).toThrow();
  });

  it('an untouched chain verifies', () => {
    expect(verifyChain(chain())).toEqual({ valid: true, events: 5 });
    expect(verifyChain([])).toEqual({ valid: true, events: 0 });
  });

  it('verifies a suffix from an anchor', () => {
    const events = chain();
    expect(verifyChain(events.slice(2), { revision: 1, hash: events[1].metadata.hash })).toEqual({ valid: true, events: 3 });
    expect(verifyChain(events.slice(2), { revision: 1, hash: GENESIS_HASH })).toMatchObject({ valid: false, firstInvalidRevision: 2 });
  });

  it.each([
    ['data', (e: StoredEvent) => { e.data = { ...e.data, n: 99 }; }],
    ['metadata (actor)', (e: StoredEvent) => { e.metadata = { ...e.metadata, actor: { ...e.metadata.actor, id: 'someone-else' } }; }],
    ['metadata (recordedAt)', (e: StoredEvent) => { e.metadata = { ...e.metadata, recordedAt: '2020-01-01T00:00:00.000Z' }; }],
    ['type', (e: StoredEvent) => { e.type = 'consultation'; }],
    ['stream', (e: StoredEvent) => { e.streamId = 'case-2'; }],
  ])('detects tampering with the %s of one event at that revision', (_what, mutate) => {
    const events = chain();
    mutate(events[2]);
    const result = verifyChain(events);
    expect(result).toMatchObject({ valid: false, events: 5, firstInvalidRevision: 2 });
    expect(result.valid === false && result.reason).toMatch(/hash does not match its content/);
  });

  it('detects a rewritten event whose hash was recomputed: the next prevHash no longer links', () => {
    const events = chain();
    events[2].data = { n: 99 };
    events[2].metadata.hash = computeEventHash(events[2].metadata.prevHash, canonicalEventContent(events[2]));
    const result = verifyChain(events);
    expect(result).toMatchObject({ valid: false, firstInvalidRevision: 3 });
    expect(result.valid === false && result.reason).toMatch(/prevHash does not match the hash of revision 2/);
  });

  it('detects a removed event', () => {
    const events = chain();
    events.splice(2, 1);
    expect(verifyChain(events)).toMatchObject({ valid: false, events: 4, firstInvalidRevision: 2, reason: expect.stringMatching(/found revision 3/) });
  });

  it('detects a removed first event', () => {
    expect(verifyChain(chain().slice(1))).toMatchObject({ valid: false, firstInvalidRevision: 0 });
  });

  it('detects reordered events', () => {
    const events = chain();
    [events[1], events[2]] = [events[2], events[1]];
    expect(verifyChain(events)).toMatchObject({ valid: false, firstInvalidRevision: 1 });
  });

  it('detects a removed event whose successors were renumbered', () => {
    const events = chain();
    events.splice(2, 1);
    events.forEach((e, i) => { e.revision = i; });
    expect(verifyChain(events)).toMatchObject({ valid: false, firstInvalidRevision: 2, reason: expect.stringMatching(/prevHash/) });
  });

  it('detects a duplicated event', () => {
    const events = chain();
    events.splice(2, 0, { ...events[1] });
    expect(verifyChain(events)).toMatchObject({ valid: false, firstInvalidRevision: 2 });
  });
});
