import {
  ACUTE,
  HULP_ANSWERS,
  aVeiligThuisWorker,
  caseOpened,
  childHeard,
  commands,
  consulted,
  given,
  hulpIngezet,
  meldingMade,
  monitorChecked,
  signalRecorded,
  weighed,
  GivenEvent,
} from '@zicht/testing';

const VT13 = { organisation: 'Veilig Thuis VR13', veiligThuisRegion: 'VR13' };

describe('make-melding', () => {
  it('passes zicht op veiligheid to Veilig Thuis of the case region, explicitly in the event', () => {
    given(caseOpened())
      .when(commands.makeMelding())
      .then([
        {
          type: 'melding',
          data: {
            region: 'VR13',
            grounds: [],
            meldplicht: { mandatory: false, grounds: [] },
            responsibilityChanges: [{ scope: 'zicht-op-veiligheid', to: VT13 }],
          },
        },
      ]);
  });

  it('goes to the region named in the melding', () => {
    given(caseOpened())
      .when(commands.makeMelding({ region: 'VR05', grounds: ['structural-unsafety'], vtReference: 'VT-2026-0001' }))
      .then(([e]) =>
        expect(e.data).toEqual({
          region: 'VR05',
          grounds: ['structural-unsafety'],
          vtReference: 'VT-2026-0001',
          meldplicht: { mandatory: false, grounds: [] },
          responsibilityChanges: [{ scope: 'zicht-op-veiligheid', to: { organisation: 'Veilig Thuis VR05', veiligThuisRegion: 'VR05' } }],
        }),
      );
  });

  it('records that it fulfils an open melding duty', () => {
    given(caseOpened(), signalRecorded(), childHeard(), weighed(ACUTE))
      .when(commands.makeMelding())
      .thenState((state, [event]) => {
        expect(event.data).toMatchObject({ meldplicht: { mandatory: true, grounds: ['acute-unsafety'], causeEventId: 'event-3' } });
        expect(state).toMatchObject({ meldplicht: { status: 'fulfilled', fulfilledBy: { eventId: 'event-4' } } });
      });
  });

  it('moves nothing when Veilig Thuis of that region already holds zicht op veiligheid (a second melding)', () => {
    given(caseOpened(), meldingMade())
      .when(commands.makeMelding())
      .then(([e]) => expect(e.data).toMatchObject({ responsibilityChanges: [] }));
  });

  describe('is never blocked: accepted on an open case at any stage', () => {
    const stages: Array<[string, GivenEvent[]]> = [
      ['right after opening (acute: every step skipped)', [caseOpened()]],
      ['after a signal only', [caseOpened(), signalRecorded()]],
      ['after a consultation', [caseOpened(), signalRecorded(), consulted()]],
      ['after the conversation', [caseOpened(), signalRecorded(), childHeard()]],
      ['after a weighing that found no melding needed', [caseOpened(), signalRecorded(), childHeard(), weighed(HULP_ANSWERS)]],
      ['after a melding', [caseOpened(), meldingMade()]],
      ['after help', [caseOpened(), signalRecorded(), childHeard(), weighed(), hulpIngezet('event-2')]],
      ['during monitoring', [caseOpened(), signalRecorded(), childHeard(), weighed(), hulpIngezet('event-2'), monitorChecked('event-4')]],
    ];
    it.each(stages)('%s', (_stage, events) => {
      given(...events)
        .when(commands.makeMelding())
        .then(([e]) => expect(e.type).toBe('melding'));
    });

    it('also when Veilig Thuis itself records it', () => {
      given(caseOpened())
        .when(commands.makeMelding(), { actor: aVeiligThuisWorker() })
        .then(([e]) => expect(e.type).toBe('melding'));
    });
  });
});
