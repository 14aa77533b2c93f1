import { Controller, Get, Inject, Query } from '@nestjs/common';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DueItem, Principal, addDays, isOverdue } from '@zicht/case-domain';
import { CaseReadModel } from '@zicht/projections';
import { CurrentPrincipal, Roles } from '../auth/auth';
import { queryInt } from '../http/params';
import { CLOCK, Clock } from '../clock';
import { ApiProblems } from '../http/openapi';
import { WorklistDto } from '../cases/case-responses';
import { AccessLogged } from '../inspection/access-log';

export interface Worklist {
  asOf: string;
  /** Items due up to this date (inclusive) are listed. */
  dueBy: string;
  items: Array<DueItem & { overdue: boolean }>;
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
    return { asOf: now, dueBy, items: items.map((item) => ({ ...item, overdue: isOverdue(item, now) })) };
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
  @ApiOperation({ operationId: 'getWorklist', summary: "What is overdue or due soon across your cases: monitoring checks, intervention deadlines, open melding duties, children to try again to hear" })
  @ApiQuery({ name: 'days', required: false, description: 'How far ahead to look, 0..90 days (default 14)' })
  @ApiOkResponse({ type: WorklistDto, description: 'What is due by dueBy, earliest first' })
  @ApiProblems([400, 'A bad days'])
  worklist(@CurrentPrincipal() principal: Principal, @Query('days') days?: string): Promise<Worklist> {
    return this.queries.execute(new GetWorklistQuery(principal, queryInt(days, 'days', 0, 90, 14)));
  }
}
