import { EventStore, WrongExpectedRevisionError } from '@zicht/event-store';
import { Metrics, streamKind } from './metrics';
import { inRootSpan, inSpan } from './tracing';

/**
 * The event store as the application uses it, measured: every append is timed (and traced as
 * `event-store append`), appends to the access log give its batch sizes, and every batch the log
 * subscription delivers (the projection runner's) is timed and traced as `projection batch`.
 * Everything else passes straight through, so the adapters and the projection runner stay unaware.
 */
export function observeEventStore(store: EventStore, metrics: Metrics): EventStore {
  const appendToStream: EventStore['appendToStream'] = (streamId, events, options) => {
    const kind = streamKind(streamId);
    const stop = metrics.appendDuration.startTimer({ store: store.kind, stream: kind });
    return inSpan('event-store append', { 'zicht.store': store.kind, 'zicht.stream.kind': kind, 'zicht.events': events.length }, () =>
      store.appendToStream(streamId, events, options).then(
        (result) => {
          stop({ outcome: 'ok' });
          if (kind === 'access') metrics.accessLogBatch.observe(events.length);
          return result;
        },
        (error: unknown) => {
          stop({ outcome: error instanceof WrongExpectedRevisionError ? 'conflict' : 'error' });
          throw error;
        },
      ),
    );
  };

  const subscribeToAll: EventStore['subscribeToAll'] = (options) =>
    store.subscribeToAll({
      ...options,
      handler: (batch) => {
        const stop = metrics.projectionBatchDuration.startTimer();
        metrics.projectionBatch.observe(batch.length);
        return inRootSpan('projection batch', { 'zicht.events': batch.length }, () => options.handler(batch)).then(
          () => void stop({ outcome: 'ok' }),
          (error: unknown) => {
            stop({ outcome: 'error' });
            throw error;
          },
        );
      },
    });

  const overrides = new Map<PropertyKey, unknown>([
    ['appendToStream', appendToStream],
    ['subscribeToAll', subscribeToAll],
  ]);
  return new Proxy(store, {
    get(target, property) {
      if (overrides.has(property)) return overrides.get(property);
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
