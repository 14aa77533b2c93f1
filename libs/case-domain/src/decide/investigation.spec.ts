import { WIJKTEAM, aVeiligThuisWorker, caseOpened, childHeard, childNotHeard, commands, given, investigationCompleted, meldingMade, safetyAssessed, withMeta } from '@zicht/testing';
import { GivenEvent } from '@zicht/testing';

const vt = { actor: aVeiligThuisWorker() };
const VT_ACTOR = { id: 'vt-0001', role: 'veilig-thuis', organisation: 'Veilig Thuis VR13' };
const melding = withMeta(meldingMade(), { eventId: 'melding-1' });
const onderzoek = withMeta(safetyAssessed('melding-1', { decision: 'onderzoek' }), { eventId: 'vb-1' });
const heardByVt = (overrides = {}, meta = {}) => withMeta(childHeard({ moment: 'onderzoek', ...overrides }), { eventId: 'gesprek-vt', actor: VT_ACTOR, ...meta });
const inOnderzoek = (...more: GivenEvent[]) => given(caseOpened(), melding, onderzoek, ...more);

describe('complete-investigation (the onderzoek)', () => {
  it('concludes the onderzoek decided by the veiligheidsbeoordeling', () => {
    inOnderzoek(heardByVt())
      .when(commands.completeInvestigation('gesprek-vt'), vt)
      .then([
        {
          type: 'investigation-completed',
          data: {
            safetyAssessedEventId: 'vb-1',
            findings: [{ form: 'neglect', outcome: 'bevestigd' }],
            decision: 'voorwaarden-en-vervolg',
            monitoring: { by: 'veilig-thuis' },
            childConversationEventId: 'gesprek-vt',
            rationale: 'Verwaarlozing bevestigd (verzonnen)',
            nextCheckDue: '2027-01-31',
            responsibilityChanges: [],
          },
        },
      ]);
  });

  it('records an onderzoek that ended early, without findings', () => {
    inOnderzoek(heardByVt())
      .when(commands.completeInvestigation('gesprek-vt', { findings: undefined, endedEarly: { reason: 'Gezin verhuisd (verzonnen)' } }), vt)
      .then(([e]) => expect(e.data).toMatchObject({ findings: [], endedEarly: { reason: 'Gezin verhuisd (verzonnen)' } }));
  });

  describe('vt.investigation-requires-decision', () => {
    it('refuses an onderzoek before the veiligheidsbeoordeling', () => {
      given(caseOpened(), melding, heardByVt()).when(commands.completeInvestigation('gesprek-vt'), vt).thenThrows('vt.investigation-requires-decision');
    });
    it('refuses an onderzoek that the veiligheidsbeoordeling did not decide', () => {
      const error = given(caseOpened(), melding, safetyAssessed('melding-1', { decision: 'overdracht' }), heardByVt())
        .when(commands.completeInvestigation('gesprek-vt'), vt)
        .thenThrows('vt.investigation-requires-decision');
      expect(error.message).toContain('"overdracht"');
    });
    it('refuses a second conclusion of the same onderzoek', () => {
      inOnderzoek(heardByVt(), investigationCompleted('vb-1', 'gesprek-vt')).when(commands.completeInvestigation('gesprek-vt'), vt).thenThrows('vt.investigation-requires-decision');
    });
  });

  describe('vt.investigation-child-not-heard', () => {
    it.each([
      ['no conversation named', undefined, []],
      ['a conversation of another case', 'elders', []],
      ['a conversation at another moment', 'gesprek-vt', [heardByVt({ moment: 'besluit-vervolg' })]],
      ['a child not heard alone', 'gesprek-vt', [heardByVt({ heardAlone: false })]],
      ['an untrained interviewer', 'gesprek-vt', [heardByVt({ interviewerTrained: false })]],
      ['an interviewer who is not of Veilig Thuis', 'gesprek-vt', [heardByVt({}, { actor: { id: 'prof-0002', role: 'professional', organisation: 'Basisschool De Verzonnen Eik' } })]],
    ] as const)('refuses %s', (_what, conversationId, events) => {
      inOnderzoek(...events)
        .when(commands.completeInvestigation('x', { childConversationEventId: conversationId }), vt)
        .thenThrows('vt.investigation-child-not-heard');
    });
    it('refuses a conversation from before the veiligheidsbeoordeling that decided the onderzoek', () => {
      given(caseOpened(), heardByVt(), melding, onderzoek).when(commands.completeInvestigation('gesprek-vt'), vt).thenThrows('vt.investigation-child-not-heard');
    });
    it('accepts a valid child-not-heard at moment onderzoek', () => {
      inOnderzoek(withMeta(childNotHeard({ moment: 'onderzoek', reason: 'not-reachable' }), { eventId: 'niet-gehoord' }))
        .when(commands.completeInvestigation('niet-gehoord'), vt)
        .then(([e]) => expect(e.data).toMatchObject({ childConversationEventId: 'niet-gehoord' }));
    });
  });

  it('hands over and hands monitoring over like a veiligheidsbeoordeling', () => {
    inOnderzoek(heardByVt())
      .when(
        commands.completeInvestigation('gesprek-vt', {
          decision: 'overdracht',
          handoverTo: { organisation: WIJKTEAM, kind: 'bestaande-hulp' },
          monitoring: { by: 'overgedragen', to: { organisation: WIJKTEAM }, reason: 'Hulp loopt al (verzonnen)' },
        }),
        vt,
      )
      .then(([e]) =>
        expect(e.data).toMatchObject({
          responsibilityChanges: [
            { scope: 'monitoring', to: { organisation: WIJKTEAM } },
            { scope: 'hulp', to: { organisation: WIJKTEAM } },
          ],
        }),
      );
    inOnderzoek(heardByVt()).when(commands.completeInvestigation('gesprek-vt', { decision: 'overdracht' }), vt).thenThrows('vt.handover-requires-party');
  });
});
