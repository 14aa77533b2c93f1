import { Controller, Get, Inject, Query } from '@nestjs/common';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DUE_ITEM_KINDS, DueItem, DueItemKind, Principal, RESPONSIBILITY_SCOPES, ResponsibilityScope, addDays, isOverdue, workingDaysLeft } from '@zicht/case-domain';
import { CaseReadModel } from '@zicht/projections';
import { CurrentPrincipal, Roles } from '../auth/auth';
import { queryInt } from '../http/params';
import { CLOCK, Clock } from '../clock';
import { ApiProblems } from '../http/openapi';
import { AccessLogged } from '../inspection/access-log';

export interface Worklist {
  asOf: string;
  /** Items due up to this date (inclusive) are listed. */
  dueBy: string;
  items: Array<DueItem & { overdue: boolean; workingDaysLeft?: number }>;
}

class DueHolderDto {
  @ApiProperty({ example: 'veilig-thuis-vr13' })
  organisation: string;

  @ApiPropertyOptional({ example: 'VR13' })
  veiligThuisRegion?: string;

  @ApiPropertyOptional()
  role?: string;
}

class WorklistItemDto {
  @ApiProperty({ enum: DUE_ITEM_KINDS })
  kind: DueItemKind;

  @ApiProperty({ description: 'The day it is due (for Veilig Thuis deadlines: the day of dueAt, Europe/Amsterdam)', example: '2026-11-13' })
  dueDate: string;

  @ApiPropertyOptional({ description: "Veilig Thuis' deadlines (veiligheidsbeoordeling, onderzoek, melder-feedback): the last moment that is on time", example: '2026-11-13T22:59:59.999Z' })
  dueAt?: string;

  @ApiPropertyOptional({ description: "With dueAt: Dutch working days from today (Europe/Amsterdam) to the due day; 0 on the day itself, negative once past" })
  workingDaysLeft?: number;

  @ApiProperty({ description: 'Past its due date (or dueAt)' })
  overdue: boolean;

  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ format: 'uuid', description: 'The event that created the obligation' })
  refEventId: string;

  @ApiProperty({ enum: RESPONSIBILITY_SCOPES, description: 'The scope whose holder has to act' })
  scope: ResponsibilityScope;

  @ApiProperty({ type: DueHolderDto, nullable: true })
  holder: DueHolderDto | null;

  @ApiProperty({ description: 'What is due, in words (never personal data)' })
  description: string;
}

class WorklistResponseDto implements Worklist {
  @ApiProperty({ description: 'Server time the items were judged at' })
  asOf: string;

  @ApiProperty({ description: 'Items due up to this date (inclusive) are listed' })
  dueBy: string;

  @ApiProperty({ type: [WorklistItemDto], description: 'Earliest first' })
  items: WorklistItemDto[];
}

export class GetWorklistQuery {
  constructor(readonly principal: Principal, readonly horizonDays: number) {}
}

const WORKLIST_LIMIT = 1000;

@QueryHandler(GetWorklistQuery)
export class GetWorklistHandler implements IQueryHandler<GetWorklistQuery, Worklist> {
  constructor(
    private readonly readModel: CaseReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ principal, horizonDays }: GetWorklistQuery): Promise<Worklist> {
    const now = this.clock.now().toISOString();
    const dueBy = addDays(now.slice(0, 10), horizonDays);
    const items = await this.readModel.dueItems(principal, dueBy, WORKLIST_LIMIT);
    return {
      asOf: now,
      dueBy,
      items: items.map((item) => ({ ...item, overdue: isOverdue(item, now), ...(item.dueAt !== undefined ? { workingDaysLeft: workingDaysLeft(item, now) } : {}) })),
    };
  }
}

@ApiTags('queries')
@ApiProblems(401, [403, 'Professionals and Veilig Thuis staff only'])
@Roles('professional', 'veilig-thuis')
@AccessLogged((answer: Worklist) => answer.items.map((i) => i.caseId))
@Controller('worklist')
export class WorklistController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'getWorklist',
    summary:
      "What is overdue or due soon across your cases: monitoring checks, intervention deadlines, open melding duties, children to try again to hear; for Veilig Thuis also veiligheidsbeoordelingen, onderzoeken and terugkoppelingen due (with dueAt and workingDaysLeft), condition deadlines and notices to the gemeente",
  })
  @ApiQuery({ name: 'days', required: false, description: 'How far ahead to look, 0..90 days (default 14)' })
  @ApiOkResponse({ type: WorklistResponseDto, description: 'What is due by dueBy, earliest first' })
  @ApiProblems([400, 'A bad days'])
  worklist(@CurrentPrincipal() principal: Principal, @Query('days') days?: string): Promise<Worklist> {
    return this.queries.execute(new GetWorklistQuery(principal, queryInt(days, 'days', 0, 90, 14)));
  }
}
