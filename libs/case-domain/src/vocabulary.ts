/**
 * The closed vocabularies of the case model, as data (so the HTTP edge can validate against the
 * same lists the domain types are built from). Dutch words stay Dutch (see architecture.md, 10).
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

/** The decision moments at which the child is heard. */
export const CHILD_CONVERSATION_MOMENTS = ['signalering', 'besluit-vervolg', 'hulpverlening', 'evaluatie'] as const;
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
