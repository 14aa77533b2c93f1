import { afwegingskaders, foldEvents, recordedCaseEvent } from '@zicht/case-domain';
import { generateCase } from './generate-cases';

const versions = Object.fromEntries(afwegingskaders.map((k) => [k.id, k.version]));

describe('generateCase', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateCase(7, { seed: 1, versions, end: new Date('2026-11-01T00:00:00Z') });
    const b = generateCase(7, { seed: 1, versions, end: new Date('2026-11-01T00:00:00Z') });
    const c = generateCase(7, { seed: 2, versions, end: new Date('2026-11-01T00:00:00Z') });
    expect(b).toEqual(a);
    expect(c.caseId).not.toBe(a.caseId);
  });

  it('walks every path through the real decider: melding duties, acute meldingen, help, closures', () => {
    const cases = Array.from({ length: 400 }, (_, i) => generateCase(i, { seed: 3, versions, end: new Date('2026-11-01T00:00:00Z') }));
    const types = new Set(cases.flatMap((c) => c.events.map((e) => e.type)));
    expect([...types].sort()).toEqual(
      ['case-closed', 'case-opened', 'child-heard', 'child-not-heard', 'consultation', 'hulp-ingezet', 'melding', 'monitor-check', 'signal', 'weighed'].sort(),
    );
    const states = cases.map((c) =>
      foldEvents(c.events.map((e, revision) => recordedCaseEvent({ type: e.type, data: e.data, revision, metadata: { ...e.metadata, recordedAt: e.metadata.occurredAt } }))),
    );
    const meldplicht = states.map((s) => (s.status === 'none' ? 'none' : s.meldplicht.status));
    expect(meldplicht).toEqual(expect.arrayContaining(['none', 'open', 'fulfilled']));
    for (const c of cases) {
      expect(c.events[0].type).toBe('case-opened');
      expect(new Set(c.events.map((e) => e.metadata.eventId)).size).toBe(c.events.length);
      expect(JSON.stringify(c.events)).not.toMatch(/leerling|[A-Z][a-z]+ [A-Z][a-z]+ \d/); // invented references only
    }
  });
});
