import { ExistingCaseState, afwegingskaders, foldEvents, metOnTime, recordedCaseEvent, veiligThuisDeadlines } from '@zicht/case-domain';
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
      [
        'case-closed', 'case-opened', 'child-heard', 'child-not-heard', 'consultation', 'hulp-ingezet', 'melding', 'monitor-check', 'signal', 'weighed',
        'safety-assessed', 'investigation-completed', 'safety-conditions-set', 'melder-informed', 'gemeente-informed',
      ].sort(),
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

  it("gives Veilig Thuis' decisions in realistic proportions: most meldingen handed over, at most about 20% investigated, some late", () => {
    const states = Array.from({ length: 1500 }, (_, i) => generateCase(i, { seed: 4, versions, end: new Date('2026-11-01T00:00:00Z') })).map((c) =>
      foldEvents(c.events.map((e, revision) => recordedCaseEvent({ type: e.type, data: e.data, revision, metadata: { ...e.metadata, recordedAt: e.metadata.occurredAt } }))),
    ) as ExistingCaseState[];
    const melded = states.filter((s) => s.meldingen.length > 0);
    const assessments = melded.flatMap((s) => s.veiligThuis.assessments);
    expect(assessments.length).toBe(melded.length); // every melding is assessed
    const share = (decision: string) => assessments.filter((a) => a.decision === decision).length / assessments.length;
    expect(share('overdracht')).toBeGreaterThan(0.45);
    expect(share('onderzoek')).toBeGreaterThan(0.05);
    expect(share('onderzoek')).toBeLessThanOrEqual(0.2);
    // late as the deadlines judge them (the generator records every event when it happens)
    const late = melded.filter((s) => veiligThuisDeadlines(s).some((d) => d.kind === 'veiligheidsbeoordeling' && metOnTime(d) === false)).length / melded.length;
    expect(late).toBeGreaterThan(0.15);
    expect(late).toBeLessThan(0.45);
    const handedOverMonitoring = assessments.filter((a) => a.monitoring.by === 'overgedragen').length / assessments.length;
    expect(handedOverMonitoring).toBeGreaterThan(0.25);
    expect(handedOverMonitoring).toBeLessThan(0.55);
  });

  it('at 100,000 cases gives the tables safety-assessments and investigations cells above the minimum cell of 10 per region', () => {
    const sample = 2000;
    const states = Array.from({ length: sample }, (_, i) => generateCase(i, { seed: 6, versions, end: new Date('2026-11-01T00:00:00Z') })).map((c) =>
      foldEvents(c.events.map((e, revision) => recordedCaseEvent({ type: e.type, data: e.data, revision, metadata: { ...e.metadata, recordedAt: e.metadata.occurredAt } }))),
    ) as ExistingCaseState[];
    const perRegionAt100k = (n: number) => (n * 100_000) / sample / 25;
    const assessments = states.flatMap((s) => s.veiligThuis.assessments);
    const investigations = states.flatMap((s) => s.veiligThuis.investigations);
    for (const decision of ['onderzoek', 'rvdk-onderzoek', 'voorwaarden-en-vervolg', 'overdracht', 'einde-bemoeienis', 'advies']) {
      expect(perRegionAt100k(assessments.filter((a) => a.decision === decision).length)).toBeGreaterThan(20);
    }
    expect(perRegionAt100k(assessments.filter((a) => a.urgency === 'acuut').length)).toBeGreaterThan(20);
    expect(perRegionAt100k(investigations.filter((i) => i.endedEarly !== undefined).length)).toBeGreaterThan(10);
    const findings = investigations.flatMap((i) => i.findings);
    // Each of the 18 form-and-outcome cells, on average, per region over the whole period.
    expect(perRegionAt100k(findings.length) / 18).toBeGreaterThan(10);
  });
});
