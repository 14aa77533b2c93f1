/** Who records Veilig Thuis' events, and when: Veilig Thuis of the melding's region, after a melding. */
import { aProfessional, aVeiligThuisWorker, caseOpened, childHeard, commands, given, meldingMade, safetyAssessed, withMeta } from '@zicht/testing';
import { CaseCommand } from '../commands';

const melding = withMeta(meldingMade(), { eventId: 'melding-1' });
const VT_COMMANDS: CaseCommand[] = [
  commands.assessSafety(),
  commands.completeInvestigation('gesprek-vt'),
  commands.setSafetyConditions(),
  commands.informMelder(),
  commands.informGemeente(),
];

describe('Veilig Thuis commands', () => {
  describe.each(VT_COMMANDS.map((c) => [c.type, c] as const))('%s', (_type, command) => {
    it('is refused to a professional, even the melder (vt.wrong-region, 403)', () => {
      const error = given(caseOpened(), melding).when(command, { actor: aProfessional() }).thenThrows('vt.wrong-region');
      expect(error.status).toBe(403);
    });
    it('is refused to Veilig Thuis of another region (vt.wrong-region, 403)', () => {
      const error = given(caseOpened(), melding).when(command, { actor: aVeiligThuisWorker('VR01') }).thenThrows('vt.wrong-region');
      expect(error.status).toBe(403);
      expect(error.message).toContain('VR13');
    });
    it('needs a melding first (vt.requires-melding, 422)', () => {
      const error = given(caseOpened()).when(command, { actor: aVeiligThuisWorker() }).thenThrows('vt.requires-melding');
      expect(error.status).toBe(422);
    });
  });

  it('follows the melding in force: after a vervolgmelding to another region, that region acts', () => {
    const moved = given(caseOpened(), melding, safetyAssessed('melding-1'), withMeta(meldingMade({ region: 'VR05' }), { eventId: 'melding-2' }));
    moved.when(commands.assessSafety(), { actor: aVeiligThuisWorker() }).thenThrows('vt.wrong-region');
    moved.when(commands.assessSafety(), { actor: aVeiligThuisWorker('VR05') }).then(([e]) => expect(e.data).toMatchObject({ meldingEventId: 'melding-2' }));
  });

  it('names the conversation with the child only when it is one of this case (vt.unknown-child-conversation)', () => {
    given(caseOpened(), melding).when(commands.assessSafety({ childConversationEventId: 'elders' }), { actor: aVeiligThuisWorker() }).thenThrows('vt.unknown-child-conversation');
    given(caseOpened(), withMeta(childHeard({ moment: 'besluit-vervolg' }), { eventId: 'gesprek-1' }), melding)
      .when(commands.assessSafety({ childConversationEventId: 'gesprek-1' }), { actor: aVeiligThuisWorker() })
      .then(([e]) => expect(e.data).toMatchObject({ childConversationEventId: 'gesprek-1' }));
  });
});
