import { WIJKTEAM, aVeiligThuisWorker, caseOpened, childHeard, commands, given, investigationCompleted, meldingMade, safetyAssessed, withMeta } from '@zicht/testing';

const vt = { actor: aVeiligThuisWorker() };
const melding = withMeta(meldingMade(), { eventId: 'melding-1' });

describe('inform-melder (the terugkoppeling aan de melder)', () => {
  it('tells the melder about the last veiligheidsbeoordeling', () => {
    given(caseOpened(), melding, withMeta(safetyAssessed('melding-1'), { eventId: 'vb-1' }))
      .when(commands.informMelder({ handoverParties: [WIJKTEAM], melderRole: 'Let op aanwezigheid (verzonnen)' }), vt)
      .then([
        {
          type: 'melder-informed',
          data: {
            moment: 'na-veiligheidsbeoordeling',
            aboutEventId: 'vb-1',
            vervolgStarted: true,
            handoverParties: [WIJKTEAM],
            melderRole: 'Let op aanwezigheid (verzonnen)',
          },
        },
      ]);
  });

  it('after the onderzoek, about the onderzoek', () => {
    given(caseOpened(), melding, withMeta(safetyAssessed('melding-1', { decision: 'onderzoek' }), { eventId: 'vb-1' }), childHeard({ moment: 'onderzoek' }), withMeta(investigationCompleted('vb-1', 'event-3'), { eventId: 'oz-1' }))
      .when(commands.informMelder({ moment: 'na-onderzoek', vervolgStarted: false }), vt)
      .then(([e]) => expect(e.data).toEqual({ moment: 'na-onderzoek', aboutEventId: 'oz-1', vervolgStarted: false, handoverParties: [] }));
  });

  it.each(['na-veiligheidsbeoordeling', 'na-onderzoek'] as const)('vt.feedback-without-decision: refuses %s before that decision', (moment) => {
    given(caseOpened(), melding).when(commands.informMelder({ moment }), vt).thenThrows('vt.feedback-without-decision');
  });
});
