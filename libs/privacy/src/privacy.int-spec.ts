import { caseStreamId, foldEvents, recordedCaseEvent, summarize } from '@zicht/case-domain';
import { NewEvent, SqliteEventStore, verifyChain } from '@zicht/event-store';
import { NOW, caseOpened, childHeard, consulted, meldingMade, signalRecorded } from '@zicht/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteKeyStore } from './key-store/sqlite-key-store';
import { MasterKey, generateMasterKeyText } from './master-key';
import { revealPersonalData, sealPersonalData } from './personal-data';

jest.setTimeout(30_000);

/** Distinctive invented strings, searched for in every byte of the data directory. */
const CHILD_REF = 'kind-ZQX-7741-verzonnen';
const TEXTS = [CHILD_REF, 'Blauwe plekken op de rug, ZQX-verzonnen', 'Overleg met AF over ZQX-verzonnen', 'Kind zegt ZQX-bang te zijn, verzonnen', 'VT-ZQX-verzonnen-kenmerk'];

function hits(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const bytes = readFileSync(join(dir, name));
    for (const text of TEXTS) if (bytes.includes(Buffer.from(text, 'utf8'))) found.push(`${name}: ${text}`);
  }
  return found;
}

describe('sealed events in the SQLite event store, keys in the key store', () => {
  it('no personal text in any file; the chain verifies before and after erasure; after it every personal field reads null', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zicht-privacy-'));
    const master = MasterKey.fromBase64(generateMasterKeyText(), 'test');
    const keys = await openSqliteKeyStore({ file: join(dir, 'keys.sqlite'), master });
    const events = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    try {
      const caseId = randomUUID();
      const stream = caseStreamId(caseId);
      const domainEvents = [
        caseOpened({ caseId, subject: { childRef: CHILD_REF, birthYear: 2016 } }),
        signalRecorded({ description: TEXTS[1] }),
        consulted({ summary: TEXTS[2] }),
        childHeard({ viewsSummary: TEXTS[3] }),
        meldingMade({ grounds: ['acute-unsafety'], vtReference: TEXTS[4] }),
      ];
      const key = await keys.getOrCreate(caseId);
      const toAppend: NewEvent[] = domainEvents.map((event, i) => ({
        type: event.type,
        data: sealPersonalData(event, caseId, key) as NewEvent['data'],
        metadata: { eventId: `event-${i}`, actor: { id: 'p-1', role: 'professional', organisation: 'School (verzonnen)' }, occurredAt: '2026-11-02T09:00:00.000Z', correlationId: 'c', causationId: 'c', schemaVersion: 1 },
      }));
      await events.appendToStream(stream, toAppend, { expectedRevision: 'no-stream' });

      const stored = await events.readStream(stream);
      expect(verifyChain(stored)).toEqual({ valid: true, events: 5 });
      const state = foldEvents(stored.map(recordedCaseEvent));
      const revealed = revealPersonalData(summarize(state, NOW), caseId, await keys.get(caseId));
      expect(revealed.failures).toBe(0);
      expect(JSON.stringify(revealPersonalData(state, caseId, await keys.get(caseId)).value)).toContain(TEXTS[3]);
      await events.close();
      await keys.close();
      expect(hits(dir)).toEqual([]);
      // The search does find a text when one is there.
      writeFileSync(join(dir, 'control'), `x${TEXTS[1]}x`);
      expect(hits(dir)).toEqual([`control: ${TEXTS[1]}`]);
      rmSync(join(dir, 'control'));

      const keys2 = await openSqliteKeyStore({ file: join(dir, 'keys.sqlite'), master });
      const events2 = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
      try {
        expect(await keys2.destroy(caseId, '2046-11-02T00:00:00Z')).toMatchObject({ first: true });
        const after = await events2.readStream(stream);
        expect(verifyChain(after)).toEqual({ valid: true, events: 5 });
        const erased = revealPersonalData(foldEvents(after.map(recordedCaseEvent)), caseId, await keys2.get(caseId));
        const text = JSON.stringify(erased.value);
        for (const t of TEXTS) expect(text).not.toContain(t);
        expect(text).not.toContain('zenc:');
        expect(erased.value).toMatchObject({ status: 'open', region: state.status === 'open' ? state.region : '', subject: { childRef: null, birthYear: 2016 } });
      } finally {
        await events2.close();
        await keys2.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
