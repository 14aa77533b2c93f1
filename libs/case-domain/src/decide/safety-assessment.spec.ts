import { WIJKTEAM, aVeiligThuisWorker, caseOpened, commands, given, hulpIngezet, childHeard, meldingMade, safetyAssessed, signalRecorded, weighed, withMeta } from '@zicht/testing';

const vt = { actor: aVeiligThuisWorker() };
const melding = withMeta(meldingMade(), { eventId: 'melding-1' });
const VT13 = { organisation: 'Veilig Thuis VR13', veiligThuisRegion: 'VR13' };

describe('assess-safety (the veiligheidsbeoordeling)', () => {
  it('records the assessment of the melding in force; Veilig Thuis monitors by default, first check by the norm', () => {
    given(caseOpened(), melding)
      .when(commands.assessSafety(), vt)
      .then([
        {
          type: 'safety-assessed',
          data: {
            meldingEventId: 'melding-1',
            urgency: 'niet-acuut',
            safety: 'onveilig',
            decision: 'voorwaarden-en-vervolg',
            monitoring: { by: 'veilig-thuis' },
            rationale: 'Zorgen over de veiligheid thuis (verzonnen)',
            nextCheckDue: '2027-02-01', // 2026-11-02 plus the norm's 91 days
            responsibilityChanges: [{ scope: 'monitoring', to: VT13 }],
          },
        },
      ]);
  });

  it('monitors by default whatever it decides, even einde-bemoeienis', () => {
    given(caseOpened(), melding)
      .when(commands.assessSafety({ decision: 'einde-bemoeienis' }), vt)
      .then(([e]) => expect(e.data).toMatchObject({ monitoring: { by: 'veilig-thuis' }, responsibilityChanges: [{ scope: 'monitoring', to: VT13 }] }));
  });

  it('hands the case over: hulp to the handover party, monitoring stays with Veilig Thuis', () => {
    given(caseOpened(), melding)
      .when(commands.assessSafety({ decision: 'overdracht', handoverTo: { organisation: WIJKTEAM, kind: 'lokaal-team' } }), vt)
      .then(([e]) =>
        expect(e.data).toMatchObject({
          handoverTo: { organisation: WIJKTEAM, kind: 'lokaal-team' },
          responsibilityChanges: [
            { scope: 'monitoring', to: VT13 },
            { scope: 'hulp', to: { organisation: WIJKTEAM } },
          ],
        }),
      );
  });

  it('hands monitoring over, with the party and the reason in the dossier', () => {
    given(caseOpened(), melding)
      .when(commands.assessSafety({ monitoring: { by: 'overgedragen', to: { organisation: WIJKTEAM }, reason: 'Wijkteam ziet het gezin wekelijks (verzonnen)' } }), vt)
      .then(([e]) =>
        expect(e.data).toMatchObject({
          monitoring: { by: 'overgedragen', to: { organisation: WIJKTEAM }, reason: 'Wijkteam ziet het gezin wekelijks (verzonnen)' },
          responsibilityChanges: [{ scope: 'monitoring', to: { organisation: WIJKTEAM } }],
        }),
      );
  });

  it('keeps an earlier planned check when it comes before the norm', () => {
    given(caseOpened(), signalRecorded(), childHeard(), weighed(), hulpIngezet('event-2'), melding)
      .when(commands.assessSafety(), vt)
      .then(([e]) => expect(e.data).toMatchObject({ nextCheckDue: '2026-12-07' }));
  });

  it('starts a monitoring period that the state follows', () => {
    given(caseOpened(), melding)
      .when(commands.assessSafety(), vt)
      .thenState((state) =>
        expect(state.status === 'open' && state.monitoring).toMatchObject({ since: { eventId: 'event-2', via: 'safety-assessed' }, nextCheckDue: '2027-02-01', firstCheckDue: '2027-02-01' }),
      );
  });

  describe('vt.already-assessed', () => {
    it('refuses a second veiligheidsbeoordeling of the same melding', () => {
      const error = given(caseOpened(), melding, safetyAssessed('melding-1')).when(commands.assessSafety(), vt).thenThrows('vt.already-assessed');
      expect(error.message).toMatch(/new melding opens a new veiligheidsbeoordeling/);
    });
    it('a vervolgmelding opens a new one', () => {
      given(caseOpened(), melding, safetyAssessed('melding-1'), withMeta(meldingMade(), { eventId: 'melding-2' }))
        .when(commands.assessSafety(), vt)
        .then(([e]) => expect(e.data).toMatchObject({ meldingEventId: 'melding-2' }));
    });
  });

  it('vt.handover-requires-party: overdracht names handoverTo', () => {
    given(caseOpened(), melding).when(commands.assessSafety({ decision: 'overdracht' }), vt).thenThrows('vt.handover-requires-party');
  });

  describe('vt.monitoring-handover-requires-reason', () => {
    it.each([
      ['no party', { by: 'overgedragen', reason: 'Wijkteam (verzonnen)' }],
      ['no reason', { by: 'overgedragen', to: { organisation: WIJKTEAM } }],
      ['an empty reason', { by: 'overgedragen', to: { organisation: WIJKTEAM }, reason: '  ' }],
    ] as const)('refuses monitoring handed over with %s', (_what, monitoring) => {
      given(caseOpened(), melding).when(commands.assessSafety({ monitoring }), vt).thenThrows('vt.monitoring-handover-requires-reason');
    });
  });
});
