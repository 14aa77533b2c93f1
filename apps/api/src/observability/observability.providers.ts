import type { Provider } from '@nestjs/common';
import type { EventStore } from '@zicht/event-store';
import type { ZichtConfig } from '../config/config';
import { EVENT_STORE } from '../store/event-store.module';
import { CommandObserver } from './command-observer';
import { HttpObservability } from './http-observability';
import { METRICS_KEY } from './metrics.controller';
import { Metrics } from './metrics';
import { observeEventStore } from './observed-event-store';

/** Metrics, the HTTP hooks, the command observer, and the event store as the application sees it: measured. */
export function observabilityProviders(config: ZichtConfig, eventStore: EventStore): Provider[] {
  return [
    { provide: Metrics, useFactory: () => new Metrics() },
    { provide: EVENT_STORE, useFactory: (metrics: Metrics) => observeEventStore(eventStore, metrics), inject: [Metrics] },
    { provide: METRICS_KEY, useValue: config.metricsKey },
    CommandObserver,
    HttpObservability,
  ];
}
