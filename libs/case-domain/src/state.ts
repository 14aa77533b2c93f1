/**
 * The folded state of one case. A union of statuses so that illegal states cannot be written
 * down: a case that does not exist has no data; only a closed case has a closure.
 */
import { AfwegingskaderRef, HulpComponent, HulpEvaluation, Subject, WeighingAnswers } from './commands';
import { HandoverInput, InvestigationFindingInput } from './commands';
import { HulpPlan, MonitoringDecision } from './events';
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
  SignalCategory,
  SignalSource,
  Urgency,
  VeiligThuisSafety,
  WeighingConclusion,
} from './vocabulary';

/** Where a fact sits in the stream. */
export interface EventRef {
  eventId: string;
  revision: number;
  occurredAt: string;
}

/** A fact whose deadlines run from (or are met at) the moment it was recorded: server time, never sent. */
export interface RecordedRef extends EventRef {
  recordedAt: string;
}

export interface SignalRecord extends EventRef {
  category: SignalCategory;
  source: SignalSource;
  description: string;
  observedAt: string;
}

export interface ConsultationRecord extends EventRef {
  with: ConsultationPartner;
  summary: string;
  adviesvraag: boolean;
}

export interface ChildHeardRecord extends EventRef {
  outcome: 'heard';
  moment: ChildConversationMoment;
  heardAlone: boolean;
  accommodations: string[];
  viewsSummary: string;
  interviewerTrained: boolean;
  interviewerId: string;
  /** The interviewer's role (`veilig-thuis` for Veilig Thuis' own interviewers). */
  interviewerRole: string;
}

export interface ChildNotHeardRecord extends EventRef {
  outcome: 'not-heard';
  moment: ChildConversationMoment;
  reason: ChildNotHeardReason;
  explanation: string;
  accommodationsTried: string[];
  revisitBy: string;
}

export type ChildConversationRecord = ChildHeardRecord | ChildNotHeardRecord;

export interface WeighingRecord extends EventRef {
  afwegingskader: AfwegingskaderRef;
  answers: WeighingAnswers;
  rationale: string;
  conclusion: WeighingConclusion;
  meldplichtGrounds: MeldplichtGround[];
}

export interface MeldingRecord extends RecordedRef {
  region: string;
  veiligThuis: Party;
  grounds: string[];
  vtReference?: string;
  urgency?: Urgency;
  /** Urgency acuut, or acute grounds (the melder's or the melding duty's): judged within 24 hours. */
  acute: boolean;
  /** The organisation that made the melding. */
  melder: string;
  priorInvolvement: PriorInvolvement;
  /** Whether a melding was mandatory when it was made. */
  mandatory: boolean;
}

export interface HulpRecord extends EventRef {
  mode: HulpMode;
  decidedBy: HulpDecider;
  responsible: Party;
  plan: HulpPlan;
  components: HulpComponent[];
  evaluation: HulpEvaluation;
}

export interface MonitorCheckRecord extends EventRef {
  hulpEventId?: string;
  safety: MonitorSafety;
  helpEffective: boolean;
  notes: string;
  childConversationEventId?: string;
  nextCheckDue: string;
  makesMeldingMandatory: boolean;
}

export interface HulpState {
  /** The plan in force: the last hulp-ingezet. */
  current: HulpRecord | null;
  /** Every hulp-ingezet, oldest first (current included). */
  history: HulpRecord[];
}

/** What starts (or starts again) a monitoring period: the last help, safety conditions or handover. */
export type MonitoringStart = 'hulp-ingezet' | 'safety-assessed' | 'investigation-completed' | 'safety-conditions-set' | 'responsibility-assigned';

export interface MonitoringState {
  /**
   * The event that began the current monitoring period: the last help, safety conditions or Veilig
   * Thuis decision (each says who monitors from then on). null while nothing is monitored.
   */
  since: (EventRef & { via: Exclude<MonitoringStart, 'responsibility-assigned'> }) | null;
  /** The norm's minimum duration runs from the period's start or the last handover of monitoring since, whichever is later. */
  durationFrom: (EventRef & { via: MonitoringStart }) | null;
  /** The first check of the period. */
  firstCheckDue: string | null;
  /** When the next check is due: the period's first check, then each check's nextCheckDue. */
  nextCheckDue: string | null;
}

export interface SafetyAssessmentRecord extends RecordedRef {
  meldingEventId: string;
  urgency: Urgency;
  safety: VeiligThuisSafety;
  decision: SafetyAssessmentDecision;
  handoverTo?: HandoverInput;
  monitoring: MonitoringDecision;
  childConversationEventId?: string;
  rationale: string;
}

export interface InvestigationRecord extends RecordedRef {
  safetyAssessedEventId: string;
  findings: InvestigationFindingInput[];
  endedEarly?: { reason: string };
  decision: InvestigationDecision;
  handoverTo?: HandoverInput;
  monitoring: MonitoringDecision;
  childConversationEventId: string;
  rationale: string;
}

export interface SafetyConditionsRecord extends RecordedRef {
  conditions: Array<{ description: string; deadline: string }>;
  firstCheckDue: string;
}

export interface MelderInformedRecord extends RecordedRef {
  moment: FeedbackMoment;
  aboutEventId: string;
  vervolgStarted: boolean;
  handoverParties: string[];
  melderRole?: string;
  monitoringAgreements?: string;
}

export interface GemeenteInformedRecord extends RecordedRef {
  municipality: string;
  party: string;
  reason: string;
}

/** What Veilig Thuis recorded after the meldingen, oldest first. */
export interface VeiligThuisState {
  assessments: SafetyAssessmentRecord[];
  investigations: InvestigationRecord[];
  conditions: SafetyConditionsRecord[];
  melderFeedback: MelderInformedRecord[];
  gemeenteNotices: GemeenteInformedRecord[];
}

export interface ResponsibilityPeriod {
  party: Party;
  /** occurredAt of the event that gave the responsibility. */
  from: string;
  /** occurredAt of the event that passed it on; null while held. */
  until: string | null;
  eventId: string;
  revision: number;
  /** The event that passed it on. */
  endedByEventId: string | null;
  /** The type of the event that gave the responsibility. */
  via: 'case-opened' | 'melding' | 'hulp-ingezet' | 'responsibility-assigned' | 'safety-assessed' | 'investigation-completed' | 'safety-conditions-set';
  /** The reason given with a `responsibility-assigned` (free text, personal data). */
  reason?: string;
}

export interface ScopeResponsibility {
  current: Party | null;
  timeline: ResponsibilityPeriod[];
}

export type Responsibility = Record<ResponsibilityScope, ScopeResponsibility>;

/** The melding duty. It arises from a weighing (or an unsafe monitor check) and only a melding lifts it. */
export type Meldplicht =
  | { status: 'none' }
  | { status: 'open'; grounds: MeldplichtGround[]; cause: EventRef & { type: 'weighed' | 'monitor-check' } }
  | {
      status: 'fulfilled';
      grounds: MeldplichtGround[];
      cause: EventRef & { type: 'weighed' | 'monitor-check' };
      /** The melding that fulfilled it (made after the cause, or already holding zicht op veiligheid). */
      fulfilledBy: EventRef;
    };

export interface ClosureRecord extends EventRef {
  reason: ClosureReason;
  summary: string;
  /** Set when the case was later reopened. */
  reopened?: EventRef & { reason: string };
}

export interface CaseData {
  caseId: string;
  /** The revision of the last applied event (0-based, as in the store). */
  revision: number;
  openedAt: string;
  openedBy: { actorId: string; organisation: string; beroepsgroep?: string };
  origin: CaseOrigin;
  region: string;
  municipality?: string;
  subject: Subject;
  /** The radar's pseudonymous key of the child, once identified by BSN; null until then. */
  childKey: string | null;
  signals: SignalRecord[];
  consultations: ConsultationRecord[];
  childConversations: ChildConversationRecord[];
  weighings: WeighingRecord[];
  meldingen: MeldingRecord[];
  hulp: HulpState;
  monitoring: MonitoringState;
  monitorChecks: MonitorCheckRecord[];
  veiligThuis: VeiligThuisState;
  responsibility: Responsibility;
  meldplicht: Meldplicht;
  /** Every closure, oldest first (a reopened case keeps its earlier closures). */
  closures: ClosureRecord[];
  /** occurredAt of the last applied event. */
  lastOccurredAt: string;
  /** Set once the case's personal data was erased (its data key destroyed). */
  erasure?: EventRef & { reason: ErasureReason; erasedAt: string };
}

export interface NoCase {
  status: 'none';
}

export interface OpenCaseState extends CaseData {
  status: 'open';
}

export interface ClosedCaseState extends CaseData {
  status: 'closed';
  closure: ClosureRecord;
}

export type CaseState = NoCase | OpenCaseState | ClosedCaseState;
export type ExistingCaseState = OpenCaseState | ClosedCaseState;

export const initialState: CaseState = Object.freeze({ status: 'none' }) as NoCase;

export function caseExists(state: CaseState): state is ExistingCaseState {
  return state.status !== 'none';
}

/** Does Veilig Thuis currently hold zicht op veiligheid (so that a melding duty is already met)? */
export function veiligThuisHoldsZichtOpVeiligheid(state: CaseData): boolean {
  return state.responsibility['zicht-op-veiligheid'].current?.veiligThuisRegion !== undefined;
}

export function findChildConversation(state: CaseData, eventId: string): ChildConversationRecord | undefined {
  return state.childConversations.find((c) => c.eventId === eventId);
}

/** The melding in force: the last one (a vervolgmelding opens a new veiligheidsbeoordeling). */
export function currentMelding(state: CaseData): MeldingRecord | undefined {
  return state.meldingen[state.meldingen.length - 1];
}

/** Monitoring is held by a party that took it over from Veilig Thuis (by its decision, or handed over after Veilig Thuis held it). */
export function monitoringTakenOverFromVeiligThuis(state: CaseData): boolean {
  const timeline = state.responsibility.monitoring.timeline;
  const period = timeline.at(-1);
  if (period === undefined || period.until !== null || period.party.veiligThuisRegion !== undefined) return false;
  return period.via === 'safety-assessed' || period.via === 'investigation-completed' || timeline.at(-2)?.party.veiligThuisRegion !== undefined;
}
