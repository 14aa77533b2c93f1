/**
 * The closed vocabularies of the case model, as data (so the HTTP edge can validate against the
 * same lists the domain types are built from). Dutch words stay Dutch.
 */

export const ROLES = ['professional', 'veilig-thuis', 'inspector', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The 25 Veilig Thuis regions (2023). */
export const VEILIG_THUIS_REGIONS = Array.from({ length: 25 }, (_, i) => `VR${String(i + 1).padStart(2, '0')}`);

export const CASE_ORIGINS = ['signal', 'kindcheck'] as const;
export type CaseOrigin = (typeof CASE_ORIGINS)[number];

export const SIGNAL_CATEGORIES = [
  'physical-abuse',
  'sexual-abuse',
  'emotional-abuse',
  'neglect',
  'domestic-violence-witnessed',
  'other',
] as const;
export type SignalCategory = (typeof SIGNAL_CATEGORIES)[number];

export const SIGNAL_SOURCES = ['own-observation', 'third-party', 'child-disclosure'] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];

/** `veilig-thuis` is an adviesvraag: anonymous advice, no transfer of responsibility. */
export const CONSULTATION_PARTNERS = ['colleague', 'aandachtsfunctionaris', 'letselduiding-expert', 'veilig-thuis'] as const;
export type ConsultationPartner = (typeof CONSULTATION_PARTNERS)[number];

/** The decision moments at which the child is heard (`onderzoek`: during Veilig Thuis' onderzoek). */
export const CHILD_CONVERSATION_MOMENTS = ['signalering', 'besluit-vervolg', 'hulpverlening', 'evaluatie', 'onderzoek'] as const;
export type ChildConversationMoment = (typeof CHILD_CONVERSATION_MOMENTS)[number];

/** Valid reasons for not hearing a child at a moment. */
export const CHILD_NOT_HEARD_REASONS = [
  'child-declined',
  'safety-risk',
  'not-feasible-despite-accommodations',
  'not-reachable',
] as const;
export type ChildNotHeardReason = (typeof CHILD_NOT_HEARD_REASONS)[number];

/**
 * Reasons that are never valid on their own (GC12 par. 21). The command type accepts them so that
 * the domain, not the edge, refuses them with rule `child-not-heard.age-or-disability` and an
 * explanation: let the HTTP edge accept these values and pass them on.
 */
export const REFUSED_CHILD_NOT_HEARD_REASONS = ['age', 'disability'] as const;
export type RefusedChildNotHeardReason = (typeof REFUSED_CHILD_NOT_HEARD_REASONS)[number];

export const HULP_MODES = ['inzetten', 'voortzetten'] as const;
export type HulpMode = (typeof HULP_MODES)[number];

export const HULP_DECIDERS = ['melder', 'veilig-thuis'] as const;
export type HulpDecider = (typeof HULP_DECIDERS)[number];

export const MONITOR_SAFETY = ['safe', 'unsafe', 'unknown'] as const;
export type MonitorSafety = (typeof MONITOR_SAFETY)[number];

export const RESPONSIBILITY_SCOPES = ['zicht-op-veiligheid', 'hulp', 'monitoring'] as const;
export type ResponsibilityScope = (typeof RESPONSIBILITY_SCOPES)[number];

export const CLOSURE_REASONS = ['no-suspicion', 'safety-achieved', 'handed-over', 'other'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const WEIGHING_CONCLUSIONS = ['no-suspicion', 'melding-required', 'hulp-without-melding'] as const;
export type WeighingConclusion = (typeof WEIGHING_CONCLUSIONS)[number];

/** Why a melding is mandatory; in the order of the afwegingsvragen. */
export const MELDPLICHT_GROUNDS = [
  'acute-unsafety',
  'structural-unsafety',
  'no-effective-help',
  'help-not-accepted',
  'no-lasting-safety',
] as const;
export type MeldplichtGround = (typeof MELDPLICHT_GROUNDS)[number];

/** Why a case's personal data was erased (crypto-shredding): a code, never a free text. */
export const ERASURE_REASONS = ['retention-expired', 'data-subject-request', 'court-order', 'other'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

/** The qualification (from the keys file, never from a request) of a professional trained to hear children. */
export const CHILD_INTERVIEWER_QUALIFICATION = 'child-interviewer';

// ---------------------------------------------------------------- Veilig Thuis, after the melding

/** How urgent a melding is: `acuut` is judged within 24 hours. */
export const URGENCIES = ['acuut', 'niet-acuut'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** The child's safety as Veilig Thuis judges it in the veiligheidsbeoordeling. */
export const VEILIG_THUIS_SAFETY = ['veilig', 'onveilig', 'onbekend'] as const;
export type VeiligThuisSafety = (typeof VEILIG_THUIS_SAFETY)[number];

/** What the veiligheidsbeoordeling decides (Handelingsprotocol 2019); `advies`: handled as an advice after all. */
export const SAFETY_ASSESSMENT_DECISIONS = ['onderzoek', 'rvdk-onderzoek', 'voorwaarden-en-vervolg', 'overdracht', 'einde-bemoeienis', 'advies'] as const;
export type SafetyAssessmentDecision = (typeof SAFETY_ASSESSMENT_DECISIONS)[number];

/** What an onderzoek concludes with. */
export const INVESTIGATION_DECISIONS = ['voorwaarden-en-vervolg', 'overdracht', 'rvdk-verzoek', 'einde-bemoeienis'] as const;
export type InvestigationDecision = (typeof INVESTIGATION_DECISIONS)[number];

/** To whom Veilig Thuis hands a case over. */
export const HANDOVER_KINDS = ['lokaal-team', 'bestaande-hulp', 'mdt', 'direct-betrokkenen'] as const;
export type HandoverKind = (typeof HANDOVER_KINDS)[number];

/** The outcome of an onderzoek per form of violence (CBS). */
export const FINDING_OUTCOMES = ['bevestigd', 'niet-bevestigd', 'weerlegd'] as const;
export type FindingOutcome = (typeof FINDING_OUTCOMES)[number];

/** Who monitors after a Veilig Thuis decision: Veilig Thuis itself (the default) or a party it handed monitoring to. */
export const MONITORING_BY = ['veilig-thuis', 'overgedragen'] as const;
export type MonitoringBy = (typeof MONITORING_BY)[number];

/**
 * Veilig Thuis' involvement with the child when a melding is made, from the radar (CBS table 85361):
 * none; an earlier melding still awaits its veiligheidsbeoordeling; an earlier melding was assessed
 * (involvement since, or ended: a hermelding); Veilig Thuis monitors the child now.
 */
export const PRIOR_INVOLVEMENTS = ['none', 'tijdens-veiligheidsbeoordeling', 'na-veiligheidsbeoordeling', 'tijdens-monitoring'] as const;
export type PriorInvolvement = (typeof PRIOR_INVOLVEMENTS)[number];

/** The two moments of the terugkoppeling aan de melder. */
export const FEEDBACK_MOMENTS = ['na-veiligheidsbeoordeling', 'na-onderzoek'] as const;
export type FeedbackMoment = (typeof FEEDBACK_MOMENTS)[number];
