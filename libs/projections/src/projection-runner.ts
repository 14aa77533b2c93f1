import { EventStore, StoredEvent, Subscription } from '@zicht/event-store';
import { Kysely } from 'kysely';
import { dialectOf, tableNames } from './dialect';
import { GENERATIONS, GenerationRow, PARKED, createGeneration, dropGeneration, ensureRunnerTables, generationNames, indexGeneration, migrateGeneration, swapIn } from './generations';
import { ParkedEvent, safeReason } from './parked';
import { decodePosition, encodePosition } from './position';
import { BatchContext, Projection, ProjectionWriter } from './projection';
import { Statements } from './statements';
import { GenerationNames, rowValues } from './table-spec';

/** Events per batch of a first build, by default (see `ProjectionRunnerOptions.buildBatchSize`). */
export const FIRST_BUILD_BATCH = 50_000;

export interface ProjectionRunnerOptions {
  /** Events per batch while following the live log (default 500). */
  batchSize?: number;
  /**
   * Events per batch while building a generation. Default: 50,000 while there is no older generation
   * to answer from (the first build), 5,000 beside a live one (a batch holds the event loop, and
   * queries are answered meanwhile). A store that reads its log by stream hands a build each case's
   * events together, so the batch size hardly matters (1.1 million events of a log as it happened:
   * 28,600 events/s in batches of 5,000, 30,700 in batches of 50,000, 23,900 in 200,000, which need
   * 0.6, 1.0 and 1.8 GB); in log order a case is written once per batch that has its events.
   */
  buildBatchSize?: number;
  /** Only the first build's batch size (when `buildBatchSize` is unset): a first build's batch holds the event loop for seconds. */
  firstBuildBatchSize?: number;
  /** Reports failures (no event data is ever passed). */
  onError?: (error: Error) => void;
  /** Back-off before trying again after a failure. */
  retryMs?: number;
  /**
   * While this runner does not apply the batches itself (another process leads, see
   * projector-lease.ts), waitFor polls the stored checkpoints this often (default 10 ms).
   */
  followPollMs?: number;
  now?: () => Date;
}

/** A generation being built: how far, how fast, how long still (in the log's own position units). */
export interface BuildProgress {
  generation: number;
  version: number;
  /** Building into the names queries use: there was no older generation to answer meanwhile. */
  inPlace: boolean;
  position: string | null;
  events: number;
  /** Reading the log stream by stream up to the head it began at (position stays null meanwhile), then in log order. */
  byStream: boolean;
  eventsPerSecond: number;
  secondsLeft: number | null;
}

export interface ProjectionLaneStatus {
  name: string;
  version: number;
  /** The generation queries read (null while the first one is built in place). */
  live: { generation: number; version: number; position: string | null } | null;
  building: BuildProgress | null;
  parked: number;
}

export interface ProjectionStatus {
  /** True while this process applies the batches (it leads); false on an API node or a standby projector. */
  running: boolean;
  /** Where the figures come from: this process's own lanes, or the checkpoints another process stored. */
  source: 'applying' | 'stored';
  /** The last position every answering read model includes (decimal), or null before the first event. */
  position: string | null;
  /** The log's last position, or null for an empty log. */
  head: string | null;
  /** Events (SQLite) or log bytes (EventStoreDB) between the two; 0 when caught up. */
  behind: string;
  lastError: string | null;
  /** Events parked across all projections (see /admin/projections/parked). */
  parked: number;
  /** True while a generation is built. */
  rebuilding: boolean;
  projections: ProjectionLaneStatus[];
}

interface Lane {
  readonly projection: Projection;
  readonly generation: number;
  readonly version: number;
  status: 'live' | 'building';
  inPlace: boolean;
  names: GenerationNames;
  writer: ProjectionWriter;
  position: bigint | null;
  /** While the build reads the log stream by stream up to `upTo`: the last event applied (see `sweepStep`). */
  sweep: Sweep | null;
  parkedStreams: Set<string>;
  parked: number;
  /** Events applied since the generation began (persisted), and where this process took it up. */
  events: number;
  resumed: { at: number; position: bigint | null; events: number };
}

/** Where a build that reads the log stream by stream is. */
interface Sweep {
  upTo: bigint;
  after: { streamId: string; revision: number } | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * Follows the store's global log and keeps every projection's generations: the live ones from one
 * subscription, with each lane's rows and checkpoint in one transaction per batch (a crash neither
 * loses nor double-counts an event; a redelivered batch is skipped up to each checkpoint); and the
 * ones being built from a second reader in large batches, swapped in once they have caught up.
 */
export class ProjectionRunner {
  private lanes: Lane[] = [];
  private readonly statements = new Statements();
  private subscription: Subscription | null = null;
  private building: Promise<void> | null = null;
  private waiters: { position: bigint; resolve: (ok: boolean) => void; timer: NodeJS.Timeout }[] = [];
  private builtWaiters: Array<() => void> = [];
  private lastError: string | null = null;
  private stopped = true;
  private started: Promise<void> | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private exclusiveTail: Promise<unknown> = Promise.resolve();
  private following: Promise<void> | null = null;
  private runnerTablesSeen = false;
  private rebuilding: Promise<{ events: number; ms: number }> | null = null;
  private readonly now: () => Date;

  constructor(
    private readonly store: EventStore,
    private readonly db: Db,
    private readonly projections: Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    const names = projections.map((p) => p.name);
    if (new Set(names).size !== names.length) throw new Error(`projection names must be unique: ${names.join(', ')}`);
    this.now = options.now ?? (() => new Date());
  }

  start(): Promise<void> {
    this.started ??= this.open().catch((error: unknown) => {
      this.started = null;
      throw error;
    });
    return this.started;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.stop();
    await this.building?.catch(() => undefined);
    await this.exclusiveTail.catch(() => undefined);
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.resolve(false);
    }
    this.started = null;
  }

  /**
   * Builds new generations of the projections (default: all) beside the live ones, which keep
   * answering, and swaps each in once it has caught up with the live log; resolves then. A request
   * while a build runs joins it.
   */
  rebuild(names: readonly string[] = this.projections.map((p) => p.name)): Promise<{ events: number; ms: number }> {
    this.rebuilding ??= this.buildAgain(names).finally(() => (this.rebuilding = null));
    return this.rebuilding;
  }

  /**
   * Resolves true once every answering read model includes `position`, false after `timeoutMs`.
   * While another process applies the batches, it follows the checkpoints that process stores.
   */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.reached(position)) return Promise.resolve(true);
    const waiting = new Promise<boolean>((resolve) => {
      const waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
    if (this.stopped) this.followStored();
    return waiting;
  }

  async status(): Promise<ProjectionStatus> {
    if (this.stopped) return this.storedStatus();
    const head = await this.store.headPosition();
    const position = this.servingPosition();
    const behind = this.behind(position, head);
    const seconds = Date.now();
    return {
      running: !this.stopped && (this.subscription !== null || this.building !== null),
      source: 'applying',
      position: position === null ? null : position.toString(),
      head: head === null ? null : head.toString(),
      behind: (behind < 0n ? 0n : behind).toString(),
      lastError: this.lastError,
      parked: this.lanes.filter((l) => l.status === 'live' || l.inPlace).reduce((n, l) => n + l.parked, 0),
      rebuilding: this.lanes.some((l) => l.status === 'building'),
      projections: this.projections.map((projection) => {
        const lanes = this.lanes.filter((l) => l.projection === projection);
        const live = lanes.find((l) => l.status === 'live');
        const built = lanes.find((l) => l.status === 'building');
        return {
          name: projection.name,
          version: projection.version,
          live: live ? { generation: live.generation, version: live.version, position: live.position?.toString() ?? null } : null,
          building: built ? progressOf(built, this.left(built, head), seconds, (from, to) => this.behind(from, to)) : null,
          parked: live?.parked ?? (built?.inPlace ? built.parked : 0),
        };
      }),
    };
  }

  /** The parked events of the generations queries read, oldest first. */
  async parked(limit = 1000): Promise<ParkedEvent[]> {
    const live = this.stopped
      ? servingRows(this.projections, await this.storedRows()).map((r) => ({ projection: { name: r.name }, generation: r.generation }))
      : this.lanes.filter((l) => l.status === 'live' || l.inPlace);
    if (live.length === 0) return [];
    const rows = await this.db
      .selectFrom(PARKED.name)
      .selectAll()
      .where((eb) => eb.or(live.map((l) => eb.and([eb('name', '=', l.projection.name), eb('generation', '=', l.generation)]))))
      .orderBy('position')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      projection: r.name,
      generation: r.generation,
      streamId: r.stream_id,
      revision: r.revision,
      position: String(decodePosition(r.position)),
      error: r.error,
      reason: r.reason,
      parkedAt: r.parked_at,
    }));
  }

  /**
   * Applies the parked events of the live generations again (after a fix), stream by stream in
   * order; those that still fail are parked again. Resolves with how many were retried and are left.
   */
  retryParked(): Promise<{ retried: number; parked: number }> {
    return this.exclusive(async () => {
      let retried = 0;
      for (const lane of this.lanes.filter((l) => l.status === 'live' && l.parked > 0)) {
        const rows = await this.db.selectFrom(PARKED.name).select(['stream_id', 'revision', 'position']).where('name', '=', lane.projection.name).where('generation', '=', lane.generation).execute();
        const positions = new Set(rows.map((r) => r.position as string));
        const streams = new Map<string, number>();
        for (const r of rows) streams.set(r.stream_id, Math.min(r.revision, streams.get(r.stream_id) ?? Infinity));
        const events: StoredEvent[] = [];
        for (const [streamId, fromRevision] of streams) {
          for (const e of await this.store.readStream(streamId, { fromRevision })) if (positions.has(encodePosition(e.position))) events.push(e);
        }
        events.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
        retried += events.length;
        await this.retryLane(lane, events, [...streams.keys()]);
      }
      return { retried, parked: this.lanes.filter((l) => l.status === 'live').reduce((n, l) => n + l.parked, 0) };
    });
  }

  // ---------------------------------------------------------------------------------------------

  private async open(): Promise<void> {
    this.stopped = false;
    await ensureRunnerTables(this.db);
    const rows = (await this.db.selectFrom(GENERATIONS.name).selectAll().execute()) as GenerationRow[];
    const now = this.now().toISOString();
    this.lanes = [];
    for (const projection of this.projections) {
      const mine = rows.filter((r) => r.name === projection.name);
      const live = mine.find((r) => r.status === 'live');
      let built = mine.find((r) => r.status === 'building');
      if (live) {
        await migrateGeneration(this.db, projection, live, true);
        this.lanes.push(await this.lane(projection, live, false));
      }
      if (built && built.version !== projection.version) {
        await dropGeneration(this.db, projection, built.generation, !live);
        built = undefined;
      }
      if (!built && (!live || live.version !== projection.version)) {
        const generation = Math.max(0, ...mine.map((r) => r.generation)) + 1;
        await createGeneration(this.db, projection, generation, !live, now);
        built = { name: projection.name, generation, version: projection.version, status: 'building', position: null, migrations: projection.migrations.length, events: 0, sweep: null, started_at: now, updated_at: now };
      } else if (built) {
        await migrateGeneration(this.db, projection, built, !live);
      }
      if (built) this.lanes.push(await this.lane(projection, built, !live));
    }
    this.subscribeLive();
    this.startBuilding();
  }

  private async lane(projection: Projection, row: GenerationRow, inPlace: boolean): Promise<Lane> {
    const names = generationNames(this.db, projection, row.generation, row.status === 'live' || inPlace);
    const parked = await this.db
      .selectFrom(PARKED.name)
      .select('stream_id')
      .distinct()
      .where('name', '=', row.name)
      .where('generation', '=', row.generation)
      .execute();
    const count = await this.db
      .selectFrom(PARKED.name)
      .select((eb) => eb.fn.countAll().as('n'))
      .where('name', '=', row.name)
      .where('generation', '=', row.generation)
      .executeTakeFirstOrThrow();
    const position = decodePosition(row.position);
    return {
      projection,
      generation: row.generation,
      version: row.version,
      status: row.status,
      inPlace: row.status === 'building' && inPlace,
      names,
      writer: projection.createWriter(names),
      position,
      sweep: decodeSweep(row.sweep),
      parkedStreams: new Set(parked.map((r) => r.stream_id as string)),
      parked: Number(count.n),
      events: row.events,
      resumed: { at: Date.now(), position, events: row.events },
    };
  }

  private async buildAgain(names: readonly string[]): Promise<{ events: number; ms: number }> {
    const started = Date.now();
    await this.start();
    const selected = this.projections.filter((p) => names.includes(p.name));
    await this.exclusive(async () => {
      for (const projection of selected) {
        if (this.lanes.some((l) => l.projection === projection && l.status === 'building')) continue;
        const live = this.lanes.find((l) => l.projection === projection && l.status === 'live');
        const generation = Math.max(0, ...this.lanes.filter((l) => l.projection === projection).map((l) => l.generation)) + 1;
        const now = this.now().toISOString();
        await createGeneration(this.db, projection, generation, !live, now);
        const row: GenerationRow = { name: projection.name, generation, version: projection.version, status: 'building', position: null, migrations: projection.migrations.length, events: 0, sweep: null, started_at: now, updated_at: now };
        this.lanes.push(await this.lane(projection, row, !live));
      }
    });
    const lanes = this.lanes.filter((l) => selected.includes(l.projection) && l.status === 'building');
    this.startBuilding();
    while (lanes.some((l) => l.status === 'building') && !this.stopped) await new Promise<void>((resolve) => this.builtWaiters.push(resolve));
    return { events: Math.max(0, ...lanes.map((l) => l.events)), ms: Date.now() - started };
  }

  // The live follower --------------------------------------------------------------------------

  private subscribeLive(): void {
    if (this.stopped || this.subscription) return;
    const live = this.lanes.filter((l) => l.status === 'live');
    if (live.length === 0) return;
    const subscription = this.store.subscribeToAll({
      after: minPosition(live),
      batchSize: this.options.batchSize ?? 500,
      handler: (batch) =>
        this.exclusive(() =>
          this.applyTo(
            this.lanes.filter((l) => l.status === 'live'),
            batch,
          ),
        ),
    });
    this.subscription = subscription;
    void subscription.failed.then((error) => {
      if (this.subscription !== subscription || this.stopped) return;
      this.subscription = null;
      this.failed(error);
      this.restartTimer = setTimeout(() => this.subscribeLive(), this.options.retryMs ?? 1000);
    });
  }

  // The build follower -------------------------------------------------------------------------

  private startBuilding(): void {
    if (this.stopped || this.building || !this.lanes.some((l) => l.status === 'building')) return;
    this.building = this.buildLoop().finally(() => {
      this.building = null;
      for (const resolve of this.builtWaiters.splice(0)) resolve();
    });
  }

  private async buildLoop(): Promise<void> {
    while (!this.stopped) {
      const building = this.lanes.filter((l) => l.status === 'building');
      if (building.length === 0) return;
      const limit = this.options.buildBatchSize ?? (building.every((l) => l.inPlace) ? (this.options.firstBuildBatchSize ?? FIRST_BUILD_BATCH) : 5_000);
      try {
        const sweeping = await this.sweepingLanes(building);
        if (sweeping.length > 0) {
          await this.sweepStep(sweeping, limit);
          await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
        const after = minPosition(building);
        const target = maxPosition(this.lanes.filter((l) => l.status === 'live'));
        const caughtUp = target !== null && after !== null && after >= target;
        const batch = caughtUp ? [] : await this.store.readAll({ after, limit });
        if (batch.length === 0) {
          await this.exclusive(() => this.swap(building, limit));
        } else {
          await this.applyTo(building, batch);
          await new Promise<void>((resolve) => setImmediate(resolve)); // let requests in between batches
        }
      } catch (error) {
        this.failed(error instanceof Error ? error : new Error(String(error)));
        await new Promise((resolve) => setTimeout(resolve, this.options.retryMs ?? 1000));
      }
    }
  }

  /**
   * The lanes to read stream by stream now: a build that has applied nothing yet begins a sweep up to
   * the log's head (when the store can read by stream), so that each stream's events arrive together
   * and its rows are written once, however the log interleaves the streams; events after that head
   * follow in log order. Lanes sweeping from different places (a build begun during another's sweep)
   * take turns; lanes already in log order wait until the sweeps are done.
   */
  private async sweepingLanes(building: Lane[]): Promise<Lane[]> {
    if (!this.store.readLogByStream) return [];
    const fresh = building.filter((l) => l.position === null && l.sweep === null);
    if (fresh.length > 0) {
      const head = await this.store.headPosition();
      if (head !== null) for (const lane of fresh) lane.sweep = { upTo: head, after: null };
    }
    const first = building.find((l) => l.sweep !== null);
    return first ? building.filter((l) => l.sweep !== null && encodeSweep(l.sweep) === encodeSweep(first.sweep)) : [];
  }

  /** One page of the sweep, applied with the sweep's place as checkpoint; at its end, the head it swept to. */
  private async sweepStep(lanes: Lane[], limit: number): Promise<void> {
    const { upTo, after } = lanes[0].sweep!;
    const page = await this.store.readLogByStream!({ upTo, after, limit });
    if (page.length > 0) {
      const last = page[page.length - 1];
      await this.applyTo(lanes, page, { upTo, after: { streamId: last.streamId, revision: last.revision } });
      return;
    }
    const now = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      for (const lane of lanes) {
        await trx.updateTable(GENERATIONS.name).set({ position: encodePosition(upTo), sweep: null, updated_at: now }).where('name', '=', lane.projection.name).where('generation', '=', lane.generation).execute();
      }
    });
    for (const lane of lanes) {
      lane.sweep = null;
      lane.position = upTo;
    }
    this.settleWaiters();
  }

  /**
   * With the live follower held: brings the built generations up to (at least) the live ones'
   * position, then swaps them in, in one transaction. No query sees an older revision afterwards.
   */
  private async swap(building: Lane[], limit: number): Promise<void> {
    for (const lane of building) await indexGeneration(this.db, lane.projection, lane.generation, lane.inPlace);
    const target = maxPosition(this.lanes.filter((l) => l.status === 'live'));
    for (;;) {
      const after = minPosition(building);
      if (target !== null && after !== null && after >= target) break;
      const batch = await this.store.readAll({ after, limit });
      if (batch.length === 0) break;
      await this.applyTo(building, batch);
    }
    const old = new Map(building.map((b) => [b, this.lanes.find((l) => l.projection === b.projection && l.status === 'live') ?? null]));
    await this.db.transaction().execute(async (trx) => {
      for (const lane of building) {
        await swapIn(trx, lane.projection, { generation: lane.generation, inPlace: lane.inPlace, position: lane.position === null ? null : encodePosition(lane.position) }, old.get(lane)?.generation ?? null);
      }
    });
    const retired = new Set([...old.values()].filter((l): l is Lane => l !== null));
    this.lanes = this.lanes.filter((l) => !retired.has(l));
    for (const lane of building) {
      lane.status = 'live';
      lane.inPlace = false;
      lane.names = generationNames(this.db, lane.projection, lane.generation, true);
      lane.writer = lane.projection.createWriter(lane.names);
    }
    this.settleWaiters();
    this.subscribeLive();
  }

  // Applying a batch ---------------------------------------------------------------------------

  /**
   * One transaction: each lane's writer with the events after its checkpoint, the events it
   * parked, and its checkpoint. Memory follows only after the commit.
   */
  private async applyTo(lanes: Lane[], batch: StoredEvent[], sweep?: Sweep): Promise<void> {
    if (lanes.length === 0 || batch.length === 0) return;
    const now = this.now().toISOString();
    const done = await this.db.transaction().execute(async (trx) => {
      // On PostgreSQL the checkpoint rows are locked for the batch: should two processes ever apply at
      // once (a leader that lost its lease mid-batch), the second reads the first's checkpoint and
      // skips what it applied.
      const stored = (await trx
        .selectFrom(GENERATIONS.name)
        .select(['name', 'generation', 'position', 'sweep'])
        .$if(dialectOf(this.db) === 'postgres', (q) => q.forUpdate())
        .execute()) as Pick<GenerationRow, 'name' | 'generation' | 'position' | 'sweep'>[];
      const outcome: Array<{ lane: Lane; last: bigint | null; fresh: number; parked: Set<string>; parkedRows: number }> = [];
      for (const lane of lanes) {
        const row = stored.find((r) => r.name === lane.projection.name && r.generation === lane.generation);
        if (!row) throw new Error(`the generation ${lane.generation} of ${lane.projection.name} is gone`);
        const checkpoint = decodePosition(row.position);
        if (sweep) {
          // A page of the sweep: the stored place must be the one this page follows (else another process moved it).
          const place = lane.sweep!.after === null ? [null, encodeSweep(lane.sweep)] : [encodeSweep(lane.sweep)];
          if (checkpoint !== null || !place.includes(row.sweep)) throw new Error(`the sweep of ${lane.projection.name} moved elsewhere`);
        }
        // Sweeping, every event of the page is new and the sweep's place moves; else those after the checkpoint, and it moves.
        const fresh = sweep || checkpoint === null ? batch : batch.filter((e) => e.position > checkpoint);
        if (fresh.length === 0) {
          outcome.push({ lane, last: checkpoint, fresh: 0, parked: new Set(), parkedRows: 0 });
          continue;
        }
        const { parked, parkedRows } = await this.write(trx, lane, fresh, now);
        const last = sweep ? null : fresh[fresh.length - 1].position;
        await trx
          .updateTable(GENERATIONS.name)
          .set({ ...(sweep ? { sweep: encodeSweep(sweep) } : { position: encodePosition(last!) }), events: Math.min(lane.events + fresh.length, 2 ** 31 - 1), updated_at: now })
          .where('name', '=', lane.projection.name)
          .where('generation', '=', lane.generation)
          .execute();
        outcome.push({ lane, last, fresh: fresh.length, parked, parkedRows });
      }
      return outcome;
    });
    for (const { lane, last, fresh, parked, parkedRows } of done) {
      if (sweep) lane.sweep = sweep;
      if (last !== null && (lane.position === null || last > lane.position)) lane.position = last;
      lane.events += fresh;
      lane.parked += parkedRows;
      for (const streamId of parked) lane.parkedStreams.add(streamId);
    }
    this.lastError = null;
    this.settleWaiters();
  }

  /** The parked events of some streams, applied again to a live lane; its checkpoint stays. */
  private async retryLane(lane: Lane, events: StoredEvent[], streams: string[]): Promise<void> {
    const now = this.now().toISOString();
    const { parked, total } = await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom(PARKED.name).where('name', '=', lane.projection.name).where('generation', '=', lane.generation).where('stream_id', 'in', streams).execute();
      const retrying = new Set(streams);
      const written = await this.write(trx, lane, events, now, retrying);
      const count = await trx
        .selectFrom(PARKED.name)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('name', '=', lane.projection.name)
        .where('generation', '=', lane.generation)
        .executeTakeFirstOrThrow();
      return { parked: written.parked, total: Number(count.n) };
    });
    for (const streamId of streams) if (!parked.has(streamId)) lane.parkedStreams.delete(streamId);
    lane.parked = total;
  }

  /** The writer's part of a batch, and the events it parked. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private async write(trx: Kysely<any>, lane: Lane, events: StoredEvent[], now: string, retrying?: Set<string>) {
    const parked = new Set<string>();
    const parkedRows: unknown[][] = [];
    const context: BatchContext = {
      statements: this.statements,
      isParked: (streamId) => parked.has(streamId) || (lane.parkedStreams.has(streamId) && !retrying?.has(streamId)),
      park: (event, error) => {
        parked.add(event.streamId);
        const { error: name, reason } = safeReason(error);
        parkedRows.push(rowValues(PARKED, { name: lane.projection.name, generation: lane.generation, position: encodePosition(event.position), stream_id: event.streamId.slice(0, 200), revision: event.revision, error: name, reason, parked_at: now }));
      },
    };
    await lane.writer.apply(trx as never, events, context);
    await this.statements.write(trx, PARKED.name, PARKED, parkedRows, { replace: ['error', 'reason', 'parked_at'] });
    return { parked, parkedRows: parkedRows.length };
  }

  // Following another process's checkpoints --------------------------------------------------

  /** The generations rows as stored; none before any projector has created its tables. */
  private async storedRows(): Promise<GenerationRow[]> {
    if (!this.runnerTablesSeen) {
      if (!(await tableNames(this.db)).has(GENERATIONS.name)) return [];
      this.runnerTablesSeen = true;
    }
    return (await this.db.selectFrom(GENERATIONS.name).selectAll().execute()) as GenerationRow[];
  }

  /** While waiters wait and this runner does not apply: polls the stored checkpoints and settles them. */
  private followStored(): void {
    this.following ??= (async () => {
      while (this.waiters.length > 0 && this.stopped) {
        try {
          const serving = servingRows(this.projections, await this.storedRows());
          const positions = serving.map((r) => decodePosition(r.position));
          if (serving.length === this.projections.length) this.settleWaiters((p) => positions.every((at) => at !== null && at >= p));
        } catch (error) {
          this.failed(error instanceof Error ? error : new Error(String(error)));
        }
        if (this.waiters.length > 0) await new Promise((resolve) => setTimeout(resolve, this.options.followPollMs ?? 10));
      }
    })().finally(() => {
      this.following = null;
      if (this.waiters.length > 0 && this.stopped) this.followStored();
    });
  }

  /** The status from the stored checkpoints (an API node, a standby projector). */
  private async storedStatus(): Promise<ProjectionStatus> {
    const [head, rows] = await Promise.all([this.store.headPosition(), this.storedRows()]);
    const serving = servingRows(this.projections, rows);
    let position: bigint | null = null;
    if (serving.length === this.projections.length) {
      for (const row of serving) {
        const at = decodePosition(row.position);
        if (at === null) {
          position = null;
          break;
        }
        if (position === null || at < position) position = at;
      }
    }
    const behind = this.behind(position, head);
    const parkedCounts = new Map<string, number>();
    if (serving.length > 0) {
      const counts = await this.db
        .selectFrom(PARKED.name)
        .select(['name', 'generation', (eb) => eb.fn.countAll().as('n')])
        .groupBy(['name', 'generation'])
        .execute();
      for (const c of counts) parkedCounts.set(`${c.name}\u0000${c.generation}`, Number(c.n));
    }
    const parkedOf = (row: GenerationRow | undefined) => (row ? (parkedCounts.get(`${row.name}\u0000${row.generation}`) ?? 0) : 0);
    return {
      running: false,
      source: 'stored',
      position: position === null ? null : position.toString(),
      head: head === null ? null : head.toString(),
      behind: (behind < 0n ? 0n : behind).toString(),
      lastError: this.lastError,
      parked: serving.reduce((n, row) => n + parkedOf(row), 0),
      rebuilding: rows.some((r) => r.status === 'building' && this.projections.some((p) => p.name === r.name)),
      projections: this.projections.map((projection) => {
        const live = rows.find((r) => r.name === projection.name && r.status === 'live');
        const built = rows.find((r) => r.name === projection.name && r.status === 'building');
        return {
          name: projection.name,
          version: projection.version,
          live: live ? { generation: live.generation, version: live.version, position: decodePosition(live.position)?.toString() ?? null } : null,
          building: built
            ? { generation: built.generation, version: built.version, inPlace: !live, position: decodePosition(built.position)?.toString() ?? null, events: built.events, byStream: built.sweep !== null, eventsPerSecond: 0, secondsLeft: null }
            : null,
          parked: parkedOf(live ?? built),
        };
      }),
    };
  }

  // Positions and waiters ----------------------------------------------------------------------

  /** The lanes queries read: the live ones, and those built in place (nothing older to read). */
  private servingPosition(): bigint | null {
    return minPosition(this.lanes.filter((l) => l.status === 'live' || l.inPlace));
  }

  private reached(position: bigint): boolean {
    const serving = this.lanes.filter((l) => l.status === 'live' || l.inPlace);
    return serving.length > 0 && serving.every((l) => l.position !== null && l.position >= position);
  }

  private settleWaiters(reached: (position: bigint) => boolean = (p) => this.reached(p)): void {
    const ready = this.waiters.filter((w) => reached(w.position));
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) {
      clearTimeout(waiter.timer);
      waiter.resolve(true);
    }
  }

  /** What a lane has left of the log: sweeping, the log less the events applied (an estimate); else from its position. */
  private left(lane: Lane, head: bigint | null): number {
    if (head === null) return 0;
    return lane.sweep ? Number(this.behind(null, head)) - lane.events : Number(this.behind(lane.position, head));
  }

  /** How far the read models are behind the log's head, in the store's unit. */
  private behind(position: bigint | null, head: bigint | null): bigint {
    if (head === null) return 0n;
    return this.store.distance ? this.store.distance(position, head) : head - (position ?? 0n);
  }

  private failed(error: Error): void {
    this.lastError = error.name;
    this.options.onError?.(error);
  }

  /** Runs `work` after everything exclusive before it: live batches, swaps and retries never overlap. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.exclusiveTail.then(work, work);
    this.exclusiveTail = run.catch(() => undefined);
    return run;
  }
}

/** Per projection the generation queries read: the live one, else the one built in place. */
function servingRows(projections: Projection[], rows: GenerationRow[]): GenerationRow[] {
  const serving: GenerationRow[] = [];
  for (const projection of projections) {
    const mine = rows.filter((r) => r.name === projection.name);
    const row = mine.find((r) => r.status === 'live') ?? mine.find((r) => r.status === 'building');
    if (row) serving.push(row);
  }
  return serving;
}

function minPosition(lanes: Lane[]): bigint | null {
  let min: bigint | null = null;
  for (const lane of lanes) {
    if (lane.position === null) return null;
    if (min === null || lane.position < min) min = lane.position;
  }
  return min;
}

function maxPosition(lanes: Lane[]): bigint | null {
  let max: bigint | null = null;
  for (const lane of lanes) if (lane.position !== null && (max === null || lane.position > max)) max = lane.position;
  return max;
}

/** @param left what is left of the log for the lane, in the store's unit (see `ProjectionRunner.left`). */
function progressOf(lane: Lane, left: number, now: number, distance: (from: bigint | null, to: bigint) => bigint): BuildProgress {
  const seconds = Math.max((now - lane.resumed.at) / 1000, 0.001);
  const events = lane.events - lane.resumed.events;
  // Sweeping, the events applied tell how far (no position moves); in log order, the position.
  const moved = lane.sweep ? events : lane.position === null ? 0 : Number(distance(lane.resumed.position, lane.position));
  return {
    generation: lane.generation,
    version: lane.version,
    inPlace: lane.inPlace,
    position: lane.position?.toString() ?? null,
    events: lane.events,
    byStream: lane.sweep !== null,
    eventsPerSecond: Math.round(events / seconds),
    secondsLeft: left <= 0 ? 0 : moved > 0 ? Math.round((left / moved) * seconds) : null,
  };
}

function encodeSweep(sweep: Sweep | null): string | null {
  return sweep === null ? null : JSON.stringify({ upTo: sweep.upTo.toString(), after: sweep.after && [sweep.after.streamId, sweep.after.revision] });
}

function decodeSweep(stored: string | null): Sweep | null {
  if (stored === null) return null;
  const { upTo, after } = JSON.parse(stored) as { upTo: string; after: [string, number] | null };
  return { upTo: BigInt(upTo), after: after && { streamId: after[0], revision: after[1] } };
}
