/**
 * The stored events of a case stream. `type` is the event type as docs/http-api.md names it; `data` is
 * JSON-safe (ISO strings, plain objects, no `undefined` values). Who did it (the actor) lives in
 * the metadata, never in `data`. Personal data sits in the fields named in `personal-data.ts`.
 *
 * Responsibility changes are explicit: every event that moves a scope carries
 * `responsibilityChanges` (case-opened, melding, hulp-ingezet), or is itself a
 * `responsibility-assigned`. Nothing is inferred on replay.
 */
import { AfwegingskaderRef, HandoverInput, HulpComponent, HulpEvaluation, InvestigationFindingInput, RecordSignalData, Subject, WeighingAnswers } from './commands';
import { Party } from './party';
import {
  CaseOrigin,
  ErasureReason,
  ChildConversationMoment,
  ChildNotHeardReason,
  ClosureReason,
  ConsultationPartner,
  FeedbackMoment,
  HulpDecider,
  InvestigationDecision,
  HulpMode,
  MeldplichtGround,
  MonitorSafety,
  PriorInvolvement,
  ResponsibilityScope,
  SafetyAssessmentDecision,
  Urgency,
  VeiligThuisSafety,
  WeighingConclusion,
} from './vocabulary';

export const EVENT_SCHEMA_VERSION = 1;

export type ResponsibilityChange = { scope: ResponsibilityScope; to: Party };

export type CaseOpenedData = {
  caseId: string;
  subject: Subject;
  region: string;
  municipality?: string;
  origin: CaseOrigin;
  /** The opener's organisation and beroepsgroep (the actor's id is in the metadata). */
  openedBy: { organisation: string; beroepsgroep?: string };
  /** Always: zicht-op-veiligheid to the opener's organisation. */
  responsibilityChanges: ResponsibilityChange[];
};

export type SignalData = RecordSignalData;

export type ConsultationData = {
  with: ConsultationPartner;
  summary: string;
  /** True when Veilig Thuis was consulted: an anonymous adviesvraag, no transfer of responsibility. */
  adviesvraag: boolean;
};

export type ChildHeardEventData = {
  moment: ChildConversationMoment;
  heardAlone: boolean;
  accommodations: string[];
  viewsSummary: string;
  /** From the actor's qualifications ('child-interviewer'), never from the request. */
  interviewerTrained: boolean;
};

export type ChildNotHeardEventData = {
  moment: ChildConversationMoment;
  reason: ChildNotHeardReason;
  explanation: string;
  accommodationsTried: string[];
  revisitBy: string;
};

export type WeighedData = {
  afwegingskader: AfwegingskaderRef;
  answers: WeighingAnswers;
  rationale: string;
  /** Computed by the server from the answers. */
  conclusion: WeighingConclusion;
  meldplichtGrounds: MeldplichtGround[];
};

export type MeldingData = {
  region: string;
  /** The melder's own grounds (free text, personal data); [] when none were given. */
  grounds: string[];
  vtReference?: string;
  /** As the melder sent it; acute grounds make a melding acuut too. */
  urgency?: Urgency;
  /** Veilig Thuis' involvement with the child when the melding was made, from the radar (absent in meldingen recorded before the radar). */
  priorInvolvement?: PriorInvolvement;
  /** The melding duty as it stood when the melding was made. */
  meldplicht: { mandatory: boolean; grounds: MeldplichtGround[]; causeEventId?: string };
  /** zicht-op-veiligheid to Veilig Thuis of `region` (empty when it already held it). */
  responsibilityChanges: ResponsibilityChange[];
};

export type HulpPlan = {
  aims: string[];
  childConversationEventId: string;
  discussedWith: string[];
};

export type HulpIngezetData = {
  mode: HulpMode;
  decidedBy: HulpDecider;
  responsible: Party;
  plan: HulpPlan;
  components: HulpComponent[];
  evaluation: HulpEvaluation;
  /** 'hulp' to `responsible`; 'monitoring' too when nobody held it. */
  responsibilityChanges: ResponsibilityChange[];
};

export type MonitorCheckData = {
  safety: MonitorSafety;
  helpEffective: boolean;
  notes: string;
  childConversationEventId?: string;
  /** Given, or computed: the check's date plus the evaluation's intervalDays. */
  nextCheckDue: string;
  /** The hulp-ingezet event this check monitors (the current plan); absent when Veilig Thuis monitors without help. */
  hulpEventId?: string;
  /** 'unsafe' while Veilig Thuis does not hold zicht op veiligheid: a melding is now mandatory. */
  makesMeldingMandatory: boolean;
};

export type ResponsibilityAssignedData = {
  scope: ResponsibilityScope;
  to: Party;
  from: Party | null;
  reason: string;
};

/** Who monitors after a Veilig Thuis decision. */
export type MonitoringDecision = { by: 'veilig-thuis' } | { by: 'overgedragen'; to: Party; reason: string };

/** The veiligheidsbeoordeling of one melding. */
export type SafetyAssessedData = {
  /** The melding this assessment is of (one per melding). */
  meldingEventId: string;
  urgency: Urgency;
  safety: VeiligThuisSafety;
  decision: SafetyAssessmentDecision;
  handoverTo?: HandoverInput;
  monitoring: MonitoringDecision;
  childConversationEventId?: string;
  rationale: string;
  /** Computed: the first monitoring check, the norm's maxIntervalDays after this decision (or the check already planned, when earlier). */
  nextCheckDue: string;
  /** monitoring to whoever monitors now; hulp to the handover party (decision overdracht). */
  responsibilityChanges: ResponsibilityChange[];
};

/** The onderzoek that a veiligheidsbeoordeling decided. */
export type InvestigationCompletedData = {
  safetyAssessedEventId: string;
  /** [] when the onderzoek ended early. */
  findings: InvestigationFindingInput[];
  endedEarly?: { reason: string };
  decision: InvestigationDecision;
  handoverTo?: HandoverInput;
  monitoring: MonitoringDecision;
  /** The child was heard alone by a trained Veilig Thuis interviewer during the onderzoek, or not heard for a valid reason. */
  childConversationEventId: string;
  rationale: string;
  nextCheckDue: string;
  responsibilityChanges: ResponsibilityChange[];
};

/** Voorwaarden & Vervolg: Veilig Thuis sets safety conditions and monitors them. */
export type SafetyConditionsSetData = {
  conditions: Array<{ description: string; deadline: string }>;
  firstCheckDue: string;
  /** monitoring to Veilig Thuis (empty when it already held it). */
  responsibilityChanges: ResponsibilityChange[];
};

/** The terugkoppeling aan de melder. */
export type MelderInformedData = {
  moment: FeedbackMoment;
  /** The decision this feedback is about: the last safety-assessed (or investigation-completed) for this moment. */
  aboutEventId: string;
  vervolgStarted: boolean;
  handoverParties: string[];
  melderRole?: string;
  monitoringAgreements?: string;
};

/** The party that took over does not do what was agreed: Veilig Thuis informed the gemeente. */
export type GemeenteInformedData = { municipality: string; party: string; reason: string };

/** The child is known to the radar by this pseudonymous key (never the BSN itself). */
export type SubjectIdentifiedData = { childKey: string };

export type CaseClosedData = { reason: ClosureReason; summary: string };

export type CaseReopenedData = { reason: string };

/** The case's data key was destroyed: every personal field of the case reads null from now on. No personal data. */
export type PersonalDataErasedData = { reason: ErasureReason; erasedAt: string };

type Event<T extends string, D> = { type: T; data: D };

export type CaseOpened = Event<'case-opened', CaseOpenedData>;
export type SignalRecorded = Event<'signal', SignalData>;
export type ConsultationRecorded = Event<'consultation', ConsultationData>;
export type ChildHeard = Event<'child-heard', ChildHeardEventData>;
export type ChildNotHeard = Event<'child-not-heard', ChildNotHeardEventData>;
export type Weighed = Event<'weighed', WeighedData>;
export type MeldingMade = Event<'melding', MeldingData>;
export type HulpIngezet = Event<'hulp-ingezet', HulpIngezetData>;
export type MonitorChecked = Event<'monitor-check', MonitorCheckData>;
export type ResponsibilityAssigned = Event<'responsibility-assigned', ResponsibilityAssignedData>;
export type CaseClosed = Event<'case-closed', CaseClosedData>;
export type CaseReopened = Event<'case-reopened', CaseReopenedData>;
export type PersonalDataErased = Event<'personal-data-erased', PersonalDataErasedData>;
export type SafetyAssessed = Event<'safety-assessed', SafetyAssessedData>;
export type InvestigationCompleted = Event<'investigation-completed', InvestigationCompletedData>;
export type SafetyConditionsSet = Event<'safety-conditions-set', SafetyConditionsSetData>;
export type MelderInformed = Event<'melder-informed', MelderInformedData>;
export type GemeenteInformed = Event<'gemeente-informed', GemeenteInformedData>;
export type SubjectIdentified = Event<'subject-identified', SubjectIdentifiedData>;

export type CaseEvent =
  | CaseOpened
  | SignalRecorded
  | ConsultationRecorded
  | ChildHeard
  | ChildNotHeard
  | Weighed
  | MeldingMade
  | HulpIngezet
  | MonitorChecked
  | ResponsibilityAssigned
  | CaseClosed
  | CaseReopened
  | PersonalDataErased
  | SafetyAssessed
  | InvestigationCompleted
  | SafetyConditionsSet
  | MelderInformed
  | GemeenteInformed
  | SubjectIdentified;

export type CaseEventType = CaseEvent['type'];

export const CASE_EVENT_TYPES: readonly CaseEventType[] = [
  'case-opened',
  'signal',
  'consultation',
  'child-heard',
  'child-not-heard',
  'weighed',
  'melding',
  'hulp-ingezet',
  'monitor-check',
  'responsibility-assigned',
  'case-closed',
  'case-reopened',
  'personal-data-erased',
  'safety-assessed',
  'investigation-completed',
  'safety-conditions-set',
  'melder-informed',
  'gemeente-informed',
  'subject-identified',
];

export function isCaseEventType(type: string): type is CaseEventType {
  return (CASE_EVENT_TYPES as readonly string[]).includes(type);
}

/** The metadata evolve needs (a subset of what the store keeps). Revisions are 0-based. */
export interface RecordedEventMetadata {
  eventId: string;
  revision: number;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string; role: string; organisation: string; region?: string };
}

export type RecordedCaseEvent = CaseEvent & RecordedEventMetadata;
export type Recorded<E extends CaseEvent> = E & RecordedEventMetadata;

/** One stream per case: `case-<caseId>`. */
export const CASE_STREAM_PREFIX = 'case-';

export function caseStreamId(caseId: string): string {
  return `${CASE_STREAM_PREFIX}${caseId}`;
}
