import { WIJKTEAM, caseOpened, commands, given } from '@zicht/testing';

describe('assign-responsibility', () => {
  it('moves one scope from the party holding it to another', () => {
    given(caseOpened())
      .when(commands.assignResponsibility({ scope: 'zicht-op-veiligheid', to: { organisation: WIJKTEAM, professional: 'Casusregisseur Verzonnen', role: 'casusregisseur' } }))
      .then([
        {
          type: 'responsibility-assigned',
          data: {
            scope: 'zicht-op-veiligheid',
            to: { organisation: WIJKTEAM, professional: 'Casusregisseur Verzonnen', role: 'casusregisseur' },
            from: { organisation: 'Basisschool De Verzonnen Eik' },
            reason: 'Wijkteam neemt monitoring over (verzonnen)',
          },
        },
      ]);
  });

  it('gives a scope nobody held yet', () => {
    given(caseOpened())
      .when(commands.assignResponsibility({ scope: 'monitoring' }))
      .then(([e]) => expect(e.data).toMatchObject({ from: null, to: { organisation: WIJKTEAM } }));
  });

  it('recognises Veilig Thuis of a region by name', () => {
    given(caseOpened())
      .when(commands.assignResponsibility({ scope: 'monitoring', to: { organisation: 'Veilig Thuis VR07' } }))
      .then(([e]) => expect(e.data).toMatchObject({ to: { organisation: 'Veilig Thuis VR07', veiligThuisRegion: 'VR07' } }));
  });

  describe('responsibility.already-held', () => {
    it('refuses to assign a scope to the party that holds it', () => {
      given(caseOpened())
        .when(commands.assignResponsibility({ scope: 'zicht-op-veiligheid', to: { organisation: 'Basisschool De Verzonnen Eik' } }))
        .thenThrows('responsibility.already-held');
    });
    it('allows a hand-over within the organisation to a named professional', () => {
      given(caseOpened())
        .when(commands.assignResponsibility({ scope: 'zicht-op-veiligheid', to: { organisation: 'Basisschool De Verzonnen Eik', professional: 'IB-er Verzonnen' } }))
        .then((e) => expect(e).toHaveLength(1));
    });
  });
});
