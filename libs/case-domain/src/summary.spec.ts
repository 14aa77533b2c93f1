import {
  ACUTE,
  NOW,
  WIJKTEAM,
  caseClosed,
  caseOpened,
  childHeard,
  childNotHeard,
  consulted,
  hulpIngezet,
  meldingMade,
  monitorChecked,
  signalRecorded,
  stateOf,
  weighed,
  GivenEvent,
} from '@zicht/testing';
import { initialState } from './state';
import { CaseStage, summarize } from './summary';

const summary = (now: string, ...events: GivenEvent[]) => summarize(stateOf(...events), now);
const VT13 = { organisation: 'Veilig Thuis VR13', veiligThuisRegion: 'VR13' };

describe('summarize', () => {
  it('answers GET /cases/:id for a fresh case', () => {
    expect(summary(NOW, caseOpened())).toEqual({
      caseId: '00000000-0000-4000-8000-000000000001',
      revision: 0,
      status: 'open',
      stage: 'signalering',
      region: 'VR13',
      municipality: 'GM0363',
      subject: { childRef: 'kind-0001', birthYear: 2017 },
      origin: 'signal',
      openedAt: '2026-11-01T08:00:00.000Z',
      lastEventAt: '2026-11-01T08:00:00.000Z',
      responsible: { 'zicht-op-veiligheid': { organisation: 'Basisschool De Verzonnen Eik' }, hulp: null, monitoring: null },
      meldplicht: { status: 'none', grounds: [] },
      nextCheckDue: null,
      closure: null,
      flags: [],
    });
  });

  it('throws case.not-found for a case that does not exist', () => {
    expect(() => summarize(initialState, NOW)).toThrow(expect.objectContaining({ rule: 'case.not-found', status: 404 }));
  });

  describe('stage: the furthest step reached', () => {
    const steps: Array<[CaseStage, GivenEvent[]]> = [
      ['signalering', [caseOpened(), signalRecorded()]],
      ['consultatie', [caseOpened(), signalRecorded(), consulted()]],
      ['gesprek', [caseOpened(), signalRecorded(), consulted(), childHeard()]],
      ['weging', [caseOpened(), signalRecorded(), childHeard(), weighed()]],
      ['melding', [caseOpened(), meldingMade()]],
      ['hulp', [caseOpened(), childHeard(), weighed(), hulpIngezet('event-1')]],
      ['monitoring', [caseOpened(), childHeard(), weighed(), hulpIngezet('event-1'), monitorChecked('event-3')]],
      ['gesloten', [caseOpened(), caseClosed()]],
    ];
    it.each(steps)('%s', (stage, events) => {
      expect(summary(NOW, ...events).stage).toBe(stage);
    });
    it('a new signal does not move the stage back', () => {
      expect(summary(NOW, caseOpened(), signalRecorded(), childHeard(), weighed(), signalRecorded()).stage).toBe('weging');
    });
  });

  it('lastEventAt follows the last event', () => {
    expect(summary(NOW, caseOpened(), signalRecorded()).lastEventAt).toBe('2026-11-01T08:01:00.000Z');
  });

  it('responsible per scope after a melding and help', () => {
    const s = summary(NOW, caseOpened(), childHeard(), weighed(), meldingMade(), hulpIngezet('event-1'));
    expect(s.responsible).toEqual({
      'zicht-op-veiligheid': VT13,
      hulp: { organisation: WIJKTEAM, professional: 'Gezinscoach Verzonnen' },
      monitoring: { organisation: WIJKTEAM, professional: 'Gezinscoach Verzonnen' },
    });
  });

  describe('meldplicht', () => {
    it('open, with grounds and since when', () => {
      expect(summary(NOW, caseOpened(), signalRecorded(), childHeard(), weighed(ACUTE)).meldplicht).toEqual({
        status: 'open',
        grounds: ['acute-unsafety'],
        since: '2026-11-01T08:03:00.000Z',
        causeEventId: 'event-3',
      });
    });
    it('fulfilled by the melding', () => {
      expect(summary(NOW, caseOpened(), signalRecorded(), childHeard(), weighed(ACUTE), meldingMade()).meldplicht).toEqual({
        status: 'fulfilled',
        grounds: ['acute-unsafety'],
        since: '2026-11-01T08:03:00.000Z',
        causeEventId: 'event-3',
        fulfilledByEventId: 'event-4',
      });
    });
  });

  it('a closed case shows its closure', () => {
    const s = summary(NOW, caseOpened(), caseClosed({ reason: 'no-suspicion' }));
    expect(s).toMatchObject({ status: 'closed', stage: 'gesloten', closure: { reason: 'no-suspicion', closedAt: '2026-11-01T08:01:00.000Z' } });
  });

  describe('flags', () => {
    it('meldplicht-open while the duty is open, not once met', () => {
      expect(summary(NOW, caseOpened(), signalRecorded(), childHeard(), weighed(ACUTE)).flags).toContain('meldplicht-open');
      expect(summary(NOW, caseOpened(), signalRecorded(), childHeard(), weighed(ACUTE), meldingMade()).flags).not.toContain('meldplicht-open');
    });

    it('child-heard-by-untrained-interviewer', () => {
      expect(summary(NOW, caseOpened(), childHeard({ interviewerTrained: false })).flags).toContain('child-heard-by-untrained-interviewer');
      expect(summary(NOW, caseOpened(), childHeard({ interviewerTrained: true })).flags).not.toContain('child-heard-by-untrained-interviewer');
    });

    it('child-not-heard-revisit-due from the revisit date, until the child is heard', () => {
      const notHeard = [caseOpened(), childNotHeard({ revisitBy: '2026-11-09' })];
      expect(summary('2026-11-08T23:59:00Z', ...notHeard).flags).not.toContain('child-not-heard-revisit-due');
      expect(summary('2026-11-09T08:00:00Z', ...notHeard).flags).toContain('child-not-heard-revisit-due');
      expect(summary('2026-11-20T08:00:00Z', ...notHeard, childHeard()).flags).not.toContain('child-not-heard-revisit-due');
    });

    it('monitoring-check-overdue after the due date, not on it; cleared by a check', () => {
      const withHulp = [caseOpened(), childHeard(), weighed(), hulpIngezet('event-1')];
      expect(summary('2026-12-07T20:00:00Z', ...withHulp).flags).not.toContain('monitoring-check-overdue');
      expect(summary('2026-12-08T08:00:00Z', ...withHulp).flags).toContain('monitoring-check-overdue');
      expect(summary('2026-12-08T08:00:00Z', ...withHulp, monitorChecked('event-3', { nextCheckDue: '2027-01-04' })).flags).not.toContain(
        'monitoring-check-overdue',
      );
      expect(summary('2026-12-08T08:00:00Z', ...withHulp).nextCheckDue).toBe('2026-12-07');
    });

    it('decision-without-child-conversation (a melding that skipped the conversation is recorded, and flagged)', () => {
      expect(summary(NOW, caseOpened(), meldingMade()).flags).toContain('decision-without-child-conversation');
      expect(summary(NOW, caseOpened(), childNotHeard(), meldingMade()).flags).not.toContain('decision-without-child-conversation');
    });

    it('a closed case is not overdue', () => {
      const s = summary('2027-06-01T08:00:00Z', caseOpened(), childNotHeard(), childHeard({ interviewerTrained: false }), weighed(), hulpIngezet('event-2'), monitorChecked('event-4'), caseClosed());
      expect(s.flags).toEqual(['child-heard-by-untrained-interviewer']);
    });
  });
});
