import { caseOpened, commands, given, recordAll, signalRecorded, withMeta } from './index';

describe('the given/when/then helper', () => {
  it('completes metadata: revisions from 0, event ids, minutes apart, the default actor', () => {
    const [a, b] = recordAll([caseOpened(), withMeta(signalRecorded(), { eventId: 'sig' })]);
    expect(a).toMatchObject({ eventId: 'event-0', revision: 0, occurredAt: '2026-11-01T08:00:00.000Z', actor: { id: 'prof-0001', role: 'professional' } });
    expect(b).toMatchObject({ eventId: 'sig', revision: 1, occurredAt: '2026-11-01T08:01:00.000Z' });
  });

  it('fails then() when the events differ', () => {
    expect(() => given(caseOpened()).when(commands.recordSignal()).then([])).toThrow();
  });

  it('fails thenThrows() when nothing is refused, or another rule refuses', () => {
    expect(() => given(caseOpened()).when(commands.recordSignal()).thenThrows('any')).toThrow(/was not refused|expected rule any/);
    expect(() => given(caseOpened()).when(commands.recordWeighing()).thenThrows('weighing.requires-child-conversation')).toThrow();
  });

  it('thenState records the decided events at ctx.occurredAt by ctx.actor', () => {
    given(caseOpened())
      .when(commands.recordSignal())
      .thenState((state, [event]) => {
        expect(event).toMatchObject({ revision: 1, eventId: 'event-1', occurredAt: '2026-11-02T09:00:00.000Z' });
        expect(state.status === 'open' && state.signals).toHaveLength(1);
      });
  });
});
