import { WIJKTEAM, aVeiligThuisWorker, caseOpened, commands, given, meldingMade } from '@zicht/testing';

describe('inform-gemeente', () => {
  it('records that Veilig Thuis informed the gemeente about a party that does not do what was agreed', () => {
    given(caseOpened(), meldingMade())
      .when(commands.informGemeente({ municipality: 'GM0599' }), { actor: aVeiligThuisWorker() })
      .then([{ type: 'gemeente-informed', data: { municipality: 'GM0599', party: WIJKTEAM, reason: 'Afgesproken controle niet gedaan (verzonnen)' } }]);
  });
});
