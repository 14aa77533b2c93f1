import {
  WIJKTEAM,
  aProfessional,
  aVeiligThuisWorker,
  anAdmin,
  anAnalyst,
  anInspector,
  caseOpened,
  childHeard,
  hulpIngezet,
  meldingMade,
  responsibilityAssigned,
  stateOf,
  weighed,
} from '@zicht/testing';
import { canSee, canSeeRadar, mayActOn, mayCommand, mayFilterByRadar } from './access';
import { initialState } from './state';

const opened = stateOf(caseOpened());
const outsider = aProfessional({ id: 'prof-x', organisation: 'Andere School (verzonnen)' });
const wijkteamWorker = aProfessional({ id: 'prof-w', organisation: WIJKTEAM });

describe('canSee', () => {
  it('nobody sees a case that does not exist', () => {
    expect(canSee(anInspector(), initialState)).toBe(false);
    expect(canSee(aProfessional(), initialState)).toBe(false);
  });

  describe('professional', () => {
    it('sees a case their organisation opened', () => {
      expect(canSee(aProfessional({ id: 'a-colleague' }), opened)).toBe(true);
    });
    it('does not see a case of another organisation', () => {
      expect(canSee(outsider, opened)).toBe(false);
    });
    it('sees a case once their organisation holds a responsibility', () => {
      expect(canSee(wijkteamWorker, opened)).toBe(false);
      expect(canSee(wijkteamWorker, stateOf(caseOpened(), childHeard(), weighed(), hulpIngezet('event-1')))).toBe(true);
    });
    it('still sees a case after their organisation handed its responsibility on (held)', () => {
      const handedOn = stateOf(
        caseOpened(),
        responsibilityAssigned({ scope: 'monitoring', to: { organisation: WIJKTEAM } }),
        responsibilityAssigned({ scope: 'monitoring', to: { organisation: 'Huisarts Verzonnen' } }),
      );
      expect(canSee(wijkteamWorker, handedOn)).toBe(true);
    });
    it('the opener keeps sight after a melding moved zicht op veiligheid', () => {
      expect(canSee(aProfessional(), stateOf(caseOpened(), meldingMade()))).toBe(true);
    });
    it('an organisation named like Veilig Thuis does not see through a Veilig Thuis party', () => {
      expect(canSee(aProfessional({ organisation: 'Veilig Thuis VR13' }), stateOf(caseOpened(), meldingMade()))).toBe(false);
    });
  });

  describe('veilig-thuis', () => {
    it('does not see a case without a melding or responsibility in their region', () => {
      expect(canSee(aVeiligThuisWorker('VR13'), opened)).toBe(false);
    });
    it('sees a case with a melding to their region', () => {
      expect(canSee(aVeiligThuisWorker('VR13'), stateOf(caseOpened(), meldingMade()))).toBe(true);
    });
    it('does not see a melding to another region', () => {
      expect(canSee(aVeiligThuisWorker('VR05'), stateOf(caseOpened(), meldingMade()))).toBe(false);
    });
    it('sees a case where Veilig Thuis of their region holds or held a responsibility', () => {
      const assigned = stateOf(
        caseOpened(),
        responsibilityAssigned({ scope: 'monitoring', to: { organisation: 'Veilig Thuis VR05', veiligThuisRegion: 'VR05' } }),
        responsibilityAssigned({ scope: 'monitoring', to: { organisation: WIJKTEAM } }),
      );
      expect(canSee(aVeiligThuisWorker('VR05'), assigned)).toBe(true);
    });
    it('without a region sees nothing', () => {
      expect(canSee(aVeiligThuisWorker('VR13', { region: undefined }), stateOf(caseOpened(), meldingMade()))).toBe(false);
    });
  });

  it('inspector sees every case', () => {
    expect(canSee(anInspector(), opened)).toBe(true);
  });

  it('analyst and admin never see a case', () => {
    const full = stateOf(caseOpened(), meldingMade());
    expect(canSee(anAnalyst(), full)).toBe(false);
    expect(canSee(anAdmin(), full)).toBe(false);
  });
});

describe('mayCommand', () => {
  it.each([
    ['professional', aProfessional(), true],
    ['veilig-thuis', aVeiligThuisWorker(), true],
    ['inspector', anInspector(), false],
    ['analyst', anAnalyst(), false],
    ['admin', anAdmin(), false],
  ] as const)('%s: %s', (_role, principal, expected) => {
    expect(mayCommand(principal)).toBe(expected);
  });
});

describe('mayActOn', () => {
  it('needs both a commanding role and sight of the case', () => {
    expect(mayActOn(aProfessional(), opened)).toBe(true);
    expect(mayActOn(outsider, opened)).toBe(false);
    expect(mayActOn(anInspector(), opened)).toBe(false);
  });
});

describe('canSeeRadar', () => {
  it('Veilig Thuis of a region that received a melding, and inspectors; nobody before a melding but inspectors', () => {
    const melded = stateOf(caseOpened(), meldingMade());
    expect(canSeeRadar(aVeiligThuisWorker(), opened)).toBe(false); // still the professional's own dossier
    expect(canSeeRadar(aVeiligThuisWorker(), melded)).toBe(true);
    expect(canSeeRadar(aVeiligThuisWorker('VR01'), melded)).toBe(false);
    expect(canSeeRadar(aProfessional(), melded)).toBe(false); // the melder sees the case, not what Veilig Thuis knows
    expect(canSeeRadar(anInspector(), opened)).toBe(true);
    expect(canSeeRadar(anInspector(), initialState)).toBe(false);
    expect(canSeeRadar(anAnalyst(), melded)).toBe(false);
    expect([aVeiligThuisWorker(), anInspector(), aProfessional(), anAnalyst()].map(mayFilterByRadar)).toEqual([true, true, false, false]);
  });
});
