import {
  ACUTE,
  aVeiligThuisWorker,
  caseOpened,
  childHeard,
  commands,
  given,
  hulpIngezet,
  meldingMade,
  monitorChecked,
  responsibilityAssigned,
  safetyAssessed,
  signalRecorded,
  weighed,
  withMeta,
} from '@zicht/testing';

// event-0 opened, event-1 signal, event-2 child heard, event-3 weighed (hulp), event-4 hulp
const withHulp = [caseOpened(), signalRecorded(), childHeard(), weighed(), hulpIngezet('event-2')] as const;

describe('record-monitor-check', () => {
  it('records the check against the current plan; the next check follows the plan interval', () => {
    given(...withHulp)
      .when(commands.recordMonitorCheck(), { occurredAt: '2026-11-02T09:00:00Z' })
      .then([
        {
          type: 'monitor-check',
          data: {
            safety: 'safe',
            helpEffective: true,
            notes: 'Kind komt met ontbijt naar school (verzonnen)',
            nextCheckDue: '2026-11-30',
            hulpEventId: 'event-4',
            makesMeldingMandatory: false,
          },
        },
      ]);
  });

  it('keeps a next check date that is given', () => {
    given(...withHulp)
      .when(commands.recordMonitorCheck({ nextCheckDue: '2026-11-16', childConversationEventId: 'event-2' }))
      .then(([e]) => expect(e.data).toMatchObject({ nextCheckDue: '2026-11-16', childConversationEventId: 'event-2' }));
  });

  it('computes the default next check across a month and year end', () => {
    given(...withHulp)
      .when(commands.recordMonitorCheck(), { occurredAt: '2026-12-20T09:00:00Z', now: '2026-12-20T10:00:00Z' })
      .then(([e]) => expect(e.data).toMatchObject({ nextCheckDue: '2027-01-17' }));
  });

  describe('monitor-check.requires-hulp', () => {
    it('refuses a check without deployed help', () => {
      given(caseOpened(), signalRecorded(), childHeard(), weighed()).when(commands.recordMonitorCheck()).thenThrows('monitor-check.requires-hulp');
    });
    it('refuses a check after a melding but without help', () => {
      given(caseOpened(), meldingMade()).when(commands.recordMonitorCheck()).thenThrows('monitor-check.requires-hulp');
    });
    it('allows a check once help is deployed', () => {
      given(...withHulp).when(commands.recordMonitorCheck()).then((e) => expect(e).toHaveLength(1));
    });
    it('allows a check of Veilig Thuis\' monitoring after its decision, without help: the next one by the norm', () => {
      given(caseOpened(), withMeta(meldingMade(), { eventId: 'melding-1' }), safetyAssessed('melding-1'))
        .when(commands.recordMonitorCheck(), { actor: aVeiligThuisWorker() })
        .then(([e]) => {
          expect(e.data).toMatchObject({ nextCheckDue: '2027-02-01' }); // 2026-11-02 plus 91 days
          expect(e.data).not.toHaveProperty('hulpEventId');
        });
    });
  });

  describe('monitor-check.unknown-child-conversation', () => {
    it('refuses a conversation id that is not of this case', () => {
      given(...withHulp)
        .when(commands.recordMonitorCheck({ childConversationEventId: 'event-1' }))
        .thenThrows('monitor-check.unknown-child-conversation');
    });
  });

  describe('monitor-check.next-check-in-past', () => {
    it('refuses a next check before this check', () => {
      given(...withHulp).when(commands.recordMonitorCheck({ nextCheckDue: '2026-11-01' })).thenThrows('monitor-check.next-check-in-past');
    });
  });

  describe('an unsafe check after help without a melding makes the melding mandatory', () => {
    it('unsafe, no melding: mandatory, ground no-lasting-safety', () => {
      given(...withHulp)
        .when(commands.recordMonitorCheck({ safety: 'unsafe', helpEffective: false }))
        .thenState((state, [event]) => {
          expect(event.data).toMatchObject({ makesMeldingMandatory: true });
          expect(state).toMatchObject({ meldplicht: { status: 'open', grounds: ['no-lasting-safety'], cause: { eventId: 'event-5', type: 'monitor-check' } } });
        });
    });
    it('unknown safety: not mandatory', () => {
      given(...withHulp)
        .when(commands.recordMonitorCheck({ safety: 'unknown' }))
        .then(([e]) => expect(e.data).toMatchObject({ makesMeldingMandatory: false }));
    });
    it('unsafe while Veilig Thuis holds zicht op veiligheid through a melding: not a new duty', () => {
      given(caseOpened(), signalRecorded(), withMeta(childHeard(), { eventId: 'gesprek' }), weighed(ACUTE), meldingMade(), hulpIngezet('gesprek'))
        .when(commands.recordMonitorCheck({ safety: 'unsafe' }))
        .then(([e]) => expect(e.data).toMatchObject({ makesMeldingMandatory: false }));
    });
    it('unsafe after Veilig Thuis handed zicht op veiligheid back: melden again', () => {
      given(
        caseOpened(),
        signalRecorded(),
        withMeta(childHeard(), { eventId: 'gesprek' }),
        weighed(ACUTE),
        meldingMade(),
        responsibilityAssigned({ scope: 'zicht-op-veiligheid', to: { organisation: 'Wijkteam Noord (verzonnen)' } }),
        hulpIngezet('gesprek'),
      )
        .when(commands.recordMonitorCheck({ safety: 'unsafe' }))
        .thenState((state, [event]) => {
          expect(event.data).toMatchObject({ makesMeldingMandatory: true });
          expect(state).toMatchObject({ meldplicht: { status: 'open', grounds: ['no-lasting-safety'] } });
        });
    });
    it('a second unsafe check keeps the first cause', () => {
      given(...withHulp, monitorChecked('event-4', { safety: 'unsafe', makesMeldingMandatory: true }))
        .when(commands.recordMonitorCheck({ safety: 'unsafe' }))
        .thenState((state) => expect(state).toMatchObject({ meldplicht: { status: 'open', cause: { eventId: 'event-5' } } }));
    });
  });
});
