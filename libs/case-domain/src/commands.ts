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
  ErasureReason,
  ChildConversationMoment,
  ChildNotHeardReason,
  ClosureReason,
  ConsultationPartner,
  FeedbackMoment,
  FindingOutcome,
  HandoverKind,
  HulpDecider,
  InvestigationDecision,
  HulpMode,
  MeldplichtGround,
  MonitorSafety,
  PriorInvolvement,
  RefusedChildNotHeardReason,
  ResponsibilityScope,
  SafetyAssessmentDecision,
  SignalCategory,
  SignalSource,
  Urgency,
  VeiligThuisSafety,
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
  /** `acuut`: the veiligheidsbeoordeling is due within 24 hours (as it is for a melding with acute grounds). */
  urgency?: Urgency;
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
  /** Who decided follows from the principal (veilig-thuis: `veilig-thuis`, a professional: `melder`); a contradicting value is refused. */
  decidedBy?: HulpDecider;
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

/** Erasure of the case's personal data: the data key was destroyed (crypto-shredding); an admin's or the retention sweep's. */
export type ErasePersonalDataData = {
  reason: ErasureReason;
};

// ---------------------------------------------------------------- Veilig Thuis' commands

/** To whom Veilig Thuis hands the case over (decision `overdracht`). */
export type HandoverInput = {
  organisation: string;
  kind: HandoverKind;
};

/**
 * Who monitors from now on. Default `{ by: 'veilig-thuis' }`. Handed over, the dossier names the
 * party and why; their absence is refused by decide (`vt.monitoring-handover-requires-reason`).
 */
export type MonitoringInput = { by: 'veilig-thuis' } | { by: 'overgedragen'; to?: { organisation: string }; reason?: string };

export type AssessSafetyData = {
  urgency: Urgency;
  safety: VeiligThuisSafety;
  decision: SafetyAssessmentDecision;
  /** Required with decision `overdracht` (vt.handover-requires-party); only allowed with it. */
  handoverTo?: HandoverInput;
  monitoring?: MonitoringInput;
  /** A child-heard or child-not-heard event of this case (moment besluit-vervolg). */
  childConversationEventId?: string;
  rationale: string;
};

export type InvestigationFindingInput = {
  /** The form of violence (a signal category). */
  form: SignalCategory;
  outcome: FindingOutcome;
};

export type CompleteInvestigationData = {
  /** The findings per form of violence; or `endedEarly` (exactly one of the two). */
  findings?: InvestigationFindingInput[];
  endedEarly?: { reason: string };
  decision: InvestigationDecision;
  handoverTo?: HandoverInput;
  monitoring?: MonitoringInput;
  /** The conversation in which the child was heard alone by a trained Veilig Thuis interviewer during the onderzoek, or a child-not-heard at moment onderzoek. */
  childConversationEventId?: string;
  rationale: string;
};

export type SafetyConditionInput = {
  description: string;
  /** ISO date. */
  deadline: string;
};

export type SetSafetyConditionsData = {
  conditions: SafetyConditionInput[];
  /** ISO date: the first monitoring check of the conditions. */
  firstCheckDue: string;
};

export type InformMelderData = {
  moment: FeedbackMoment;
  /** Whether a vervolgtraject was started. */
  vervolgStarted: boolean;
  /** The organisations the case was handed over to. */
  handoverParties?: string[];
  /** What is asked of the melder, if anything (free text). */
  melderRole?: string;
  /** The monitoring agreements the melder is part of (free text). */
  monitoringAgreements?: string;
};

export type InformGemeenteData = {
  /** CBS municipality code, e.g. `GM0363`. */
  municipality: string;
  /** The party that does not do what was agreed (an organisation). */
  party: string;
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
export type ErasePersonalData = Command<'erase-personal-data', ErasePersonalDataData>;
export type AssessSafety = Command<'assess-safety', AssessSafetyData>;
export type CompleteInvestigation = Command<'complete-investigation', CompleteInvestigationData>;
export type SetSafetyConditions = Command<'set-safety-conditions', SetSafetyConditionsData>;
export type InformMelder = Command<'inform-melder', InformMelderData>;
export type InformGemeente = Command<'inform-gemeente', InformGemeenteData>;

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
  | ReopenCase
  | ErasePersonalData
  | AssessSafety
  | CompleteInvestigation
  | SetSafetyConditions
  | InformMelder
  | InformGemeente;

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
  'erase-personal-data',
  'assess-safety',
  'complete-investigation',
  'set-safety-conditions',
  'inform-melder',
  'inform-gemeente',
];

/** The commands only Veilig Thuis of the melding's region gives. */
export const VEILIG_THUIS_COMMAND_TYPES = ['assess-safety', 'complete-investigation', 'set-safety-conditions', 'inform-melder', 'inform-gemeente'] as const satisfies readonly CaseCommandType[];

/** Everything a decision needs besides the command and the state. Time enters here, never from a clock. */
export interface CommandContext {
  caseId: string;
  actor: Principal;
  /** When it happened (ISO instant); may be in the past, never after `now`. */
  occurredAt: string;
  /** Server time (ISO instant), from the injected clock. */
  now: string;
  /** erase-personal-data: when the key store destroyed the case's data key (the first time), a looked-up fact like the clock. */
  keyDestroyedAt?: string;
  /**
   * The radar's pseudonymous key of the child: HMAC-SHA256(radar secret, BSN), computed by the handler
   * from a BSN that passed `isValidBsn` (open-case, make-melding). The BSN itself never enters the domain.
   */
  childKey?: string;
  /** Veilig Thuis' prior involvement with this child, looked up by the handler in the radar (make-melding); default `none`. */
  priorInvolvement?: PriorInvolvement;
}
