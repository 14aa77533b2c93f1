import { aProfessional, aTrainedInterviewer, caseOpened, commands, given } from '@zicht/testing';

describe('record-child-conversation', () => {
  describe('heard', () => {
    it('records the conversation; a trained interviewer comes from the credentials', () => {
      given(caseOpened())
        .when(commands.hearChild({ accommodations: ['tekenen'] }), { actor: aTrainedInterviewer() })
        .then([
          {
            type: 'child-heard',
            data: {
              moment: 'signalering',
              heardAlone: true,
              accommodations: ['tekenen'],
              viewsSummary: 'Kind vertelt dat het thuis vaak alleen is (verzonnen)',
              interviewerTrained: true,
            },
          },
        ]);
    });

    it('records (not refuses) a conversation by an untrained interviewer, flagged interviewerTrained: false', () => {
      given(caseOpened())
        .when(commands.hearChild(), { actor: aProfessional({ qualifications: [] }) })
        .then(([e]) => expect(e.data).toMatchObject({ interviewerTrained: false }));
    });

    it('never takes the trained flag from the request: it is refused as an unknown field', () => {
      const command = commands.hearChild();
      (command.data as unknown as Record<string, unknown>).interviewerTrained = true;
      given(caseOpened())
        .when(command, { actor: aProfessional({ qualifications: ['something-else'] }) })
        .thenInvalid('interviewerTrained');
    });
  });

  describe('not heard', () => {
    it.each(['child-declined', 'safety-risk', 'not-reachable'] as const)('accepts the valid reason %s', (reason) => {
      given(caseOpened())
        .when(commands.childNotHeard({ reason }))
        .then([
          {
            type: 'child-not-heard',
            data: { moment: 'signalering', reason, explanation: 'Kind wilde vandaag niet praten (verzonnen)', accommodationsTried: [], revisitBy: '2026-11-09' },
          },
        ]);
    });

    describe('child-not-heard.age-or-disability', () => {
      it.each(['age', 'disability'] as const)('refuses %s as a reason, explaining GC12 par. 21', (reason) => {
        const error = given(caseOpened()).when(commands.childNotHeard({ reason })).thenThrows('child-not-heard.age-or-disability');
        expect(error.status).toBe(422);
        expect(error.message).toContain('General Comment 12, par. 21');
        expect(error.message).toContain('not-feasible-despite-accommodations');
      });
      it('refuses age even with accommodations tried', () => {
        given(caseOpened())
          .when(commands.childNotHeard({ reason: 'age', accommodationsTried: ['spel'] }))
          .thenThrows('child-not-heard.age-or-disability');
      });
    });

    describe('child-not-heard.accommodations-required', () => {
      it('refuses "not feasible despite accommodations" without accommodations tried', () => {
        given(caseOpened())
          .when(commands.childNotHeard({ reason: 'not-feasible-despite-accommodations', accommodationsTried: [' '] }))
          .thenThrows('child-not-heard.accommodations-required');
      });
      it('accepts it with what was tried', () => {
        given(caseOpened())
          .when(commands.childNotHeard({ reason: 'not-feasible-despite-accommodations', accommodationsTried: ['tolk Gebarentaal', 'spelmateriaal'] }))
          .then(([e]) => expect(e.data).toMatchObject({ accommodationsTried: ['tolk Gebarentaal', 'spelmateriaal'] }));
      });
    });

    describe('child-not-heard.revisit-in-past', () => {
      it('refuses a date to try again before today', () => {
        given(caseOpened()).when(commands.childNotHeard({ revisitBy: '2026-11-01' })).thenThrows('child-not-heard.revisit-in-past');
      });
      it('accepts today', () => {
        given(caseOpened()).when(commands.childNotHeard({ revisitBy: '2026-11-02' })).then((e) => expect(e).toHaveLength(1));
      });
    });

    it('refuses an unknown reason', () => {
      const command = commands.childNotHeard();
      (command.data as unknown as Record<string, unknown>).reason = 'too-busy';
      given(caseOpened()).when(command).thenInvalid('reason');
    });
  });
});
