import {
  WIJKTEAM,
  caseOpened,
  childHeard,
  childNotHeard,
  commands,
  given,
  hulpIngezet,
  meldingMade,
  responsibilityAssigned,
  signalRecorded,
  weighed,
  withMeta,
} from '@zicht/testing';

const weighedCase = [caseOpened(), signalRecorded(), withMeta(childHeard(), { eventId: 'gesprek-1' }), weighed()] as const;
const responsible = { organisation: WIJKTEAM, professional: 'Gezinscoach Verzonnen' };

describe('deploy-hulp', () => {
  it('records the plan and gives hulp and monitoring to the responsible party', () => {
    given(...weighedCase)
      .when(commands.deployHulp('gesprek-1'))
      .then([
        {
          type: 'hulp-ingezet',
          data: {
            mode: 'inzetten',
            decidedBy: 'melder',
            responsible,
            plan: { aims: ['Kind krijgt dagelijks ontbijt (verzonnen)'], childConversationEventId: 'gesprek-1', discussedWith: ['kind', 'ouders'] },
            components: [{ kind: 'gezinsbegeleiding', provider: WIJKTEAM, startsOn: '2026-11-09', deadline: '2027-02-01', intendedDurationWeeks: 12 }],
            evaluation: { method: 'gesprek met kind en ouders', intervalDays: 28, firstCheckDue: '2026-12-07' },
            responsibilityChanges: [
              { scope: 'hulp', to: responsible },
              { scope: 'monitoring', to: responsible },
            ],
          },
        },
      ]);
  });

  it('leaves monitoring with whoever already holds it (help continued by another provider)', () => {
    given(...weighedCase, hulpIngezet('gesprek-1'))
      .when(commands.deployHulp('gesprek-1', { mode: 'voortzetten', responsible: { organisation: 'GGZ Verzonnen' } }))
      .then(([e]) => expect(e.data).toMatchObject({ responsibilityChanges: [{ scope: 'hulp', to: { organisation: 'GGZ Verzonnen' } }] }));
  });

  it('recognises Veilig Thuis by name as the responsible party', () => {
    given(caseOpened(), meldingMade(), withMeta(childHeard(), { eventId: 'gesprek-1' }))
      .when(commands.deployHulp('gesprek-1', { decidedBy: 'veilig-thuis', responsible: { organisation: 'Veilig Thuis VR13' } }))
      .then(([e]) => expect(e.data).toMatchObject({ responsible: { organisation: 'Veilig Thuis VR13', veiligThuisRegion: 'VR13' } }));
  });

  describe('hulp.child-not-involved', () => {
    it('refuses a plan that names no conversation of this case', () => {
      given(...weighedCase).when(commands.deployHulp('gesprek-van-een-andere-zaak')).thenThrows('hulp.child-not-involved');
    });
    it('refuses a plan that names an event that is not a conversation', () => {
      given(...weighedCase).when(commands.deployHulp('event-1')).thenThrows('hulp.child-not-involved');
    });
    it('accepts a child-not-heard event (the child was involved as far as possible)', () => {
      given(caseOpened(), signalRecorded(), withMeta(childNotHeard(), { eventId: 'niet-gehoord-1' }), weighed())
        .when(commands.deployHulp('niet-gehoord-1'))
        .then(([e]) => expect(e.type).toBe('hulp-ingezet'));
    });
  });

  describe('hulp.requires-weighing', () => {
    const unweighed = [caseOpened(), signalRecorded(), withMeta(childHeard(), { eventId: 'gesprek-1' })] as const;
    it('refuses help decided by the melder without a weighing', () => {
      given(...unweighed).when(commands.deployHulp('gesprek-1')).thenThrows('hulp.requires-weighing');
    });
    it('allows help decided by the melder after a weighing', () => {
      given(...unweighed, weighed()).when(commands.deployHulp('gesprek-1')).then((e) => expect(e).toHaveLength(1));
    });
    it('allows Veilig Thuis to decide without a weighing in a case with a melding', () => {
      given(...unweighed, meldingMade())
        .when(commands.deployHulp('gesprek-1', { decidedBy: 'veilig-thuis' }))
        .then((e) => expect(e).toHaveLength(1));
    });
    it('refuses "decided by Veilig Thuis" without a weighing in a case without a melding', () => {
      given(...unweighed).when(commands.deployHulp('gesprek-1', { decidedBy: 'veilig-thuis' })).thenThrows('hulp.requires-weighing');
    });
  });

  describe('hulp.incomplete-plan', () => {
    const base = commands.deployHulp('gesprek-1').data;
    const component = base.components[0];
    it.each([
      ['no aim', { plan: { ...base.plan, aims: [] } }, 'at least one aim'],
      ['an empty aim', { plan: { ...base.plan, aims: ['ok', ' '] } }, 'an aim is empty'],
      ['no component', { components: [] }, 'at least one component'],
      ['a component without provider', { components: [{ ...component, provider: '' }] }, 'needs a provider'],
      ['a component without start', { components: [{ ...component, startsOn: undefined }] }, 'needs a start date'],
      ['a component without deadline', { components: [{ ...component, deadline: undefined }] }, 'needs a deadline'],
      ['a deadline before the start', { components: [{ ...component, deadline: '2026-11-01' }] }, 'before its start'],
      ['no intended duration', { components: [{ ...component, intendedDurationWeeks: 0 }] }, 'intended duration'],
      ['no evaluation method', { evaluation: { ...base.evaluation, method: '' } }, 'method'],
      ['no evaluation interval', { evaluation: { ...base.evaluation, intervalDays: 0 } }, 'interval'],
      ['no first check date', { evaluation: { ...base.evaluation, firstCheckDue: undefined } }, 'first check date'],
    ])('refuses %s', (_name, change, explanation) => {
      const error = given(...weighedCase).when(commands.deployHulp('gesprek-1', change)).thenThrows('hulp.incomplete-plan');
      expect(error.message).toContain(explanation);
    });
    it('accepts a deadline on the start date', () => {
      given(...weighedCase)
        .when(commands.deployHulp('gesprek-1', { components: [{ ...component, deadline: component.startsOn }] }))
        .then((e) => expect(e).toHaveLength(1));
    });
    it('names every problem at once', () => {
      const error = given(...weighedCase)
        .when(commands.deployHulp('gesprek-1', { plan: { ...base.plan, aims: [] }, components: [] }))
        .thenThrows('hulp.incomplete-plan');
      expect(error.message).toMatch(/aim.*component/);
    });
  });

  describe('the rule of the earliest step wins', () => {
    it('no conversation named, no weighing, incomplete plan: hulp.child-not-involved', () => {
      given(caseOpened(), signalRecorded())
        .when(commands.deployHulp('nope', { components: [] }))
        .thenThrows('hulp.child-not-involved');
    });
    it('no weighing and incomplete plan: hulp.requires-weighing', () => {
      given(caseOpened(), signalRecorded(), withMeta(childHeard(), { eventId: 'gesprek-1' }))
        .when(commands.deployHulp('gesprek-1', { components: [] }))
        .thenThrows('hulp.requires-weighing');
    });
  });

  it('hands monitoring over only by an explicit event, not by new help', () => {
    given(...weighedCase, hulpIngezet('gesprek-1'), responsibilityAssigned({ scope: 'monitoring', to: { organisation: 'Huisarts Verzonnen' } }))
      .when(commands.deployHulp('gesprek-1', { mode: 'voortzetten' }))
      .thenState((state) =>
        expect(state.status !== 'none' && state.responsibility.monitoring.current).toEqual({ organisation: 'Huisarts Verzonnen' }),
      );
  });
});
