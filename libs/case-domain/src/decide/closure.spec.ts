import {
  ACUTE,
  NO_SUSPICION,
  WIJKTEAM,
  aVeiligThuisWorker,
  caseOpened,
  childHeard,
  commands,
  given,
  hulpIngezet,
  meldingMade,
  monitorChecked,
  responsibilityAssigned,
  signalRecorded,
  weighed,
  withMeta,
} from '@zicht/testing';

// event-0 opened, event-1 signal, event-2 heard, event-3 weighed (hulp), event-4 hulp (all on 2026-11-01)
const withHulp = [caseOpened(), signalRecorded(), childHeard(), weighed(), hulpIngezet('event-2')] as const;
/** A year and a day after the help: the monitoring norm's minimum duration (365 days) has passed. */
const aYearLater = { occurredAt: '2027-11-02T09:00:00.000Z', now: '2027-11-02T10:00:00.000Z' };

describe('close-case', () => {
  it('closes a case without suspicion', () => {
    given(caseOpened(), signalRecorded(), childHeard(), weighed(NO_SUSPICION))
      .when(commands.closeCase({ reason: 'no-suspicion', summary: 'Geen vermoeden (verzonnen)' }))
      .then([{ type: 'case-closed', data: { reason: 'no-suspicion', summary: 'Geen vermoeden (verzonnen)' } }]);
  });

  describe('closure.melding-required', () => {
    it('refuses to close while the weighing requires a melding that was not made', () => {
      const error = given(caseOpened(), signalRecorded(), childHeard(), weighed(ACUTE)).when(commands.closeCase()).thenThrows('closure.melding-required');
      expect(error.message).toContain('acute-unsafety');
    });
    it('refuses to close after an unsafe check without a melding', () => {
      given(...withHulp, monitorChecked('event-4', { safety: 'unsafe', makesMeldingMandatory: true }))
        .when(commands.closeCase())
        .thenThrows('closure.melding-required');
    });
    it('closes once the melding is made', () => {
      given(caseOpened(), signalRecorded(), childHeard(), weighed(ACUTE), meldingMade())
        .when(commands.closeCase({ reason: 'handed-over' }))
        .then(([e]) => expect(e.type).toBe('case-closed'));
    });
  });

  describe('closure.monitoring-open', () => {
    it('refuses to close deployed help without any check', () => {
      given(...withHulp).when(commands.closeCase()).thenThrows('closure.monitoring-open');
    });
    it('refuses when the last check since the help is not safe', () => {
      given(...withHulp, monitorChecked('event-4', { safety: 'safe' }), monitorChecked('event-4', { safety: 'unknown' }))
        .when(commands.closeCase())
        .thenThrows('closure.monitoring-open');
    });
    it('refuses when the safe check was before the last help', () => {
      given(...withHulp, monitorChecked('event-4'), hulpIngezet('event-2', { mode: 'voortzetten' }))
        .when(commands.closeCase())
        .thenThrows('closure.monitoring-open');
    });
    it('closes after a safe check since the last help, once the norm\'s minimum duration has passed', () => {
      given(...withHulp, monitorChecked('event-4', { safety: 'safe' }))
        .when(commands.closeCase(), aYearLater)
        .then(([e]) => expect(e.type).toBe('case-closed'));
    });
    it('refuses within the norm\'s minimum duration after the help, even after a safe check, and says until when', () => {
      const error = given(...withHulp, monitorChecked('event-4', { safety: 'safe' }))
        .when(commands.closeCase(), { occurredAt: '2027-10-31T09:00:00.000Z', now: '2027-10-31T10:00:00.000Z' })
        .thenThrows('closure.monitoring-open');
      expect(error.message).toContain('until 2027-11-01');
    });
    it('closes on the day the minimum duration ends', () => {
      given(...withHulp, monitorChecked('event-4', { safety: 'safe' }))
        .when(commands.closeCase(), { occurredAt: '2027-11-01T09:00:00.000Z', now: '2027-11-01T10:00:00.000Z' })
        .then(([e]) => expect(e.type).toBe('case-closed'));
    });
    it('closes after monitoring was handed to another party, a year after the handover', () => {
      const handover = withMeta(responsibilityAssigned({ scope: 'monitoring', to: { organisation: 'Huisarts Verzonnen' }, from: { organisation: WIJKTEAM } }), {
        occurredAt: '2027-03-01T09:00:00.000Z',
      });
      given(...withHulp, handover).when(commands.closeCase({ reason: 'handed-over' }), aYearLater).thenThrows('closure.monitoring-open');
      given(...withHulp, handover)
        .when(commands.closeCase({ reason: 'handed-over' }), { occurredAt: '2028-03-01T09:00:00.000Z', now: '2028-03-01T10:00:00.000Z' })
        .then(([e]) => expect(e.type).toBe('case-closed'));
    });
    it('refuses when monitoring was handed to the closing organisation itself', () => {
      given(...withHulp, responsibilityAssigned({ scope: 'monitoring', to: { organisation: 'Basisschool De Verzonnen Eik' } }))
        .when(commands.closeCase())
        .thenThrows('closure.monitoring-open');
    });
    it('Veilig Thuis closes after handing monitoring to the wijkteam', () => {
      given(caseOpened(), meldingMade(), childHeard(), hulpIngezet('event-2', { decidedBy: 'veilig-thuis', responsible: { organisation: 'Veilig Thuis VR13', veiligThuisRegion: 'VR13' } }), responsibilityAssigned({ scope: 'monitoring', to: { organisation: WIJKTEAM } }))
        .when(commands.closeCase({ reason: 'handed-over' }), { actor: aVeiligThuisWorker(), ...aYearLater })
        .then(([e]) => expect(e.type).toBe('case-closed'));
    });
  });

  it('the rule of the earliest step wins: an open melding duty before open monitoring', () => {
    given(...withHulp, monitorChecked('event-4', { safety: 'unsafe', makesMeldingMandatory: true }))
      .when(commands.closeCase())
      .thenThrows('closure.melding-required');
  });
});
