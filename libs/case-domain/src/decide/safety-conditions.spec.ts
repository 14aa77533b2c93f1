import { WIJKTEAM, aVeiligThuisWorker, caseOpened, commands, given, meldingMade, responsibilityAssigned, safetyAssessed, withMeta } from '@zicht/testing';

const vt = { actor: aVeiligThuisWorker() };
const melding = withMeta(meldingMade(), { eventId: 'melding-1' });
const VT13 = { organisation: 'Veilig Thuis VR13', veiligThuisRegion: 'VR13' };

describe('set-safety-conditions (Voorwaarden & Vervolg)', () => {
  it('records the conditions; Veilig Thuis takes monitoring when it did not hold it', () => {
    given(caseOpened(), melding)
      .when(commands.setSafetyConditions(), vt)
      .then([
        {
          type: 'safety-conditions-set',
          data: {
            conditions: [{ description: 'Ouders volgen opvoedondersteuning (verzonnen)', deadline: '2026-12-15' }],
            firstCheckDue: '2026-12-01',
            responsibilityChanges: [{ scope: 'monitoring', to: VT13 }],
          },
        },
      ]);
  });

  it('leaves monitoring as it is when Veilig Thuis already monitors, and starts a new monitoring period', () => {
    given(caseOpened(), melding, safetyAssessed('melding-1'))
      .when(commands.setSafetyConditions(), vt)
      .thenState((state, [event]) => {
        expect(event.data).toMatchObject({ responsibilityChanges: [] });
        expect(state.status === 'open' && state.monitoring).toMatchObject({ since: { via: 'safety-conditions-set' }, nextCheckDue: '2026-12-01' });
      });
  });

  it('takes monitoring back from a party it was handed to', () => {
    given(caseOpened(), melding, responsibilityAssigned({ scope: 'monitoring', to: { organisation: WIJKTEAM } }))
      .when(commands.setSafetyConditions(), vt)
      .then(([e]) => expect(e.data).toMatchObject({ responsibilityChanges: [{ scope: 'monitoring', to: VT13 }] }));
  });
});
