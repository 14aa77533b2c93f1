import {
  caseClosed,
  caseOpened,
  caseReopened,
  childHeard,
  childNotHeard,
  consulted,
  gemeenteInformed,
  hulpIngezet,
  investigationCompleted,
  melderInformed,
  meldingMade,
  monitorChecked,
  responsibilityAssigned,
  safetyAssessed,
  safetyConditionsSet,
  signalRecorded,
  weighed,
} from '@zicht/testing';
import { CASE_EVENT_TYPES, CaseEvent } from './events';
import { PERSONAL_DATA_FIELDS, mapPersonalData, personalDataOf } from './personal-data';

const oneOfEach: CaseEvent[] = [
  caseOpened(),
  signalRecorded(),
  consulted(),
  childHeard({ accommodations: ['tolk'] }),
  childNotHeard({ reason: 'not-feasible-despite-accommodations', accommodationsTried: ['spel'] }),
  weighed(),
  meldingMade({ grounds: ['acute-unsafety'], vtReference: 'Kind vertelde het VT-kenmerk' }),
  hulpIngezet('event-3'),
  monitorChecked('event-7'),
  responsibilityAssigned({ from: { organisation: 'A', professional: 'Mevrouw A' }, to: { organisation: 'B', professional: 'Meneer B' } }),
  caseClosed(),
  caseReopened(),
  safetyAssessed('event-6', {
    decision: 'overdracht',
    handoverTo: { organisation: 'Wijkteam Zuid', kind: 'lokaal-team' },
    monitoring: { by: 'overgedragen', to: { organisation: 'Wijkteam Zuid' }, reason: 'Wijkteam kent het gezin (verzonnen)' },
  }),
  investigationCompleted('event-12', 'event-3', {
    findings: [],
    endedEarly: { reason: 'Gezin verhuisd (verzonnen)' },
    monitoring: { by: 'overgedragen', to: { organisation: 'Wijkteam Zuid' }, reason: 'Wijkteam kent het gezin (verzonnen)' },
  }),
  safetyConditionsSet(),
  melderInformed('event-12', { melderRole: 'Let op aanwezigheid (verzonnen)', monitoringAgreements: 'Maandelijks contact (verzonnen)' }),
  gemeenteInformed(),
];

describe('PERSONAL_DATA_FIELDS', () => {
  it('names fields for every event type', () => {
    expect(Object.keys(PERSONAL_DATA_FIELDS).sort()).toEqual([...CASE_EVENT_TYPES].sort());
  });

  it('covers the child reference and every free text', () => {
    expect(PERSONAL_DATA_FIELDS['case-opened']).toEqual(['subject.childRef']);
    expect(PERSONAL_DATA_FIELDS.signal).toContain('description');
    expect(PERSONAL_DATA_FIELDS['child-heard']).toContain('viewsSummary');
    expect(PERSONAL_DATA_FIELDS['hulp-ingezet']).toContain('plan.aims');
    expect(PERSONAL_DATA_FIELDS['case-reopened']).toContain('reason');
    expect(PERSONAL_DATA_FIELDS['safety-assessed']).toEqual(expect.arrayContaining(['rationale', 'monitoring.reason']));
    expect(PERSONAL_DATA_FIELDS['investigation-completed']).toEqual(expect.arrayContaining(['rationale', 'endedEarly.reason', 'monitoring.reason']));
    expect(PERSONAL_DATA_FIELDS['safety-conditions-set']).toEqual(['conditions[].description']);
    expect(PERSONAL_DATA_FIELDS['melder-informed']).toEqual(['melderRole', 'monitoringAgreements']);
    expect(PERSONAL_DATA_FIELDS['gemeente-informed']).toEqual(['reason']);
  });

  it.each(oneOfEach.map((e) => [e.type, e] as const))('%s: every named field exists in the event data', (_type, event) => {
    const found = personalDataOf(event);
    for (const path of PERSONAL_DATA_FIELDS[event.type]) {
      if (path === 'vtReference' || path.includes('professional')) continue; // optional fields
      expect(found).toHaveProperty([path]);
    }
  });

  it('every string longer than a code in the data is either personal or a known non-personal field', () => {
    const encrypted = oneOfEach.map((e) => mapPersonalData(e, () => '<encrypted>'));
    const texts = encrypted.flatMap((data) => strings(data)).filter((s) => s.includes('(verzonnen)') || s.includes('Kind'));
    // The only invented free texts left are organisation names (not personal by design).
    expect(texts.filter((t) => !t.startsWith('Wijkteam') && !t.startsWith('Basisschool'))).toEqual([]);
  });
});

describe('mapPersonalData', () => {
  it('maps exactly the personal fields and leaves the input unchanged', () => {
    const event = hulpIngezet('event-2');
    const before = JSON.stringify(event);
    const mapped = mapPersonalData(event, (value) => `enc(${JSON.stringify(value)})`) as unknown as typeof event.data & {
      plan: { aims: unknown };
      responsible: { professional: unknown };
    };
    expect(JSON.stringify(event)).toBe(before);
    expect(mapped.plan.aims).toBe('enc(["Kind krijgt dagelijks ontbijt (verzonnen)"])');
    expect(mapped.responsible.professional).toBe('enc("Gezinscoach Verzonnen")');
    expect(mapped.responsibilityChanges.map((c) => c.to.professional)).toEqual(['enc("Gezinscoach Verzonnen")', 'enc("Gezinscoach Verzonnen")']);
    expect(mapped.components).toEqual(event.data.components);
    expect(mapped.evaluation).toEqual(event.data.evaluation);
  });

  it('skips absent optional fields', () => {
    const mapped = mapPersonalData(meldingMade(), () => 'x');
    expect(mapped).not.toHaveProperty('vtReference');
    expect(mapped.grounds).toEqual([]); // codes, not personal data
  });

  it('maps the child reference in a case-opened event', () => {
    expect(mapPersonalData(caseOpened(), () => null).subject).toEqual({ childRef: null, birthYear: 2017 });
  });
});

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
