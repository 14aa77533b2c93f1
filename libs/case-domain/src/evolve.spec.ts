import {
  ACUTE,
  HULP_ANSWERS,
  WIJKTEAM,
  caseClosed,
  caseOpened,
  caseReopened,
  childHeard,
  childNotHeard,
  consulted,
  hulpIngezet,
  meldingMade,
  monitorChecked,
  recordAll,
  responsibilityAssigned,
  signalRecorded,
  stateOf,
  weighed,
  withMeta,
  GivenEvent,
} from '@zicht/testing';
import { evolve, foldEvents } from './evolve';
import { CaseState, ExistingCaseState, initialState } from './state';

function existing(state: CaseState): ExistingCaseState {
  if (state.status === 'none') throw new Error('expected a case');
  return state;
}
const at = (...events: GivenEvent[]) => existing(stateOf(...events));
const SCHOOL_PARTY = { organisation: 'Basisschool De Verzonnen Eik' };
const VT13 = { organisation: 'Veilig Thuis VR13', veiligThuisRegion: 'VR13' };

describe('evolve', () => {
  it('starts from no case', () => {
    expect(initialState).toEqual({ status: 'none' });
  });

  it('case-opened: an open case with its opener, region, subject and zicht op veiligheid', () => {
    const state = at(withMeta(caseOpened(), { occurredAt: '2026-11-01T08:00:00.000Z', actor: { id: 'prof-9', role: 'professional', organisation: 'Basisschool De Verzonnen Eik' } }));
    expect(state).toMatchObject({
      status: 'open',
      caseId: '00000000-0000-4000-8000-000000000001',
      revision: 0,
      openedAt: '2026-11-01T08:00:00.000Z',
      openedBy: { actorId: 'prof-9', organisation: 'Basisschool De Verzonnen Eik', beroepsgroep: 'onderwijs' },
      origin: 'signal',
      region: 'VR13',
      municipality: 'GM0363',
      subject: { childRef: 'kind-0001', birthYear: 2017 },
      meldplicht: { status: 'none' },
      hulp: { current: null, history: [] },
      monitoring: { since: null, durationFrom: null, firstCheckDue: null, nextCheckDue: null },
      veiligThuis: { assessments: [], investigations: [], conditions: [], melderFeedback: [], gemeenteNotices: [] },
    });
    expect(state.responsibility['zicht-op-veiligheid']).toEqual({
      current: SCHOOL_PARTY,
      timeline: [{ party: SCHOOL_PARTY, from: '2026-11-01T08:00:00.000Z', until: null, eventId: 'event-0', revision: 0, endedByEventId: null, via: 'case-opened' }],
    });
    expect(state.responsibility.hulp.current).toBeNull();
    expect(state.responsibility.monitoring.current).toBeNull();
  });

  it('signal and consultation are appended with their event ref', () => {
    const state = at(caseOpened(), signalRecorded(), consulted());
    expect(state.signals).toEqual([expect.objectContaining({ eventId: 'event-1', revision: 1, category: 'neglect', source: 'own-observation' })]);
    expect(state.consultations).toEqual([expect.objectContaining({ eventId: 'event-2', with: 'aandachtsfunctionaris', adviesvraag: false })]);
    expect(state.revision).toBe(2);
  });

  it('child-heard and child-not-heard: conversations with moment, trained flag, heardAlone, revisitBy', () => {
    const state = at(caseOpened(), childHeard({ interviewerTrained: false, heardAlone: false }), childNotHeard({ moment: 'evaluatie', revisitBy: '2026-12-01' }));
    expect(state.childConversations).toEqual([
      expect.objectContaining({ eventId: 'event-1', outcome: 'heard', moment: 'signalering', interviewerTrained: false, heardAlone: false, interviewerId: 'prof-0001' }),
      expect.objectContaining({ eventId: 'event-2', outcome: 'not-heard', moment: 'evaluatie', reason: 'child-declined', revisitBy: '2026-12-01' }),
    ]);
  });

  it('weighed: conclusion and grounds; a melding-required weighing opens the melding duty', () => {
    const state = at(caseOpened(), signalRecorded(), childHeard(), weighed(ACUTE));
    expect(state.weighings).toEqual([expect.objectContaining({ eventId: 'event-3', conclusion: 'melding-required', meldplichtGrounds: ['acute-unsafety'] })]);
    expect(state.meldplicht).toEqual({
      status: 'open',
      grounds: ['acute-unsafety'],
      cause: { eventId: 'event-3', revision: 3, occurredAt: '2026-11-01T08:03:00.000Z', type: 'weighed' },
    });
  });

  it('weighed: a hulp weighing leaves the duty as it was', () => {
    expect(at(caseOpened(), signalRecorded(), childHeard(), weighed(HULP_ANSWERS)).meldplicht).toEqual({ status: 'none' });
  });

  it('weighed: a later weighing does not lift an open duty, and adds its grounds', () => {
    const state = at(
      caseOpened(), signalRecorded(), childHeard(), weighed(ACUTE), weighed(HULP_ANSWERS),
      weighed({ suspicion: true, structuralUnsafety: true }),
    );
    expect(state.meldplicht).toMatchObject({ status: 'open', grounds: ['acute-unsafety', 'structural-unsafety'], cause: { eventId: 'event-3' } });
  });

  it('melding: recorded, zicht op veiligheid to Veilig Thuis (timeline closed for the opener), duty fulfilled', () => {
    const state = at(caseOpened(), signalRecorded(), childHeard(), weighed(ACUTE), meldingMade({ vtReference: 'VT-1', meldplicht: { mandatory: true, grounds: ['acute-unsafety'] } }));
    expect(state.meldingen).toEqual([expect.objectContaining({ eventId: 'event-4', region: 'VR13', veiligThuis: VT13, vtReference: 'VT-1', mandatory: true })]);
    expect(state.responsibility['zicht-op-veiligheid'].current).toEqual(VT13);
    expect(state.responsibility['zicht-op-veiligheid'].timeline).toEqual([
      expect.objectContaining({ party: SCHOOL_PARTY, until: '2026-11-01T08:04:00.000Z', endedByEventId: 'event-4' }),
      expect.objectContaining({ party: VT13, from: '2026-11-01T08:04:00.000Z', until: null, eventId: 'event-4' }),
    ]);
    expect(state.meldplicht).toMatchObject({ status: 'fulfilled', fulfilledBy: { eventId: 'event-4' } });
  });

  it('hulp-ingezet: the current plan, its history, the evaluation schedule, hulp and monitoring scopes', () => {
    const state = at(caseOpened(), signalRecorded(), childHeard(), weighed(), hulpIngezet('event-2'));
    expect(state.hulp.current).toMatchObject({ eventId: 'event-4', mode: 'inzetten', plan: { childConversationEventId: 'event-2' }, evaluation: { intervalDays: 28 } });
    expect(state.hulp.current?.components).toHaveLength(1);
    expect(state.hulp.history).toHaveLength(1);
    expect(state.monitoring.nextCheckDue).toBe('2026-12-07');
    expect(state.responsibility.hulp.current).toMatchObject({ organisation: WIJKTEAM });
    expect(state.responsibility.monitoring.current).toMatchObject({ organisation: WIJKTEAM });
  });

  it('hulp-ingezet again: replaces the current plan and restarts the schedule', () => {
    const state = at(caseOpened(), childHeard(), weighed(), hulpIngezet('event-1'), monitorChecked('event-3'),
      hulpIngezet('event-1', { mode: 'voortzetten', evaluation: { method: 'x', intervalDays: 14, firstCheckDue: '2027-03-01' }, responsibilityChanges: [] }));
    expect(state.hulp.current).toMatchObject({ eventId: 'event-5', mode: 'voortzetten' });
    expect(state.hulp.history.map((h) => h.eventId)).toEqual(['event-3', 'event-5']);
    expect(state.monitoring.nextCheckDue).toBe('2027-03-01');
  });

  it('monitor-check: recorded, next check date moves on; unsafe without melding opens the duty', () => {
    const state = at(caseOpened(), childHeard(), weighed(), hulpIngezet('event-1'), monitorChecked('event-3', { safety: 'unsafe', nextCheckDue: '2026-12-21', makesMeldingMandatory: true }));
    expect(state.monitorChecks).toEqual([expect.objectContaining({ eventId: 'event-4', hulpEventId: 'event-3', safety: 'unsafe', nextCheckDue: '2026-12-21' })]);
    expect(state.monitoring.nextCheckDue).toBe('2026-12-21');
    expect(state.meldplicht).toMatchObject({ status: 'open', grounds: ['no-lasting-safety'], cause: { type: 'monitor-check', eventId: 'event-4' } });
  });

  it('monitor-check: follows the event, not a recomputation (unsafe marked not mandatory leaves the duty)', () => {
    const state = at(caseOpened(), childHeard(), weighed(), hulpIngezet('event-1'), monitorChecked('event-3', { safety: 'unsafe', makesMeldingMandatory: false }));
    expect(state.meldplicht).toEqual({ status: 'none' });
  });

  it('responsibility-assigned: moves the scope and keeps the timeline', () => {
    const state = at(caseOpened(), responsibilityAssigned({ scope: 'zicht-op-veiligheid', to: { organisation: WIJKTEAM } }));
    expect(state.responsibility['zicht-op-veiligheid'].current).toEqual({ organisation: WIJKTEAM });
    expect(state.responsibility['zicht-op-veiligheid'].timeline.map((p) => [p.party.organisation, p.until === null])).toEqual([
      ['Basisschool De Verzonnen Eik', false],
      [WIJKTEAM, true],
    ]);
  });

  it('case-closed and case-reopened: status, closure info and history', () => {
    const closed = at(caseOpened(), caseClosed({ reason: 'no-suspicion' }));
    expect(closed).toMatchObject({ status: 'closed', closure: { eventId: 'event-1', reason: 'no-suspicion' } });
    const reopened = at(caseOpened(), caseClosed(), caseReopened({ reason: 'Nieuw (verzonnen)' }));
    expect(reopened.status).toBe('open');
    expect('closure' in reopened).toBe(false);
    expect(reopened.closures).toEqual([expect.objectContaining({ eventId: 'event-1', reopened: expect.objectContaining({ eventId: 'event-2', reason: 'Nieuw (verzonnen)' }) })]);
    expect(reopened.revision).toBe(2);
  });

  it('is pure: the input state is not changed', () => {
    const events = recordAll([caseOpened(), signalRecorded(), childHeard(), weighed(ACUTE), meldingMade(), hulpIngezet('event-2')]);
    const before = foldEvents(events.slice(0, 5));
    const snapshot = JSON.parse(JSON.stringify(before));
    const deepFrozen = deepFreeze(before);
    const after = evolve(deepFrozen, events[5]);
    expect(before).toEqual(snapshot);
    expect(after).not.toBe(before);
  });

  it('tracks the revision of the last applied event', () => {
    expect(at(caseOpened(), signalRecorded(), signalRecorded()).revision).toBe(2);
  });

  it('refuses a corrupt stream', () => {
    const [opened, signal] = recordAll([caseOpened(), signalRecorded()]);
    expect(() => evolve(initialState, signal)).toThrow(/before case-opened/);
    expect(() => evolve(evolve(initialState, opened), { ...opened, revision: 1 })).toThrow(/existing case/);
  });

  it('leaves the state as it is for an unknown (newer) event type, apart from the revision', () => {
    const [opened] = recordAll([caseOpened()]);
    const state = evolve(initialState, opened);
    const unknown = { ...opened, type: 'some-newer-event', revision: 1 } as unknown as Parameters<typeof evolve>[1];
    expect(evolve(state, unknown)).toEqual({ ...state, revision: 1 });
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
