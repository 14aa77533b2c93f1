import type { Type } from '@nestjs/common';
import type { CaseCommand, CaseCommandType } from '@zicht/case-domain';
import { AssessSafetyRequestDto } from './dto/assess-safety.request.dto';
import { AssignResponsibilityRequestDto } from './dto/assign-responsibility.request.dto';
import { CloseCaseRequestDto, ReopenCaseRequestDto } from './dto/close-case.request.dto';
import { CommandDto, RequestBody } from './dto/common';
import { CompleteInvestigationRequestDto } from './dto/complete-investigation.request.dto';
import { DeployHulpRequestDto } from './dto/deploy-hulp.request.dto';
import { InformGemeenteRequestDto } from './dto/inform-gemeente.request.dto';
import { InformMelderRequestDto } from './dto/inform-melder.request.dto';
import { MakeMeldingRequestDto } from './dto/make-melding.request.dto';
import { OpenCaseRequestDto } from './dto/open-case.request.dto';
import { RecordChildConversationRequestDto } from './dto/record-child-conversation.request.dto';
import { RecordConsultationRequestDto } from './dto/record-consultation.request.dto';
import { RecordMonitorCheckRequestDto } from './dto/record-monitor-check.request.dto';
import { RecordSignalRequestDto } from './dto/record-signal.request.dto';
import { RecordWeighingRequestDto } from './dto/record-weighing.request.dto';
import { SetSafetyConditionsRequestDto } from './dto/set-safety-conditions.request.dto';

type DataOf<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>['data'];

/** One command endpoint: `POST /cases/<path>`, its request DTO and the command it becomes. */
export interface CommandRoute<T extends CaseCommandType = CaseCommandType> {
  /** Under /cases: '' for POST /cases, ':id/<name>' for a command on an existing case. */
  path: '' | `:id/${string}`;
  type: T;
  /** The request DTO, validated by the one ValidationPipe: its body must be the command's data, or this does not compile. */
  dto: Type<CommandDto & RequestBody<DataOf<T>>>;
  summary: string;
}

/** Any row of the table (a union over the command types, so that each row keeps its own DTO check). */
export type AnyCommandRoute = { [T in CaseCommandType]: CommandRoute<T> }[CaseCommandType];

const route = <T extends CaseCommandType>(path: CommandRoute<T>['path'], type: T, dto: CommandRoute<T>['dto'], summary: string): CommandRoute<T> => ({
  path,
  type,
  dto,
  summary,
});

/** Every command endpoint of the API, one row each (the controller is generated from this table). */
export const COMMAND_ROUTES: readonly AnyCommandRoute[] = [
  route('', 'open-case', OpenCaseRequestDto, 'Open a case about one child (case-opened); your organisation holds zicht op veiligheid from now on'),
  route(':id/signals', 'record-signal', RecordSignalRequestDto, 'Record a signal (step 1)'),
  route(':id/consultations', 'record-consultation', RecordConsultationRequestDto, 'Record a consultation (step 2); with Veilig Thuis it is an adviesvraag'),
  route(':id/child-conversations', 'record-child-conversation', RecordChildConversationRequestDto, 'Record a conversation with the child, or why the child was not heard (step 3)'),
  route(':id/weighings', 'record-weighing', RecordWeighingRequestDto, 'Weigh with the afwegingskader (step 4); the server computes the conclusion'),
  route(':id/meldingen', 'make-melding', MakeMeldingRequestDto, 'Make a melding at Veilig Thuis (step 5); never blocked. Zicht op veiligheid passes to Veilig Thuis'),
  route(':id/hulp', 'deploy-hulp', DeployHulpRequestDto, 'Deploy or continue help with a plan, deadlines and an evaluation schedule (step 5)'),
  route(':id/monitor-checks', 'record-monitor-check', RecordMonitorCheckRequestDto, "Record a monitoring check of the child's safety (step 6)"),
  route(':id/responsibility', 'assign-responsibility', AssignResponsibilityRequestDto, 'Hand one scope of responsibility to another party'),
  route(':id/closure', 'close-case', CloseCaseRequestDto, 'Close the case'),
  route(':id/reopen', 'reopen-case', ReopenCaseRequestDto, 'Reopen a closed case'),
  // Veilig Thuis of the melding's region, after a melding (others: 403 vt.wrong-region; no melding: 422 vt.requires-melding).
  route(':id/safety-assessments', 'assess-safety', AssessSafetyRequestDto, 'Veilig Thuis: the veiligheidsbeoordeling of the current melding (one per melding), and what follows'),
  route(':id/investigations', 'complete-investigation', CompleteInvestigationRequestDto, 'Veilig Thuis: conclude the onderzoek, after the child was heard alone by a trained Veilig Thuis interviewer'),
  route(':id/safety-conditions', 'set-safety-conditions', SetSafetyConditionsRequestDto, 'Veilig Thuis: set safety conditions (Voorwaarden & Vervolg); Veilig Thuis monitors them'),
  route(':id/melder-feedback', 'inform-melder', InformMelderRequestDto, 'Veilig Thuis: the terugkoppeling aan de melder after the veiligheidsbeoordeling or the onderzoek'),
  route(':id/gemeente-notices', 'inform-gemeente', InformGemeenteRequestDto, 'Veilig Thuis: inform the gemeente that the party that took over does not do what was agreed'),
];
