import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CaseNotFoundError, PriorInvolvement, Principal, RadarEntry, canSeeRadar, currentMelding } from '@zicht/case-domain';
import { CaseReadModel, RadarReadModel } from '@zicht/projections';

export interface RadarAnswer {
  /** Another case about the same child reached Veilig Thuis. */
  childKnown: boolean;
  /** What the case's melding in force recorded of Veilig Thuis' involvement with the child; null without a melding. */
  priorInvolvement: PriorInvolvement | null;
  /** The other cases about the child that reached Veilig Thuis, oldest first: codes and dates only. */
  cases: RadarEntry[];
}

export class GetRadarQuery {
  constructor(readonly caseId: string, readonly principal: Principal) {}
}

@QueryHandler(GetRadarQuery)
export class GetRadarHandler implements IQueryHandler<GetRadarQuery, RadarAnswer> {
  constructor(
    private readonly cases: CaseReadModel,
    private readonly radar: RadarReadModel,
  ) {}

  async execute({ caseId, principal }: GetRadarQuery): Promise<RadarAnswer> {
    const found = await this.cases.get(caseId);
    if (!found || !canSeeRadar(principal, found.state)) throw new CaseNotFoundError(caseId); // the rule is the domain's (access.ts)
    const { state } = found;
    const others = state.childKey === null ? [] : (await this.radar.entriesOf(state.childKey)).filter((e) => e.caseId !== caseId);
    return { childKnown: others.length > 0, priorInvolvement: currentMelding(state)?.priorInvolvement ?? null, cases: others };
  }
}
