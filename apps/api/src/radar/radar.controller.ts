import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { PRIOR_INVOLVEMENTS, PriorInvolvement, Principal, RadarEntry, RadarMonitoring, SIGNAL_CATEGORIES, SignalCategory } from '@zicht/case-domain';
import { CASE_READING_ROLES, CurrentPrincipal, Roles } from '../auth/auth';
import { caseIdPipe } from '../http/params';
import { ApiProblems } from '../http/openapi';
import { AccessLogged } from '../inspection/access-log';
import { GetRadarQuery, RadarAnswer } from './radar';

export class RadarDecisionDto {
  @ApiProperty({ description: 'The date it was decided', example: '2026-11-09' })
  on: string;

  @ApiProperty({ enum: ['veiligheidsbeoordeling', 'onderzoek'] })
  kind: 'veiligheidsbeoordeling' | 'onderzoek';

  @ApiProperty({ description: "Veilig Thuis' decision (a code)", example: 'onderzoek' })
  decision: string;
}

export class RadarCaseDto implements RadarEntry {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ description: 'The region of the melding in force', example: 'VR01' })
  region: string;

  @ApiProperty({ description: 'The organisation that made the first melding', example: 'cbs-het-anker' })
  melder: string;

  @ApiProperty({ type: [String], description: 'The dates of the meldingen, oldest first' })
  meldingen: string[];

  @ApiProperty({ type: [RadarDecisionDto], description: "Veilig Thuis' decisions in that case, in order" })
  decisions: RadarDecisionDto[];

  @ApiProperty({ enum: ['veilig-thuis', 'overgedragen', 'other', 'none', 'closed'], description: 'Who monitors the child in that case' })
  monitoring: RadarMonitoring;

  @ApiProperty({ description: 'The melding in force still awaits its veiligheidsbeoordeling' })
  awaitingAssessment: boolean;

  @ApiProperty({ enum: SIGNAL_CATEGORIES, isArray: true, description: 'The signal categories recorded, each once' })
  signalCategories: SignalCategory[];

  @ApiProperty({ enum: ['open', 'closed'] })
  status: 'open' | 'closed';
}

export class RadarResponseDto implements RadarAnswer {
  @ApiProperty({ description: 'Another case about the same child reached Veilig Thuis' })
  childKnown: boolean;

  @ApiProperty({ enum: PRIOR_INVOLVEMENTS, nullable: true, description: "Veilig Thuis' prior involvement with the child, as the case's melding in force recorded it" })
  priorInvolvement: PriorInvolvement | null;

  @ApiProperty({ type: [RadarCaseDto], description: 'The other cases about the child that reached Veilig Thuis, oldest first; never a BSN, a child reference or a free text' })
  cases: RadarCaseDto[];
}

@ApiTags('radar')
@ApiProblems(401, [403, 'Analysts and admins never read a case'])
@Roles(...CASE_READING_ROLES)
@Controller('cases')
export class RadarController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/radar')
  @AccessLogged((answer: RadarAnswer) => answer.cases.map((c) => c.caseId))
  @ApiOperation({ operationId: 'getCaseRadar', summary: "The radar: the other cases about the same child that reached Veilig Thuis (for Veilig Thuis of the case's melding region, and inspectors)" })
  @ApiOkResponse({ type: RadarResponseDto, description: 'The other cases about the same child, never their child reference, BSN or free text' })
  @ApiProblems([404, 'No such case, one you may not see, or (Veilig Thuis) one without a melding to your region; professionals see no radar'])
  radar(@Param('id', caseIdPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<RadarAnswer> {
    return this.queries.execute<GetRadarQuery, RadarAnswer>(new GetRadarQuery(id, principal));
  }
}
