import { CaseEvent, PERSONAL_DATA_FIELDS, mapPersonalData, personalDataOf, summarize } from '@zicht/case-domain';
import {
  CASE_ID,
  CHILD_REF,
  NOW,
  caseClosed,
  caseOpened,
  caseReopened,
  childHeard,
  childNotHeard,
  consulted,
  hulpIngezet,
  meldingMade,
  monitorChecked,
  responsibilityAssigned,
  signalRecorded,
  stateOf,
  weighed,
} from '@zicht/testing';
import { ENVELOPE_PREFIX, isEnvelope } from './envelope';
import { newDataKey } from './key-store/wrapped-key-store';
import { revealPersonalData, sealPersonalData, unsealedPersonalPaths } from './personal-data';

const OTHER_CASE = '00000000-0000-4000-8000-000000000002';

const oneOfEach: CaseEvent[] = [
  caseOpened(),
  signalRecorded(),
  consulted(),
  childHeard({ accommodations: ['tolk (verzonnen)'] }),
  childNotHeard({ reason: 'not-feasible-despite-accommodations', accommodationsTried: ['spel (verzonnen)'] }),
  weighed(),
  meldingMade({ grounds: ['Kind vertelde over slaan (verzonnen)'], vtReference: 'VT-0001' }),
  hulpIngezet('event-3'),
  monitorChecked('event-7'),
  responsibilityAssigned({ from: { organisation: 'A', professional: 'Mevrouw Verzonnen' }, to: { organisation: 'B', professional: 'Meneer Verzonnen' } }),
  caseClosed(),
  caseReopened(),
];

const sealed = (event: CaseEvent, key = newDataKey(), caseId = CASE_ID) => ({ ...event, data: sealPersonalData(event, caseId, key) }) as CaseEvent;

/** Every personal plaintext of an event, flattened. */
function plaintexts(event: CaseEvent): string[] {
  return Object.values(personalDataOf(event)).flatMap((v) => (Array.isArray(v) ? v.flat() : [v])).filter((v): v is string => typeof v === 'string');
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** The same envelope with one byte of its payload changed. */
function tamper(envelope: string, index: number): string {
  const at = envelope.lastIndexOf(':') + 1;
  const bytes = Buffer.from(envelope.slice(at), 'base64url');
  bytes[index] ^= 0x01;
  return envelope.slice(0, at) + bytes.toString('base64url');
}

describe('sealPersonalData', () => {
  it.each(oneOfEach.map((e) => [e.type, e] as const))('%s: every personal field becomes an envelope, everything else stays as it was', (_type, event) => {
    const data = sealPersonalData(event, CASE_ID, newDataKey());
    const stored = { type: event.type, data } as CaseEvent;
    expect(unsealedPersonalPaths(stored)).toEqual([]);
    expect(unsealedPersonalPaths(event).length).toBeGreaterThan(0);
    // No plaintext survives anywhere in the stored data.
    const texts = strings(data);
    // (Short words such as 'kind' also occur in non-personal descriptions, so only longer texts are
    // searched for as substrings.)
    for (const plaintext of plaintexts(event)) {
      expect(texts.some((t) => t === plaintext || (plaintext.length >= 12 && t.includes(plaintext)))).toBe(false);
    }
    // Codes, dates, ids: identical once the personal fields are masked on both sides.
    const mask = (d: CaseEvent) => mapPersonalData(d, (v) => (Array.isArray(v) ? v.map(() => '*') : v === undefined || v === null ? v : '*'));
    expect(mask(stored)).toEqual(mask(event));
  });

  it('keeps the stored types: a string stays a string, a string array an array of the same length', () => {
    const event = hulpIngezet('event-3', { plan: { aims: ['Ontbijt (verzonnen)', 'Rust (verzonnen)'], childConversationEventId: 'event-3', discussedWith: [] } });
    const data = sealPersonalData(event, CASE_ID, newDataKey()) as typeof event.data;
    expect(data.plan.aims).toHaveLength(2);
    expect(data.plan.aims.every(isEnvelope)).toBe(true);
    expect(data.plan.discussedWith).toEqual([]);
    expect(typeof data.responsible.professional).toBe('string');
    expect(data.responsible.professional!.startsWith(`${ENVELOPE_PREFIX}responsible.professional:`)).toBe(true);
    expect(data.responsibilityChanges.map((c) => c.to.professional!.startsWith(`${ENVELOPE_PREFIX}responsibilityChanges[].to.professional:`))).toEqual([true, true]);
  });

  it('uses a fresh IV for every field: the same text twice gives two different envelopes', () => {
    const key = newDataKey();
    const event = childHeard({ accommodations: ['Zelfde tekst (verzonnen)', 'Zelfde tekst (verzonnen)'] });
    const [a, b] = (sealPersonalData(event, CASE_ID, key) as typeof event.data).accommodations;
    expect(a).not.toBe(b);
    expect(sealPersonalData(event, CASE_ID, key)).not.toEqual(sealPersonalData(event, CASE_ID, key));
  });

  it('does not change its input', () => {
    const event = hulpIngezet('event-3');
    const before = JSON.stringify(event);
    sealPersonalData(event, CASE_ID, newDataKey());
    expect(JSON.stringify(event)).toBe(before);
  });

  it('keeps an envelope of this case copied from the state, and encrypts one of another case or key like any text', () => {
    const key = newDataKey();
    const held = sealed(hulpIngezet('event-3'), key) as ReturnType<typeof hulpIngezet>;
    const from = held.data.responsible;
    const assigned = responsibilityAssigned({ from, to: { organisation: 'B', professional: 'Meneer Verzonnen' } });
    const data = sealPersonalData(assigned, CASE_ID, key) as typeof assigned.data;
    expect(data.from!.professional).toBe(from.professional);
    expect(revealPersonalData(data, CASE_ID, key).value.from!.professional).toBe('Gezinscoach Verzonnen');

    const foreign = sealPersonalData(assigned, CASE_ID, newDataKey()) as typeof assigned.data;
    expect(foreign.from!.professional).not.toBe(from.professional);
    // Its plaintext is the foreign envelope itself, never what that envelope hides.
    expect(revealPersonalData(foreign, CASE_ID, key).value.from!.professional).toBeNull();
  });

  it('fails closed on an event type without a personal-data map, and on a personal field that is not text', () => {
    expect(() => sealPersonalData({ type: 'not-an-event', data: { rationale: 'x' } }, CASE_ID, newDataKey())).toThrow(/no personal-data fields are declared for event type "not-an-event"/);
    expect(() => sealPersonalData({ type: 'signal', data: { description: { text: 'x' } } }, CASE_ID, newDataKey())).toThrow(/personal field description of a signal event holds object/);
    expect(() => sealPersonalData({ type: 'child-heard', data: { accommodations: ['a', 1] } }, CASE_ID, newDataKey())).toThrow(/not all strings/);
  });
});

describe('revealPersonalData', () => {
  it.each(oneOfEach.map((e) => [e.type, e] as const))('%s: round trip gives the original data back', (_type, event) => {
    const key = newDataKey();
    expect(revealPersonalData(sealed(event, key), CASE_ID, key)).toEqual({ value: event, failures: 0 });
  });

  it('decrypts any answer built from stored state: a folded state and its summary', () => {
    const key = newDataKey();
    const events = [caseOpened(), signalRecorded(), childHeard(), weighed(), meldingMade({ grounds: ['acute-unsafety'], vtReference: 'Kenmerk (verzonnen)' })];
    const state = stateOf(...events.map((e) => sealed(e, key)));
    expect(strings(state)).not.toContain(CHILD_REF);
    const revealed = revealPersonalData({ state, summary: summarize(state, NOW) }, CASE_ID, key);
    expect(revealed).toEqual({ value: { state: stateOf(...events), summary: summarize(stateOf(...events), NOW) }, failures: 0 });
  });

  it('with an erased key (null) every personal field reads as null, while codes, dates and ids stay', () => {
    const key = newDataKey();
    const events = oneOfEach.map((e) => sealed(e, key));
    const { value, failures } = revealPersonalData(events, CASE_ID, null);
    expect(failures).toBe(0);
    expect(strings(value).filter((s) => s.startsWith(ENVELOPE_PREFIX))).toEqual([]);
    value.forEach((event, i) => {
      for (const [path, found] of Object.entries(personalDataOf(event))) {
        const nulls = (Array.isArray(found) ? found.flat() : [found]).filter((v) => v !== undefined);
        expect([path, nulls.every((v) => v === null)]).toEqual([path, true]);
      }
      const mask = (e: CaseEvent) => mapPersonalData(e, () => '*');
      expect(mask(event)).toEqual(mask(oneOfEach[i]));
    });
    expect((value[0] as ReturnType<typeof caseOpened>).data.subject).toEqual({ childRef: null, birthYear: 2017 });
    // What KeyStore.get answers without a key reads the same as null.
    expect(revealPersonalData(events, CASE_ID, 'erased')).toEqual({ value, failures: 0 });
    expect(revealPersonalData(events, CASE_ID, 'none')).toEqual({ value, failures: 0 });
    expect((value[8] as ReturnType<typeof monitorChecked>).data.safety).toBe((oneOfEach[8] as ReturnType<typeof monitorChecked>).data.safety);
  });

  it('binds the case id: an envelope read for another case, or moved into another case, is null and counted', () => {
    const key = newDataKey();
    const event = sealed(signalRecorded(), key) as ReturnType<typeof signalRecorded>;
    expect(revealPersonalData(event, OTHER_CASE, key)).toMatchObject({ value: { data: { description: null, category: event.data.category } }, failures: 1 });
    const other = sealed(signalRecorded({ description: 'Ander verhaal (verzonnen)' }), key, OTHER_CASE) as ReturnType<typeof signalRecorded>;
    const moved = { ...other, data: { ...other.data, description: event.data.description } };
    expect(revealPersonalData(moved, OTHER_CASE, key)).toMatchObject({ value: { data: { description: null } }, failures: 1 });
  });

  it('binds the field path: an envelope relabelled with another path is null and counted', () => {
    const key = newDataKey();
    const event = sealed(consulted(), key) as ReturnType<typeof consulted>;
    const relabelled = event.data.summary.replace(`${ENVELOPE_PREFIX}summary:`, `${ENVELOPE_PREFIX}description:`);
    expect(relabelled).not.toBe(event.data.summary);
    expect(revealPersonalData(relabelled, CASE_ID, key)).toEqual({ value: null, failures: 1 });
    expect(revealPersonalData(event.data.summary, CASE_ID, key)).toEqual({ value: consulted().data.summary, failures: 0 });
  });

  it('a change of any single byte (IV, ciphertext or tag) reads as null, never as an exception', () => {
    const key = newDataKey();
    const envelope = (sealed(signalRecorded({ description: 'Kort (verzonnen)' }), key) as ReturnType<typeof signalRecorded>).data.description;
    const length = Buffer.from(envelope.slice(envelope.lastIndexOf(':') + 1), 'base64url').length;
    const outcomes = Array.from({ length }, (_, i) => revealPersonalData(tamper(envelope, i), CASE_ID, key));
    expect(outcomes.every((o) => o.value === null && o.failures === 1)).toBe(true);
    expect(revealPersonalData([tamper(envelope, 0), tamper(envelope, length - 1), envelope], CASE_ID, key)).toEqual({ value: [null, null, 'Kort (verzonnen)'], failures: 2 });
  });

  it('another key reads as null', () => {
    const event = sealed(caseClosed(), newDataKey());
    expect(revealPersonalData(event, CASE_ID, newDataKey())).toMatchObject({ value: { data: { summary: null } }, failures: 1 });
  });

  it('copies strings that are not envelopes as they are (events from before encryption), and keeps non-JSON values', () => {
    const clear = signalRecorded();
    const answer = { events: [clear], position: 42n, at: new Date(NOW), almost: `${ENVELOPE_PREFIX}description:kort`, n: 1, nothing: null };
    const { value, failures } = revealPersonalData(answer, CASE_ID, newDataKey());
    expect(failures).toBe(0);
    expect(value).toEqual(answer);
    expect(value).not.toBe(answer);
    expect(value.events[0]).not.toBe(clear);
    expect(value.position).toBe(42n);
    expect(unsealedPersonalPaths(clear)).toEqual(['description']);
  });
});

describe('unsealedPersonalPaths', () => {
  it('names each clear personal path once, array paths included', () => {
    const event = hulpIngezet('event-3');
    expect(unsealedPersonalPaths(event).sort()).toEqual([...PERSONAL_DATA_FIELDS['hulp-ingezet']].sort());
  });
});
