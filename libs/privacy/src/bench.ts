import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteKeyStore } from './key-store/sqlite-key-store';
import { newDataKey } from './key-store/wrapped-key-store';
import { MasterKey, generateMasterKeyText } from './master-key';
import { EventLike, revealPersonalData, sealPersonalData } from './personal-data';

/**
 * Benchmark functions for `npm run bench`: what sealing and revealing cost per event, as a ratio to
 * the JSON round trip every durable adapter does per event anyway, and what the SQLite key store
 * costs per operation. Invented data only.
 */
const party = { organisation: 'Wijkteam Noord (verzonnen)', professional: 'Gezinscoach Verzonnen' };
const EVENTS: EventLike[] = [
  { type: 'case-opened', data: { caseId: 'c', subject: { childRef: 'kind-bench-0001', birthYear: 2017 }, region: 'VR13', origin: 'signal', openedBy: { organisation: 'Basisschool (verzonnen)' }, responsibilityChanges: [] } },
  { type: 'signal', data: { category: 'neglect', source: 'own-observation', description: 'Kind komt al dagen zonder ontbijt en jas naar school (verzonnen).', observedAt: '2026-11-01' } },
  { type: 'consultation', data: { with: 'aandachtsfunctionaris', summary: 'Besproken met de aandachtsfunctionaris; zorgen gedeeld (verzonnen).', adviesvraag: false } },
  { type: 'child-heard', data: { moment: 'before-weighing', heardAlone: true, accommodations: ['tolk'], viewsSummary: 'Kind vertelt dat het thuis vaak alleen is (verzonnen).', interviewerTrained: true } },
  { type: 'weighed', data: { afwegingskader: { id: 'onderwijs', version: 1 }, answers: {}, rationale: 'Hulp is mogelijk en passend (verzonnen).', conclusion: 'hulp', meldplichtGrounds: [] } },
  { type: 'melding', data: { region: 'VR13', grounds: ['Kind vertelde over slaan (verzonnen)'], meldplicht: { mandatory: false, grounds: [] }, responsibilityChanges: [] } },
  {
    type: 'hulp-ingezet',
    data: {
      mode: 'inzetten',
      decidedBy: 'melder',
      responsible: party,
      plan: { aims: ['Kind krijgt dagelijks ontbijt (verzonnen)', 'Ouders krijgen opvoedondersteuning (verzonnen)'], childConversationEventId: 'e3', discussedWith: ['kind', 'ouders'] },
      components: [{ kind: 'gezinsbegeleiding', provider: 'Wijkteam', startsOn: '2026-11-09', deadline: '2027-02-01', intendedDurationWeeks: 12 }],
      evaluation: { method: 'gesprek', intervalDays: 28, firstCheckDue: '2026-12-07' },
      responsibilityChanges: [{ scope: 'hulp', to: party }, { scope: 'monitoring', to: party }],
    },
  },
  { type: 'monitor-check', data: { safety: 'safe', helpEffective: true, notes: 'Gaat beter, kind lijkt rustiger (verzonnen).', nextCheckDue: '2027-01-04', hulpEventId: 'e6', makesMeldingMandatory: false } },
];

export interface PrivacyBenchResult {
  events: number;
  /** µs per event. */
  sealMicros: number;
  revealMicros: number;
  jsonRoundTripMicros: number;
  keyStore: { creates: number; createMicros: number; getCachedMicros: number; getUncachedMicros: number; destroyMicros: number };
}

function perItem(count: number, run: (i: number) => void): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) run(i);
  return Number(process.hrtime.bigint() - started) / 1000 / count;
}

async function perItemAsync(count: number, run: (i: number) => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await run(i);
  return Number(process.hrtime.bigint() - started) / 1000 / count;
}

export async function privacyBench(options: { events?: number; keys?: number } = {}): Promise<PrivacyBenchResult> {
  const n = options.events ?? 40_000;
  const caseId = randomUUID();
  const key = newDataKey();
  const pick = (i: number) => EVENTS[i % EVENTS.length];
  perItem(2000, (i) => revealPersonalData({ data: sealPersonalData(pick(i), caseId, key) }, caseId, key)); // warm up
  const sealed = new Array<Record<string, unknown>>(n);
  const sealMicros = perItem(n, (i) => (sealed[i] = sealPersonalData(pick(i), caseId, key)));
  const revealMicros = perItem(n, (i) => revealPersonalData(sealed[i], caseId, key));
  const jsonRoundTripMicros = perItem(n, (i) => JSON.parse(JSON.stringify(sealed[i])));

  const keys = options.keys ?? 300;
  const dir = mkdtempSync(join(tmpdir(), 'zicht-bench-keys-'));
  const master = MasterKey.fromBase64(generateMasterKeyText(), 'bench');
  const store = await openSqliteKeyStore({ file: join(dir, 'keys.sqlite'), master });
  const uncached = await openSqliteKeyStore({ file: join(dir, 'keys.sqlite'), master, cache: { maxEntries: 0 } });
  try {
    const ids = Array.from({ length: keys }, () => randomUUID());
    const createMicros = await perItemAsync(keys, (i) => store.getOrCreate(ids[i]));
    const gets = 20_000;
    const getCachedMicros = await perItemAsync(gets, (i) => store.get(ids[i % keys]));
    const getUncachedMicros = await perItemAsync(gets, (i) => uncached.get(ids[i % keys]));
    const destroys = Math.min(50, keys);
    const destroyMicros = await perItemAsync(destroys, (i) => store.destroy(ids[i], '2046-11-01T00:00:00Z'));
    return { events: n, sealMicros, revealMicros, jsonRoundTripMicros, keyStore: { creates: keys, createMicros, getCachedMicros, getUncachedMicros, destroyMicros } };
  } finally {
    await uncached.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures as lines for the benchmark report. */
export function formatPrivacyBench(r: PrivacyBenchResult): string[] {
  const f = (x: number) => x.toFixed(1);
  return [
    `Personal data encryption (AES-256-GCM per field, ${r.events} invented events of 8 types):`,
    `  seal ${f(r.sealMicros)} µs/event, reveal ${f(r.revealMicros)} µs/event, seal+reveal ${f(r.sealMicros + r.revealMicros)} µs/event; ratio to a JSON round trip of the event (${f(r.jsonRoundTripMicros)} µs): ${((r.sealMicros + r.revealMicros) / r.jsonRoundTripMicros).toFixed(1)}`,
    `  SQLite key store: create ${f(r.keyStore.createMicros)} µs/key (fsynced), get ${f(r.keyStore.getCachedMicros)} µs cached / ${f(r.keyStore.getUncachedMicros)} µs uncached (ratio ${(r.keyStore.getUncachedMicros / r.keyStore.getCachedMicros).toFixed(1)}), destroy ${f(r.keyStore.destroyMicros)} µs (with WAL truncation)`,
  ];
}
