import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { EventStore, PostgresEventStore, SqliteEventStore } from '@zicht/event-store';
import { createValidationPipe } from '../../apps/api/src/http/validation';

// The baselines: the same NestJS-on-Fastify platform and validation, one DTO, and either no store
// (`/bare`) or one durable append and nothing else (`/append`: to the embedded store with
// BENCH_APPEND_FILE and the platform's default synchronous setting, or to PostgreSQL with BENCH_APPEND_DATABASE_URL).
class BareSignalDto {
  @IsIn(['physical-abuse', 'neglect', 'other']) category: string;
  @IsIn(['own-observation', 'third-party']) source: string;
  @IsString() @IsNotEmpty() @MaxLength(10_000) description: string;
  @IsString() observedAt: string;
}

const store: EventStore | undefined = process.env.BENCH_APPEND_DATABASE_URL
  ? new PostgresEventStore({ connectionString: process.env.BENCH_APPEND_DATABASE_URL, schema: 'bench_append' })
  : process.env.BENCH_APPEND_FILE
    ? new SqliteEventStore({ file: process.env.BENCH_APPEND_FILE, synchronous: 'FULL' })
    : undefined;

@Controller()
class BareController {
  private revision = 0;
  @Post('bare/:id/signals')
  @HttpCode(201)
  signal(@Body() _dto: BareSignalDto) {
    return { caseId: 'bare', revision: ++this.revision, events: [{ eventId: 'bare', type: 'signal' }] };
  }

  /** One durable append of the signal, as one transaction with its fsync (a stream of its own: no read, no fold, no projection). */
  @Post('append/:id/signals')
  @HttpCode(201)
  async append(@Param('id') id: string, @Body() dto: BareSignalDto) {
    const eventId = randomUUID();
    const result = await store!.appendToStream(`case-${eventId}`, [
      { type: 'signal', data: { ...dto }, metadata: { eventId, actor: { id: 'bench', role: 'professional', organisation: 'bench-org' }, occurredAt: new Date().toISOString(), correlationId: eventId, causationId: eventId, schemaVersion: 1 } },
    ], { expectedRevision: 'no-stream' });
    return { caseId: id, revision: result.nextExpectedRevision, events: [{ eventId, type: 'signal' }] };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main() {
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), { logger: false });
  app.useGlobalPipes(createValidationPipe());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  process.stdout.write(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
}
void main();
