/**
 * The folded state of one case. A union of statuses so that illegal states cannot be written
 * down: a case that does not exist has no data; only a closed case has a closure.
 */
import { AfwegingskaderRef, HulpComponent, HulpEvaluation, Subject, WeighingAnswers } from './commands';
import { HulpPlan } from './events';
import { Party } from './party';
import {
  CaseOrigin,
  ErasureReason,
  ChildConversationMoment,
  ChildNotHeardReason,
  ClosureReason,
  ConsultationPartner,
  HulpDecider,
  HulpMode,
  MeldplichtGround,
  MonitorSafety,
  ResponsibilityScope,
  SignalCategory,
  SignalSource,
  WeighingConclusion,
} from './vocabulary';

/** Where a fact sits in the stream. */
export interface EventRef {
  eventId: string;
  revision: number;
  occurredAt: string;
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

export interface MeldingRecord extends EventRef {
  region: string;
  veiligThuis: Party;
  grounds: string[];
  vtReference?: string;
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
  hulpEventId: string;
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
  /** When the next monitoring check is due: the plan's firstCheckDue, then each check's nextCheckDue. */
  nextCheckDue: string | null;
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
  via: 'case-opened' | 'melding' | 'hulp-ingezet' | 'responsibility-assigned';
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
  signals: SignalRecord[];
  consultations: ConsultationRecord[];
  childConversations: ChildConversationRecord[];
  weighings: WeighingRecord[];
  meldingen: MeldingRecord[];
  hulp: HulpState;
  monitorChecks: MonitorCheckRecord[];
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
