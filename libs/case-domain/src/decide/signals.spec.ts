import { caseOpened, commands, given } from '@zicht/testing';

describe('record-signal', () => {
  it('records the signal as given', () => {
    given(caseOpened())
      .when(commands.recordSignal({ category: 'physical-abuse', source: 'child-disclosure', observedAt: '2026-11-02' }))
      .then([
        {
          type: 'signal',
          data: {
            category: 'physical-abuse',
            source: 'child-disclosure',
            description: 'Komt al weken zonder ontbijt en jas naar school (verzonnen)',
            observedAt: '2026-11-02',
          },
        },
      ]);
  });

  describe('signal.observed-after-recording', () => {
    it('refuses a signal observed after the day it is recorded', () => {
      given(caseOpened()).when(commands.recordSignal({ observedAt: '2026-11-03' })).thenThrows('signal.observed-after-recording');
    });
    it('refuses an observation instant after occurredAt', () => {
      given(caseOpened())
        .when(commands.recordSignal({ observedAt: '2026-11-02T09:30:00Z' }), { occurredAt: '2026-11-02T09:00:00Z' })
        .thenThrows('signal.observed-after-recording');
    });
    it('accepts an observation earlier the same day', () => {
      given(caseOpened())
        .when(commands.recordSignal({ observedAt: '2026-11-02T08:30:00+01:00' }), { occurredAt: '2026-11-02T09:00:00Z' })
        .then((e) => expect(e).toHaveLength(1));
    });
  });
});

describe('record-consultation', () => {
  it('records a consultation with a colleague', () => {
    given(caseOpened())
      .when(commands.recordConsultation({ with: 'colleague' }))
      .then([{ type: 'consultation', data: { with: 'colleague', summary: 'Besproken met de aandachtsfunctionaris (verzonnen)', adviesvraag: false } }]);
  });
  it('marks a consultation of Veilig Thuis as an adviesvraag, without moving responsibility', () => {
    given(caseOpened())
      .when(commands.recordConsultation({ with: 'veilig-thuis' }))
      .thenState((state, [event]) => {
        expect(event.data).toMatchObject({ adviesvraag: true });
        expect(state.status !== 'none' && state.responsibility['zicht-op-veiligheid'].current).toEqual({ organisation: 'Basisschool De Verzonnen Eik' });
      });
  });
});
