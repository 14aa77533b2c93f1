/**
 * Veilig Thuis' deadlines, computed from recorded facts (the server's `recordedAt`), never sent by
 * a client, and judged in Europe/Amsterdam time:
 *
 * - veiligheidsbeoordeling: 5 working days after the melding was recorded, by the end of that day;
 *   an acute melding (urgency `acuut`, or acute grounds) within 24 hours;
 * - onderzoek: 10 weeks after the veiligheidsbeoordeling that decided it, by the end of that day;
 * - terugkoppeling aan de melder: 5 working days after each veiligheidsbeoordeling and each onderzoek.
 *
 * A deadline is met by the event that fulfils it, at the moment that event was recorded. A closed
 * case is judged as of its closure. Pure: `now` is an argument.
 */
import { addWorkingDays, amsterdamDate, endOfAmsterdamDay, workingDaysBetween } from './calendar/working-days';
import { addDays } from './dates';
import type { MeldingData } from './events';
import { ExistingCaseState } from './state';

export const VEILIG_THUIS_DEADLINE_KINDS = ['veiligheidsbeoordeling', 'onderzoek', 'melder-feedback'] as const;
export type VeiligThuisDeadlineKind = (typeof VEILIG_THUIS_DEADLINE_KINDS)[number];

export interface VeiligThuisDeadline {
  kind: VeiligThuisDeadlineKind;
  /** The Veilig Thuis region that has to act. */
  region: string;
  /** The event the term runs from, and when it was recorded. */
  fromEventId: string;
  from: string;
  term: '24-uur' | '5-werkdagen' | '10-weken';
  /** The last moment that is on time (an instant). */
  dueAt: string;
  /** The event that met it, and when it was recorded; null while open. */
  doneByEventId: string | null;
  doneAt: string | null;
}

const HOUR_MS = 3_600_000;

/** A melding is acuut when the melder says so or gives acute grounds (its own or the melding duty's): judged within 24 hours. */
export function isAcuteMelding(data: Pick<MeldingData, 'urgency' | 'grounds' | 'meldplicht'>): boolean {
  return data.urgency === 'acuut' || data.grounds.includes('acute-unsafety') || data.meldplicht.grounds.includes('acute-unsafety');
}

/** The veiligheidsbeoordeling of a melding recorded at `recordedAt`: within 24 hours when acute, else by the end of the 5th working day after. */
export function veiligheidsbeoordelingDueAt(recordedAt: string, acute: boolean): string {
  return acute ? new Date(Date.parse(recordedAt) + 24 * HOUR_MS).toISOString() : workingDaysAfter(recordedAt, 5);
}

/** The onderzoek decided by a veiligheidsbeoordeling recorded at `recordedAt`: by the end of the day 10 weeks later. */
export function onderzoekDueAt(recordedAt: string): string {
  return endOfAmsterdamDay(addDays(amsterdamDate(recordedAt), 70));
}

/** Every Veilig Thuis deadline of the case, in the order its terms began. */
export function veiligThuisDeadlines(state: ExistingCaseState): VeiligThuisDeadline[] {
  const { assessments, investigations, melderFeedback } = state.veiligThuis;
  const regionOf = (meldingEventId: string) => state.meldingen.find((m) => m.eventId === meldingEventId)?.region ?? state.region;
  const deadlines: VeiligThuisDeadline[] = [];

  for (const melding of state.meldingen) {
    const done = assessments.find((a) => a.meldingEventId === melding.eventId);
    deadlines.push({
      kind: 'veiligheidsbeoordeling',
      region: melding.region,
      fromEventId: melding.eventId,
      from: melding.recordedAt,
      term: melding.acute ? '24-uur' : '5-werkdagen',
      dueAt: veiligheidsbeoordelingDueAt(melding.recordedAt, melding.acute),
      doneByEventId: done?.eventId ?? null,
      doneAt: done?.recordedAt ?? null,
    });
  }
  for (const assessment of assessments) {
    const region = regionOf(assessment.meldingEventId);
    if (assessment.decision === 'onderzoek') {
      const done = investigations.find((i) => i.safetyAssessedEventId === assessment.eventId);
      deadlines.push({
        kind: 'onderzoek',
        region,
        fromEventId: assessment.eventId,
        from: assessment.recordedAt,
        term: '10-weken',
        dueAt: onderzoekDueAt(assessment.recordedAt),
        doneByEventId: done?.eventId ?? null,
        doneAt: done?.recordedAt ?? null,
      });
    }
  }
  const decisions = [
    ...assessments.map((a) => ({ ...a, region: regionOf(a.meldingEventId) })),
    ...investigations.map((i) => ({ ...i, region: regionOf(assessments.find((a) => a.eventId === i.safetyAssessedEventId)?.meldingEventId ?? '') })),
  ];
  for (const decision of decisions) {
    const done = melderFeedback.find((f) => f.aboutEventId === decision.eventId);
    deadlines.push({
      kind: 'melder-feedback',
      region: decision.region,
      fromEventId: decision.eventId,
      from: decision.recordedAt,
      term: '5-werkdagen',
      dueAt: workingDaysAfter(decision.recordedAt, 5),
      doneByEventId: done?.eventId ?? null,
      doneAt: done?.recordedAt ?? null,
    });
  }
  return deadlines.sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
}

/** The end (Amsterdam) of the `n`-th working day after the day of `instant` (Amsterdam). */
export function workingDaysAfter(instant: string, n: number): string {
  return endOfAmsterdamDay(addWorkingDays(amsterdamDate(instant), n));
}

/** The moment a case is judged at: now, or its closure when it is closed. */
export function judgedAt(state: ExistingCaseState, now: string): string {
  if (state.status !== 'closed') return now;
  return Date.parse(state.closure.occurredAt) < Date.parse(now) ? state.closure.occurredAt : now;
}

/** Past its deadline without being met, as of `at`. */
export function isDeadlineOverdue(deadline: Pick<VeiligThuisDeadline, 'dueAt' | 'doneAt'>, at: string): boolean {
  return deadline.doneAt === null && Date.parse(at) > Date.parse(deadline.dueAt);
}

/** Met on time (true), met late (false), or not met yet (null). */
export function metOnTime(deadline: Pick<VeiligThuisDeadline, 'dueAt' | 'doneAt'>): boolean | null {
  return deadline.doneAt === null ? null : Date.parse(deadline.doneAt) <= Date.parse(deadline.dueAt);
}

/**
 * Working days from today (Amsterdam) to the day something is due: 0 on the day itself, negative
 * once that day has passed (the working days since).
 */
export function workingDaysUntil(dueAt: string, now: string): number {
  return workingDaysBetween(amsterdamDate(now), amsterdamDate(dueAt));
}
