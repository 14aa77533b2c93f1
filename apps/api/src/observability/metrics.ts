import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ParkedEvent, ProjectionStatus } from '@zicht/projections';

/** What became of a command: its events appended, a repeat answered, nothing to do, refused by a rule, a conflict, a failure. */
export type CommandOutcome = 'appended' | 'replayed' | 'unchanged' | 'refused' | 'conflict' | 'failed';

/** The kind of stream, never its id: `case-…` and `access-…` streams, anything else. */
export type StreamKind = 'case' | 'access' | 'other';

export function streamKind(streamId: string): StreamKind {
  return streamId.startsWith('case-') ? 'case' : streamId.startsWith('access-') ? 'access' : 'other';
}

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SIZES = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000];

/**
 * The application's Prometheus metrics, in a registry of its own (one per application, so that tests
 * with several applications in one process do not mix their figures).
 *
 * Labels hold bounded vocabularies only: route patterns (`/cases/:id`), methods, status codes,
 * command types, outcomes, rule ids and stream kinds. Never a case id, a key, a raw URL or free text.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'zicht_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'zicht_http_request_duration_seconds',
    help: 'Time from receiving a request to sending its answer, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  readonly commands = new Counter({
    name: 'zicht_commands_total',
    help: 'Case commands by type and outcome; rule names the rule that refused a command (empty otherwise)',
    labelNames: ['command', 'outcome', 'rule'] as const,
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'zicht_event_store_append_duration_seconds',
    help: 'Event store appends (one transaction each), by stream kind and outcome (ok, conflict, error)',
    labelNames: ['store', 'stream', 'outcome'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  readonly accessLogBatch = new Histogram({
    name: 'zicht_access_log_batch_size',
    help: 'Access-log records written in one append (records of the same moment share one)',
    buckets: SIZES,
    registers: [this.registry],
  });

  readonly projectionBatch = new Histogram({
    name: 'zicht_projection_batch_size',
    help: 'Events in one projection batch (read models and checkpoint in one transaction)',
    buckets: SIZES,
    registers: [this.registry],
  });

  readonly projectionBatchDuration = new Histogram({
    name: 'zicht_projection_batch_duration_seconds',
    help: 'Time to apply one projection batch, by outcome (ok, error)',
    labelNames: ['outcome'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  private readonly projectionPosition = new Gauge({ name: 'zicht_projection_position', help: 'Last global log position in the read models', registers: [this.registry] });
  private readonly projectionHead = new Gauge({ name: 'zicht_projection_head', help: "The global log's last position", registers: [this.registry] });
  private readonly projectionLag = new Gauge({
    name: 'zicht_projection_lag',
    help: 'How far the read models are behind the log (events on SQLite, log bytes on EventStoreDB)',
    registers: [this.registry],
  });
  private readonly projectionRunning = new Gauge({ name: 'zicht_projection_running', help: '1 while the projections follow the log, 0 when stopped or failed', registers: [this.registry] });

  private readonly projectionParked = new Gauge({
    name: 'zicht_projection_parked_events',
    help: 'Events a projection could not apply and parked (see GET /admin/projections/parked), by projection',
    labelNames: ['projection'],
    registers: [this.registry],
  });
  private readonly projectionParkedOldest = new Gauge({
    name: 'zicht_projection_parked_oldest_position',
    help: 'The global log position of the oldest parked event (0: none), by projection',
    labelNames: ['projection'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Sets the projection gauges (read when scraped). */
  setProjectionStatus(status: ProjectionStatus, parked: ReadonlyArray<Pick<ParkedEvent, 'projection' | 'position'>> = []): void {
    this.projectionParked.reset();
    this.projectionParkedOldest.reset();
    for (const lane of status.projections) {
      this.projectionParked.set({ projection: lane.name }, lane.parked);
      const oldest = parked.find((p) => p.projection === lane.name);
      this.projectionParkedOldest.set({ projection: lane.name }, oldest ? Number(oldest.position) : 0);
    }
    this.projectionPosition.set(Number(status.position ?? 0));
    this.projectionHead.set(Number(status.head ?? 0));
    this.projectionLag.set(Number(status.behind));
    this.projectionRunning.set(status.running ? 1 : 0);
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
