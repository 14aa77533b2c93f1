/**
 * Commands: `data` holds exactly the body fields of http-api.md (minus `occurredAt`, which travels
 * in the CommandContext together with the actor and the server time). The types are what the HTTP
 * edge accepts: a field whose absence a Meldcode rule judges (an incomplete plan is
 * `hulp.incomplete-plan`, 422) is optional here and refused in decide. decide never trusts that data
 * has its type: `schemas.ts` checks every command's data at run time first (400, field by field).
 */
import { PartyInput, Principal } from './party';
import {
  CaseOrigin,
  ChildConversationMoment,
  ChildNotHeardReason,
  ClosureReason,
  ConsultationPartner,
  HulpDecider,
  HulpMode,
  MeldplichtGround,
  MonitorSafety,
  RefusedChildNotHeardReason,
  ResponsibilityScope,
  SignalCategory,
  SignalSource,
} from './vocabulary';

export type Subject = {
  /** The organisation's own pseudonymous reference to the child (personal data). */
  childRef: string;
  birthYear?: number;
};

export type OpenCaseData = {
  subject: Subject;
  /** Veilig Thuis region `VR01`..`VR25`. */
  region: string;
  /** CBS municipality code, e.g. `GM0363`. */
  municipality?: string;
  /** Default `signal`. */
  origin?: CaseOrigin;
};

export type RecordSignalData = {
  category: SignalCategory;
  source: SignalSource;
  description: string;
  /** ISO date or instant. */
  observedAt: string;
};

export type RecordConsultationData = {
  with: ConsultationPartner;
  summary: string;
};

export type ChildHeardData = {
  outcome: 'heard';
  moment: ChildConversationMoment;
  heardAlone: boolean;
  accommodations?: string[];
  viewsSummary: string;
};

export type ChildNotHeardData = {
  outcome: 'not-heard';
  moment: ChildConversationMoment;
  /** 'age' and 'disability' are accepted here only to be refused by the domain with an explanation. */
  reason: ChildNotHeardReason | RefusedChildNotHeardReason;
  explanation: string;
  accommodationsTried?: string[];
  /** ISO date. */
  revisitBy: string;
};

export type RecordChildConversationData = ChildHeardData | ChildNotHeardData;

export type WeighingAnswers = {
  suspicion: boolean;
  acuteUnsafety?: boolean;
  structuralUnsafety?: boolean;
  canOfferEffectiveHelp?: boolean;
  helpAccepted?: boolean;
  helpLeadsToSafety?: boolean;
};

export type AfwegingskaderRef = {
  id: string;
  version: string;
};

export type RecordWeighingData = {
  afwegingskader: AfwegingskaderRef;
  answers: WeighingAnswers;
  rationale: string;
};

export type MakeMeldingData = {
  /** Default: the case's region. */
  region?: string;
  /** The grounds the melder gives, for a melding the afwegingskader did not make mandatory. */
  grounds?: MeldplichtGround[];
  vtReference?: string;
};

/** A component of the help as sent: decide refuses one without provider, dates or duration (hulp.incomplete-plan). */
export type HulpComponentInput = {
  kind: string;
  provider?: string;
  /** ISO date. */
  startsOn?: string;
  /** ISO date, not before startsOn. */
  deadline?: string;
  intendedDurationWeeks?: number;
};

/** A component of the help as recorded: complete. */
export type HulpComponent = Required<HulpComponentInput>;

export type HulpPlanInput = {
  aims: string[];
  /** A `child-heard` or `child-not-heard` event of this case. */
  childConversationEventId: string;
  discussedWith?: string[];
};

/** The evaluation as sent: decide refuses one without method, interval or first check (hulp.incomplete-plan). */
export type HulpEvaluationInput = {
  method?: string;
  intervalDays?: number;
  /** ISO date. */
  firstCheckDue?: string;
};

/** The evaluation as recorded: complete. */
export type HulpEvaluation = Required<HulpEvaluationInput>;

export type DeployHulpData = {
  mode: HulpMode;
  decidedBy: HulpDecider;
  responsible: PartyInput;
  plan: HulpPlanInput;
  components: HulpComponentInput[];
  evaluation: HulpEvaluationInput;
};

export type RecordMonitorCheckData = {
  safety: MonitorSafety;
  helpEffective: boolean;
  notes: string;
  childConversationEventId?: string;
  /** ISO date; default: the check's date plus the evaluation's intervalDays. */
  nextCheckDue?: string;
};

export type AssignResponsibilityData = {
  scope: ResponsibilityScope;
  to: PartyInput;
  reason: string;
};

export type CloseCaseData = {
  reason: ClosureReason;
  summary: string;
};

export type ReopenCaseData = {
  reason: string;
};

type Command<T extends string, D> = { type: T; data: D };

export type OpenCase = Command<'open-case', OpenCaseData>;
export type RecordSignal = Command<'record-signal', RecordSignalData>;
export type RecordConsultation = Command<'record-consultation', RecordConsultationData>;
export type RecordChildConversation = Command<'record-child-conversation', RecordChildConversationData>;
export type RecordWeighing = Command<'record-weighing', RecordWeighingData>;
export type MakeMelding = Command<'make-melding', MakeMeldingData>;
export type DeployHulp = Command<'deploy-hulp', DeployHulpData>;
export type RecordMonitorCheck = Command<'record-monitor-check', RecordMonitorCheckData>;
export type AssignResponsibility = Command<'assign-responsibility', AssignResponsibilityData>;
export type CloseCase = Command<'close-case', CloseCaseData>;
export type ReopenCase = Command<'reopen-case', ReopenCaseData>;

export type CaseCommand =
  | OpenCase
  | RecordSignal
  | RecordConsultation
  | RecordChildConversation
  | RecordWeighing
  | MakeMelding
  | DeployHulp
  | RecordMonitorCheck
  | AssignResponsibility
  | CloseCase
  | ReopenCase;

export type CaseCommandType = CaseCommand['type'];

export const CASE_COMMAND_TYPES: readonly CaseCommandType[] = [
  'open-case',
  'record-signal',
  'record-consultation',
  'record-child-conversation',
  'record-weighing',
  'make-melding',
  'deploy-hulp',
  'record-monitor-check',
  'assign-responsibility',
  'close-case',
  'reopen-case',
];

/** Everything a decision needs besides the command and the state. Time enters here, never from a clock. */
export interface CommandContext {
  caseId: string;
  actor: Principal;
  /** When it happened (ISO instant); may be in the past, never after `now`. */
  occurredAt: string;
  /** Server time (ISO instant), from the injected clock. */
  now: string;
}
