import {
  ACUTE,
  CASE_ID,
  aProfessional,
  aVeiligThuisWorker,
  caseClosed,
  caseOpened,
  caseReopened,
  commands,
  given,
  signalRecorded,
} from '@zicht/testing';
import { CaseCommand } from './commands';
import { CaseClosedError } from './errors';

const everyCommandButOpenAndReopen: CaseCommand[] = [
  commands.recordSignal(),
  commands.recordConsultation(),
  commands.hearChild(),
  commands.recordWeighing(ACUTE),
  commands.makeMelding(),
  commands.deployHulp('event-2'),
  commands.recordMonitorCheck(),
  commands.assignResponsibility(),
  commands.closeCase(),
];

describe('decide: the case lifecycle guards', () => {
  describe('open-case', () => {
    it('opens a case; the opener\'s organisation holds zicht op veiligheid', () => {
      given()
        .when(commands.openCase({ origin: 'kindcheck' }))
        .then([
          {
            type: 'case-opened',
            data: {
              caseId: CASE_ID,
              subject: { childRef: 'kind-0001', birthYear: 2017 },
              region: 'VR13',
              municipality: 'GM0363',
              origin: 'kindcheck',
              openedBy: { organisation: 'Basisschool De Verzonnen Eik', beroepsgroep: 'onderwijs' },
              responsibilityChanges: [{ scope: 'zicht-op-veiligheid', to: { organisation: 'Basisschool De Verzonnen Eik' } }],
            },
          },
        ]);
    });

    it('defaults origin to signal and leaves absent optional fields out', () => {
      given()
        .when({ type: 'open-case', data: { subject: { childRef: 'kind-0002' }, region: 'VR01' } }, { actor: aProfessional({ beroepsgroep: undefined }) })
        .then(([e]) => expect(e.data).toEqual({
          caseId: CASE_ID,
          subject: { childRef: 'kind-0002' },
          region: 'VR01',
          origin: 'signal',
          openedBy: { organisation: 'Basisschool De Verzonnen Eik' },
          responsibilityChanges: [{ scope: 'zicht-op-veiligheid', to: { organisation: 'Basisschool De Verzonnen Eik' } }],
        }));
    });

    it('a case opened by Veilig Thuis is held by Veilig Thuis of its region', () => {
      given()
        .when(commands.openCase(), { actor: aVeiligThuisWorker('VR05') })
        .then(([e]) => expect(e.data).toMatchObject({ responsibilityChanges: [{ scope: 'zicht-op-veiligheid', to: { organisation: 'Veilig Thuis VR05', veiligThuisRegion: 'VR05' } }] }));
    });

    it('refuses an existing case with case.already-exists (409)', () => {
      const error = given(caseOpened()).when(commands.openCase()).thenThrows('case.already-exists');
      expect(error.status).toBe(409);
    });

    it('refuses a closed case with case.already-exists too', () => {
      given(caseOpened(), caseClosed()).when(commands.openCase()).thenThrows('case.already-exists');
    });
  });

  describe('case.not-found', () => {
    it.each(everyCommandButOpenAndReopen.map((c) => [c.type, c] as const))('%s on no case is 404', (_type, command) => {
      expect(given().when(command).thenThrows('case.not-found').status).toBe(404);
    });
  });

  describe('case.closed', () => {
    it.each(everyCommandButOpenAndReopen.map((c) => [c.type, c] as const))('refuses %s on a closed case (409)', (_type, command) => {
      const error = given(caseOpened(), caseClosed()).when(command).thenThrows('case.closed');
      expect(error).toBeInstanceOf(CaseClosedError);
      expect(error.status).toBe(409);
    });

    it('wins over every other rule (a weighing without signal on a closed case)', () => {
      given(caseOpened(), caseClosed()).when(commands.recordWeighing()).thenThrows('case.closed');
    });

    it('takes commands again after a reopen', () => {
      given(caseOpened(), caseClosed(), caseReopened()).when(commands.recordSignal()).then(([e]) => expect(e.type).toBe('signal'));
    });
  });

  describe('reopen-case', () => {
    it('reopens a closed case', () => {
      given(caseOpened(), caseClosed())
        .when(commands.reopenCase({ reason: 'Nieuwe zorgen (verzonnen)' }))
        .then([{ type: 'case-reopened', data: { reason: 'Nieuwe zorgen (verzonnen)' } }]);
    });
    it('refuses to reopen an open case (case.not-closed, 422)', () => {
      expect(given(caseOpened()).when(commands.reopenCase()).thenThrows('case.not-closed').status).toBe(422);
    });
  });

  describe('occurredAt', () => {
    it('accepts a moment in the past', () => {
      given(caseOpened())
        .when(commands.recordSignal({ observedAt: '2026-01-01' }), { occurredAt: '2026-02-01T12:00:00+01:00' })
        .then((e) => expect(e).toHaveLength(1));
    });
    it('refuses a moment after the server time (occurred-at.in-future)', () => {
      given(caseOpened())
        .when(commands.recordSignal(), { occurredAt: '2026-11-02T10:00:01Z', now: '2026-11-02T10:00:00Z' })
        .thenThrows('occurred-at.in-future');
    });
    it('compares instants, not strings (an offset that is still in the past)', () => {
      given(caseOpened())
        .when(commands.recordSignal(), { occurredAt: '2026-11-02T10:30:00+01:00', now: '2026-11-02T10:00:00Z' })
        .then((e) => expect(e).toHaveLength(1));
    });
    it('refuses a future opening too', () => {
      given().when(commands.openCase(), { occurredAt: '2027-01-01T00:00:00Z' }).thenThrows('occurred-at.in-future');
    });
    it('refuses something that is not an instant (occurred-at.invalid)', () => {
      given(caseOpened()).when(commands.recordSignal(), { occurredAt: 'gisteren' }).thenThrows('occurred-at.invalid');
    });
  });

  it('is deterministic: the same input gives the same events', () => {
    const run = () => given(caseOpened(), signalRecorded()).when(commands.recordSignal()).then(() => undefined);
    expect(run()).toEqual(run());
  });

  it('every message explains what to do', () => {
    const error = given(caseOpened()).when(commands.recordWeighing()).thenThrows('weighing.requires-signal');
    expect(error.message).toMatch(/Record at least one signal first/);
  });
});
