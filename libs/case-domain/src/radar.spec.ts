/** The radar's facts: the child known by a pseudonymous key, prior involvement, and what another case shows. */
import {
  WIJKTEAM,
  caseClosed,
  caseOpened,
  childHeard,
  commands,
  given,
  investigationCompleted,
  meldingMade,
  safetyAssessed,
  signalRecorded,
  stateOf,
  withMeta,
  GivenEvent,
} from '@zicht/testing';
import { createHmac } from 'node:crypto';
import { PERSONAL_DATA_FIELDS } from './personal-data';
import { RadarEntry, isValidBsn, priorInvolvementOf, radarEntry } from './radar';
import { ExistingCaseState } from './state';

const keyOf = (bsn: string) => createHmac('sha256', 'invented-test-radar-secret').update(bsn).digest('hex');
const KEY = keyOf('111222333');
const OTHER_KEY = keyOf('123456782');
const existing = (...events: GivenEvent[]) => stateOf(...events) as ExistingCaseState;

describe('isValidBsn: the elfproef', () => {
  it.each(['111222333', '123456782', '999999990'])('accepts %s', (bsn) => {
    expect(isValidBsn(bsn)).toBe(true);
  });
  it.each(['111222334', '123456789', '000000000', '12345678', '1234567820', '12345678a', ' 11122233', '', 123456782, null, undefined])('refuses %p', (bsn) => {
    expect(isValidBsn(bsn)).toBe(false);
  });
});

describe('subject-identified', () => {
  it('open-case with a childKey in the context also identifies the child, by key only', () => {
    given()
      .when(commands.openCase(), { childKey: KEY })
      .thenState((state, events) => {
        expect(events.map((e) => e.type)).toEqual(['case-opened', 'subject-identified']);
        expect(events[1].data).toEqual({ childKey: KEY });
        expect(state.status === 'open' && state.childKey).toBe(KEY);
      });
  });

  it('without a childKey nothing is identified', () => {
    given().when(commands.openCase()).then((events) => expect(events.map((e) => e.type)).toEqual(['case-opened']));
  });

  it('a melding with a childKey identifies the child; not again when the case already has that key', () => {
    given(caseOpened())
      .when(commands.makeMelding(), { childKey: KEY })
      .then((events) => expect(events.map((e) => e.type)).toEqual(['melding', 'subject-identified']));
    given(caseOpened(), { type: 'subject-identified', data: { childKey: KEY } })
      .when(commands.makeMelding(), { childKey: KEY })
      .then((events) => expect(events.map((e) => e.type)).toEqual(['melding']));
  });

  it('refuses a melding that names another child than the case (subject.different-child)', () => {
    given(caseOpened(), { type: 'subject-identified', data: { childKey: KEY } }).when(commands.makeMelding(), { childKey: OTHER_KEY }).thenThrows('subject.different-child');
  });

  it('the key is not free text, and the BSN has no field anywhere', () => {
    expect(PERSONAL_DATA_FIELDS['subject-identified']).toEqual([]);
    given().when(commands.openCase({ subject: { childRef: 'kind-1', bsn: '111222333' } as never })).thenInvalid('subject.bsn');
  });

  it('refuses a context key that is not a keyed hash (a BSN passed by mistake)', () => {
    expect(() => given().when(commands.openCase(), { childKey: '111222333' }).then(() => undefined)).toThrow(/childKey must be a hex HMAC-SHA256/);
  });
});

describe('priorInvolvement on the melding', () => {
  it('records the looked-up prior involvement, default none', () => {
    given(caseOpened())
      .when(commands.makeMelding(), { priorInvolvement: 'tijdens-monitoring' })
      .thenState((state, [melding]) => {
        expect(melding.data).toMatchObject({ priorInvolvement: 'tijdens-monitoring' });
        expect(state.status === 'open' && state.meldingen[0].priorInvolvement).toBe('tijdens-monitoring');
      });
    given(caseOpened()).when(commands.makeMelding()).then(([melding]) => expect(melding.data).toMatchObject({ priorInvolvement: 'none' }));
  });

  const entry = (overrides: Partial<RadarEntry>): RadarEntry => ({
    caseId: 'c',
    region: 'VR13',
    melder: 'School',
    meldingen: ['2026-10-01'],
    decisions: [],
    monitoring: 'none',
    awaitingAssessment: false,
    signalCategories: [],
    status: 'open',
    ...overrides,
  });
  const NOW = '2026-11-02T10:00:00Z';

  it.each([
    ['none without other meldingen', [], 'none'],
    ['none when the only melding lies after now', [entry({ meldingen: ['2026-12-01'], awaitingAssessment: true })], 'none'],
    ['during the veiligheidsbeoordeling of an open melding', [entry({ awaitingAssessment: true })], 'tijdens-veiligheidsbeoordeling'],
    ['during monitoring by Veilig Thuis', [entry({ monitoring: 'veilig-thuis', decisions: [{ on: '2026-10-05', kind: 'veiligheidsbeoordeling', decision: 'voorwaarden-en-vervolg' }] })], 'tijdens-monitoring'],
    ['after the veiligheidsbeoordeling (handed over, or involvement ended)', [entry({ monitoring: 'overgedragen' }), entry({ status: 'closed', monitoring: 'closed' })], 'na-veiligheidsbeoordeling'],
    ['the open assessment wins over monitoring', [entry({ monitoring: 'veilig-thuis' }), entry({ awaitingAssessment: true })], 'tijdens-veiligheidsbeoordeling'],
  ] as const)('%s', (_what, entries, expected) => {
    expect(priorInvolvementOf(entries, NOW)).toBe(expected);
  });
});

describe('radarEntry: what Veilig Thuis sees of another case about the same child', () => {
  const melding = withMeta(meldingMade(), { eventId: 'melding-1', occurredAt: '2026-10-01T09:00:00.000Z' });

  it('is null for a case that never reached Veilig Thuis', () => {
    expect(radarEntry(existing(caseOpened(), signalRecorded()))).toBeNull();
  });

  it('gives codes, dates and organisations only', () => {
    const state = existing(
      caseOpened(),
      signalRecorded(),
      signalRecorded({ category: 'physical-abuse' }),
      signalRecorded(),
      melding,
      withMeta(safetyAssessed('melding-1', { decision: 'onderzoek' }), { eventId: 'vb-1', occurredAt: '2026-10-05T09:00:00.000Z' }),
      withMeta(childHeard({ moment: 'onderzoek' }), { occurredAt: '2026-10-20T09:00:00.000Z' }),
      withMeta(investigationCompleted('vb-1', 'event-6', { decision: 'overdracht', handoverTo: { organisation: WIJKTEAM, kind: 'lokaal-team' } }), { occurredAt: '2026-12-01T09:00:00.000Z' }),
    );
    const entry = radarEntry(state);
    expect(entry).toEqual({
      caseId: state.caseId,
      region: 'VR13',
      melder: 'Basisschool De Verzonnen Eik',
      meldingen: ['2026-10-01'],
      decisions: [
        { on: '2026-10-05', kind: 'veiligheidsbeoordeling', decision: 'onderzoek' },
        { on: '2026-12-01', kind: 'onderzoek', decision: 'overdracht' },
      ],
      monitoring: 'veilig-thuis',
      awaitingAssessment: false,
      signalCategories: ['neglect', 'physical-abuse'],
      status: 'open',
    });
    const text = JSON.stringify(entry);
    expect(text).not.toMatch(/verzonnen\)|kind-0001/); // no free text, no child reference
  });

  it('follows a vervolgmelding, monitoring handed over and the closure', () => {
    const handedOver = safetyAssessed('melding-1', {
      monitoring: { by: 'overgedragen', to: { organisation: WIJKTEAM }, reason: 'Wijkteam (verzonnen)' },
      responsibilityChanges: [{ scope: 'monitoring', to: { organisation: WIJKTEAM } }],
    });
    expect(radarEntry(existing(caseOpened(), melding))).toMatchObject({ awaitingAssessment: true, monitoring: 'none' });
    expect(radarEntry(existing(caseOpened(), melding, handedOver))).toMatchObject({ awaitingAssessment: false, monitoring: 'overgedragen' });
    expect(radarEntry(existing(caseOpened(), melding, handedOver, withMeta(meldingMade({ region: 'VR05' }), { occurredAt: '2026-12-01T09:00:00.000Z' })))).toMatchObject({
      region: 'VR05',
      meldingen: ['2026-10-01', '2026-12-01'],
      awaitingAssessment: true,
    });
    expect(radarEntry(existing(caseOpened(), melding, caseClosed()))).toMatchObject({ status: 'closed', monitoring: 'closed' });
  });

  it('radar entries of a child\'s cases give the prior involvement of a new melding', () => {
    const earlier = existing(caseOpened(), melding, safetyAssessed('melding-1'));
    const prior = priorInvolvementOf([radarEntry(earlier)!], '2026-11-02T10:00:00Z');
    expect(prior).toBe('tijdens-monitoring');
    given(caseOpened({ caseId: 'c-2' }))
      .when(commands.makeMelding(), { childKey: KEY, priorInvolvement: prior })
      .then(([melding]) => expect(melding.data).toMatchObject({ priorInvolvement: 'tijdens-monitoring' }));
  });
});
