import {
  ACUTE,
  HULP_ANSWERS,
  NO_SUSPICION,
  caseOpened,
  childHeard,
  childNotHeard,
  commands,
  given,
  meldingMade,
  signalRecorded,
} from '@zicht/testing';

describe('record-weighing', () => {
  const ready = [caseOpened(), signalRecorded(), childHeard()] as const;

  it('records the answers with the conclusion computed by the server', () => {
    given(...ready)
      .when(commands.recordWeighing(HULP_ANSWERS))
      .then([
        {
          type: 'weighed',
          data: {
            afwegingskader: { id: 'onderwijs', version: '2018' },
            answers: HULP_ANSWERS,
            rationale: 'Afweging met de aandachtsfunctionaris (verzonnen)',
            conclusion: 'hulp-without-melding',
            meldplichtGrounds: [],
          },
        },
      ]);
  });

  it.each([
    ['no-suspicion', NO_SUSPICION, []],
    ['melding-required', ACUTE, ['acute-unsafety']],
    ['melding-required', { suspicion: true, acuteUnsafety: false, canOfferEffectiveHelp: true, helpAccepted: false }, ['help-not-accepted']],
  ])('concludes %s from the answers', (conclusion, answers, grounds) => {
    given(...ready)
      .when(commands.recordWeighing(answers))
      .then(([event]) => expect(event.data).toMatchObject({ conclusion, meldplichtGrounds: grounds }));
  });

  it('refuses a conclusion smuggled into the request: the server computes it', () => {
    const command = commands.recordWeighing(ACUTE);
    (command.data as unknown as Record<string, unknown>).conclusion = 'hulp-without-melding';
    given(...ready).when(command).thenInvalid('conclusion');
  });

  it('stores only the answers given (no undefined values)', () => {
    given(...ready)
      .when(commands.recordWeighing({ suspicion: true, acuteUnsafety: true, structuralUnsafety: undefined }))
      .then(([event]) => expect(Object.keys((event.data as { answers: object }).answers)).toEqual(['suspicion', 'acuteUnsafety']));
  });

  describe('weighing.requires-signal', () => {
    it('refuses without a signal', () => {
      given(caseOpened(), childHeard()).when(commands.recordWeighing()).thenThrows('weighing.requires-signal');
    });
    it('allows once a signal is recorded', () => {
      given(caseOpened(), signalRecorded(), childHeard()).when(commands.recordWeighing()).then((events) => expect(events).toHaveLength(1));
    });
  });

  describe('weighing.requires-child-conversation', () => {
    it('refuses without a conversation with the child', () => {
      given(caseOpened(), signalRecorded()).when(commands.recordWeighing()).thenThrows('weighing.requires-child-conversation');
    });
    it('allows after child-heard', () => {
      given(caseOpened(), signalRecorded(), childHeard()).when(commands.recordWeighing()).then((e) => expect(e[0].type).toBe('weighed'));
    });
    it('allows after child-not-heard with a valid reason', () => {
      given(caseOpened(), signalRecorded(), childNotHeard()).when(commands.recordWeighing()).then((e) => expect(e[0].type).toBe('weighed'));
    });
  });

  describe('weighing.unknown-afwegingskader', () => {
    it('refuses an unknown id', () => {
      given(...ready)
        .when(commands.recordWeighing(HULP_ANSWERS, { afwegingskader: { id: 'bakkers', version: '2018' } }))
        .thenThrows('weighing.unknown-afwegingskader');
    });
    it('refuses an unknown version of a known id', () => {
      const error = given(...ready)
        .when(commands.recordWeighing(HULP_ANSWERS, { afwegingskader: { id: 'knmg', version: '2099' } }))
        .thenThrows('weighing.unknown-afwegingskader');
      expect(error.message).toContain('knmg 2018');
    });
    it.each([
      ['knmg', '2018'],
      ['onderwijs', '2018'],
      ['kinderopvang', '2019'],
      ['basismodel', '2018'],
    ])('allows %s %s', (id, version) => {
      given(...ready)
        .when(commands.recordWeighing(HULP_ANSWERS, { afwegingskader: { id, version } }))
        .then(([e]) => expect(e.data).toMatchObject({ afwegingskader: { id, version } }));
    });
  });

  describe('weighing.inconsistent-answers', () => {
    it('refuses no suspicion with unsafety', () => {
      given(...ready).when(commands.recordWeighing({ suspicion: false, acuteUnsafety: true })).thenThrows('weighing.inconsistent-answers');
    });
    it('refuses help accepted while no help can be offered', () => {
      given(...ready)
        .when(commands.recordWeighing({ suspicion: true, acuteUnsafety: false, canOfferEffectiveHelp: false, helpAccepted: true }))
        .thenThrows('weighing.inconsistent-answers');
    });
    it('allows consistent answers', () => {
      given(...ready)
        .when(commands.recordWeighing({ suspicion: true, acuteUnsafety: false, canOfferEffectiveHelp: false }))
        .then(([e]) => expect(e.data).toMatchObject({ conclusion: 'melding-required', meldplichtGrounds: ['no-effective-help'] }));
    });
  });

  describe('weighing.incomplete-answers', () => {
    it('refuses a suspicion without question 2', () => {
      given(...ready).when(commands.recordWeighing({ suspicion: true })).thenThrows('weighing.incomplete-answers');
    });
    it('refuses no unsafety without question 3', () => {
      given(...ready)
        .when(commands.recordWeighing({ suspicion: true, acuteUnsafety: false, structuralUnsafety: false }))
        .thenThrows('weighing.incomplete-answers');
    });
    it('allows question 5 to stay open', () => {
      given(...ready)
        .when(commands.recordWeighing({ suspicion: true, acuteUnsafety: false, canOfferEffectiveHelp: true, helpAccepted: true }))
        .then(([e]) => expect(e.data).toMatchObject({ conclusion: 'hulp-without-melding' }));
    });
  });

  describe('the rule of the earliest step wins', () => {
    it('neither a signal nor a conversation: weighing.requires-signal', () => {
      given(caseOpened()).when(commands.recordWeighing()).thenThrows('weighing.requires-signal');
    });
    it('no conversation, unknown framework, inconsistent answers: weighing.requires-child-conversation', () => {
      given(caseOpened(), signalRecorded())
        .when(commands.recordWeighing({ suspicion: false, acuteUnsafety: true }, { afwegingskader: { id: 'x', version: '1' } }))
        .thenThrows('weighing.requires-child-conversation');
    });
    it('unknown framework and inconsistent answers: weighing.unknown-afwegingskader', () => {
      given(...ready)
        .when(commands.recordWeighing({ suspicion: false, acuteUnsafety: true }, { afwegingskader: { id: 'x', version: '1' } }))
        .thenThrows('weighing.unknown-afwegingskader');
    });
    it('inconsistent and incomplete: weighing.inconsistent-answers', () => {
      given(...ready)
        .when(commands.recordWeighing({ suspicion: true, canOfferEffectiveHelp: false, helpAccepted: true }))
        .thenThrows('weighing.inconsistent-answers');
    });
  });

  it('after a melding, a weighing that requires a melding finds the duty already met', () => {
    given(caseOpened(), meldingMade(), signalRecorded(), childHeard())
      .when(commands.recordWeighing(ACUTE))
      .thenState((state) => expect(state).toMatchObject({ meldplicht: { status: 'fulfilled', grounds: ['acute-unsafety'], fulfilledBy: { eventId: 'event-1' } } }));
  });
});
