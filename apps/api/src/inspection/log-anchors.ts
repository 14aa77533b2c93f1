import { Controller, Get, HttpCode, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { EventStore, LogAnchor, advanceLogDigest } from '@zicht/event-store';
import { ReadModelDb, decodePosition, encodePosition } from '@zicht/projections';
import { LogAnchorRow, LogAnchorStore } from './log-anchor-store';
import { Roles } from '../auth/auth';
import { queryInt } from '../http/params';
import { CLOCK, Clock } from '../clock';
import { ApiProblems } from '../http/openapi';
import { LogAnchorListDto, TakenAnchorDto } from './inspection-responses';
import { READ_MODEL_DB } from '../read-models/read-models';
import { EVENT_STORE } from '../store/event-store.module';
import { ProjectorRole } from '../read-models/projector-role';

export const ANCHOR_INTERVAL_MS = Symbol('ANCHOR_INTERVAL_MS');

export interface TakenAnchor extends LogAnchor {
  takenAt: string;
}

/**
 * Takes anchors of the global log from time to time: the running digest from the last anchor on,
 * stored and written to the log output (no data, only position, count and digest) so that a copy
 * lives outside the platform. `verify --anchors` checks the log against them later.
 */
@Injectable()
export class LogAnchors implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LogAnchors');
  private timer: NodeJS.Timeout | null = null;
  private taking: Promise<TakenAnchor | null> | null = null;
  private opened: Promise<LogAnchorStore> | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ANCHOR_INTERVAL_MS) private readonly intervalMs: number,
    private readonly projector: ProjectorRole,
  ) {}

  /** Taken on schedule by the leading projector only (or the one process), so that nodes do not race for the same anchor. */
  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => {
      if (!this.projector.leading) return;
      this.take().catch((error: Error) => this.logger.error({ err: { name: error.name } }, 'could not take a log anchor'));
    }, this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.taking?.catch(() => undefined);
  }

  /** Takes an anchor of the log as it is now (joins one being taken); null while the log is empty. */
  take(): Promise<TakenAnchor | null> {
    this.taking ??= this.advance().finally(() => (this.taking = null));
    return this.taking;
  }

  async list(limit: number): Promise<TakenAnchor[]> {
    return (await this.anchors()).list(limit).then((rows) => rows.map(fromRow));
  }

  private anchors(): Promise<LogAnchorStore> {
    this.opened ??= LogAnchorStore.open(this.db).catch((error: unknown) => {
      this.opened = null;
      throw error;
    });
    return this.opened;
  }

  private async advance(): Promise<TakenAnchor | null> {
    const store = await this.anchors();
    const last = await store.last();
    let anchor: LogAnchor | null = last ? fromRow(last) : null;
    let after = anchor ? BigInt(anchor.position) : null;
    for (;;) {
      const batch = await this.store.readAll({ after, limit: 1000 });
      if (batch.length === 0) break;
      anchor = advanceLogDigest(anchor, batch);
      after = batch[batch.length - 1].position;
      await new Promise<void>((resolve) => setImmediate(resolve)); // a long log must not block requests
    }
    if (anchor === null) return null;
    if (last && anchor.position === fromRow(last).position) return fromRow(last);
    const taken: TakenAnchor = { ...anchor, takenAt: this.clock.now().toISOString() };
    await store.add({ position: encodePosition(BigInt(taken.position)), events: taken.events, digest: taken.digest, taken_at: taken.takenAt });
    this.logger.log({ anchor: { position: taken.position, events: taken.events, digest: taken.digest } }, 'log anchor taken: keep a copy outside the platform');
    return taken;
  }
}

function fromRow(row: LogAnchorRow): TakenAnchor {
  return { position: String(decodePosition(row.position)), events: row.events, digest: row.digest, takenAt: row.taken_at };
}

@ApiTags('inspection')
@ApiProblems(401, [403, 'Inspectors and admins list anchors; admins take them'])
@Controller()
export class LogAnchorsController {
  constructor(private readonly anchors: LogAnchors) {}

  @Get('integrity/anchors')
  @Roles('inspector', 'admin')
  @ApiOperation({ operationId: 'listLogAnchors', summary: 'The anchors of the global log the server has taken, newest first: export them, and check the log against them with `npm run cli -- verify --anchors <file>`' })
  @ApiQuery({ name: 'limit', required: false, description: '1..1000 (default 100)' })
  @ApiOkResponse({ type: LogAnchorListDto })
  @ApiProblems([400, 'A bad limit'])
  async list(@Query('limit') limit?: string): Promise<{ anchors: TakenAnchor[] }> {
    return { anchors: await this.anchors.list(queryInt(limit, 'limit', 1, 1000, 100)) };
  }

  @Post('admin/anchors')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ operationId: 'takeLogAnchor', summary: 'Take an anchor of the global log now (the server also takes one every ZICHT_ANCHOR_INTERVAL_MS)' })
  @ApiOkResponse({ type: TakenAnchorDto })
  @ApiProblems(503)
  async take(): Promise<{ anchor: TakenAnchor | null }> {
    return { anchor: await this.anchors.take() };
  }
}
