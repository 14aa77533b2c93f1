import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { createValidationPipe } from '../../apps/api/src/http/validation';

// The baseline: the same NestJS-on-Fastify platform and validation, one DTO, no store.
class BareSignalDto {
  @IsIn(['physical-abuse', 'neglect', 'other']) category: string;
  @IsIn(['own-observation', 'third-party']) source: string;
  @IsString() @IsNotEmpty() @MaxLength(10_000) description: string;
  @IsString() observedAt: string;
}

@Controller()
class BareController {
  private revision = 0;
  @Post('bare/:id/signals')
  @HttpCode(201)
  signal(@Body() _dto: BareSignalDto) {
    return { caseId: 'bare', revision: ++this.revision, events: [{ eventId: 'bare', type: 'signal' }] };
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
