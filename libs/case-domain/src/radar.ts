/**
 * The radar's facts: Veilig Thuis links the cases about one child from different melders over time.
 * The child is known by a pseudonymous `childKey` (HMAC-SHA256 of the BSN, computed at the edge);
 * the BSN is checked here (`isValidBsn`, the elfproef) and never stored. A radar entry says what
 * Veilig Thuis may know of another case about the same child: never a child reference, a BSN or a
 * free text. Pure: no clock, no I/O.
 */
import { dateOf } from './dates';
import { ExistingCaseState, currentMelding, monitoringTakenOverFromVeiligThuis } from './state';
import { PriorInvolvement, SignalCategory } from './vocabulary';

/** A Dutch citizen service number: 9 digits passing the elfproef (9·d1 + 8·d2 + ... + 2·d8 − d9 is a multiple of 11, and not 0). */
export function isValidBsn(bsn: unknown): boolean {
  if (typeof bsn !== 'string' || !/^\d{9}$/.test(bsn)) return false;
  const digits = [...bsn].map(Number);
  const sum = digits.slice(0, 8).reduce((total, digit, i) => total + digit * (9 - i), 0) - digits[8];
  return sum !== 0 && sum % 11 === 0;
}

export interface RadarDecision {
  /** The date it was decided. */
  on: string;
  kind: 'veiligheidsbeoordeling' | 'onderzoek';
  decision: string;
}

/** Who monitors the child in that case: Veilig Thuis, a party it handed monitoring to, another party, nobody, or the case is closed. */
export type RadarMonitoring = 'veilig-thuis' | 'overgedragen' | 'other' | 'none' | 'closed';

export interface RadarEntry {
  caseId: string;
  /** The region of the melding in force. */
  region: string;
  /** The organisation that made the first melding. */
  melder: string;
  /** The dates of the meldingen, oldest first. */
  meldingen: string[];
  decisions: RadarDecision[];
  monitoring: RadarMonitoring;
  /** The melding in force still awaits its veiligheidsbeoordeling. */
  awaitingAssessment: boolean;
  /** The signal categories recorded, each once. */
  signalCategories: SignalCategory[];
  status: 'open' | 'closed';
}

/** What the radar shows of a case; null for a case that never reached Veilig Thuis (no melding). */
export function radarEntry(state: ExistingCaseState): RadarEntry | null {
  const first = state.meldingen[0];
  const current = currentMelding(state);
  if (first === undefined || current === undefined) return null;
  const { assessments, investigations } = state.veiligThuis;
  const held = state.responsibility.monitoring.current;
  const monitoring: RadarMonitoring =
    state.status === 'closed'
      ? 'closed'
      : state.monitoring.since === null || held === null
        ? 'none'
        : held.veiligThuisRegion !== undefined
          ? 'veilig-thuis'
          : monitoringTakenOverFromVeiligThuis(state)
            ? 'overgedragen'
            : 'other';
  return {
    caseId: state.caseId,
    region: current.region,
    melder: first.melder,
    meldingen: state.meldingen.map((m) => dateOf(m.occurredAt)),
    decisions: [
      ...assessments.map((a) => ({ on: dateOf(a.occurredAt), kind: 'veiligheidsbeoordeling' as const, decision: a.decision, revision: a.revision })),
      ...investigations.map((i) => ({ on: dateOf(i.occurredAt), kind: 'onderzoek' as const, decision: i.decision, revision: i.revision })),
    ]
      .sort((a, b) => a.revision - b.revision)
      .map(({ revision: _r, ...decision }) => decision),
    monitoring,
    awaitingAssessment: !assessments.some((a) => a.meldingEventId === current.eventId),
    signalCategories: [...new Set(state.signals.map((s) => s.category))],
    status: state.status,
  };
}

/**
 * Veilig Thuis' involvement with the child at `now`, from the radar entries of the cases about the
 * same child (the handler passes those it found; the case of the new melding itself may be among
 * them): an open melding still awaiting its veiligheidsbeoordeling; else monitoring by Veilig Thuis;
 * else any earlier melding (Veilig Thuis knew the child: involvement after the assessment, or ended,
 * a hermelding); otherwise none. Meldingen after `now` do not count.
 */
export function priorInvolvementOf(entries: readonly RadarEntry[], now: string): PriorInvolvement {
  const today = dateOf(now);
  const earlier = entries.filter((e) => e.meldingen.some((on) => on <= today));
  if (earlier.some((e) => e.awaitingAssessment && e.status === 'open')) return 'tijdens-veiligheidsbeoordeling';
  if (earlier.some((e) => e.monitoring === 'veilig-thuis')) return 'tijdens-monitoring';
  if (earlier.length > 0) return 'na-veiligheidsbeoordeling';
  return 'none';
}
