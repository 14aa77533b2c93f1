/**
 * The analytic fold of one case: what the analyst tables count, derived from the events' codes and
 * dates only. It never reads a personal field (PERSONAL_DATA_FIELDS: the child reference, free
 * text, names), and it never copies an actor: a case is described by its region and the
 * beroepsgroep of the professional who opened it. Pure: no clock, no I/O.
 *
 * Every event adds to counters keyed by (measure, month, region, beroepsgroep, code, days). The
 * month is the calendar month (UTC) of the event that is counted; the finest period the tables
 * offer is a month, so counters per month answer every table without touching a row per case.
 */
import { RecordedCaseEvent, dateOf, isAcuteMelding, onderzoekDueAt, veiligheidsbeoordelingDueAt } from '@zicht/case-domain';

export const ANALYTIC_MEASURES = [
  /** A consultation of Veilig Thuis (an adviesvraag). */
  'adviesvraag',
  /** A melding; code `mandatory` or `voluntary`; region: the melding's Veilig Thuis region. */
  'melding',
  /** A mandatory melding: days from the weighing or check that made it mandatory; code ''. */
  'melding-delay',
  /** A weighing; code: its conclusion. */
  'weighing',
  /** A ground on which a weighing or a monitoring check made a melding mandatory; code: the ground. */
  'meldplicht-ground',
  /** A monitoring check that made a melding mandatory (unsafe after help without a melding). */
  'melding-duty-from-monitoring',
  /** A case weighed for the first time (month of that weighing): the base of child participation. */
  'weighed-case',
  'heard',
  'heard-by-trained',
  'heard-alone',
  'heard-by-trained-alone',
  /** A first weighing without the child heard before it; code: the last reason given. */
  'not-heard-reason',
  /** Days from the first signal to the first weighing (per case). */
  'signal-to-weighing',
  /** A monitoring check; code `on-time` (on or before its due date) or `late`. */
  'monitor-check',
  /** Help deployed or continued; code: its mode. */
  'hulp',
  /** Help whose plan is complete (see `planIsComplete`). */
  'hulp-complete-plan',
  /** Responsibility for monitoring passed to another party. */
  'monitoring-handover',
  /**
   * An open case with help, by the month of its current help; code: the month its next check is
   * due (`9999-12` when none). Kept by the projection from the case's fold (+1 and -1 as the case
   * changes), so that the overdue cases of any day are a sum over these months plus the cases due
   * earlier in the current month.
   */
  'monitored',

  // Veilig Thuis' decisions (tables safety-assessments and investigations); region: the melding's Veilig Thuis region.
  /** A veiligheidsbeoordeling; code: its decision. */
  'safety-assessment',
  /** A veiligheidsbeoordeling; code: its urgency. */
  'safety-assessment-urgency',
  /** A veiligheidsbeoordeling; code `on-time` (recorded by its deadline: 24 hours when acute, else 5 working days) or `late`. */
  'safety-assessment-timeliness',
  /** An onderzoek concluded; code: its decision. */
  'investigation',
  /** An onderzoek that ended early. */
  'investigation-ended-early',
  /** An onderzoek; code `on-time` (recorded within 10 weeks of the veiligheidsbeoordeling that decided it) or `late`. */
  'investigation-timeliness',
  /** A finding of an onderzoek, per outcome; code: the form of violence. */
  'finding-bevestigd',
  'finding-niet-bevestigd',
  'finding-weerlegd',
  // The radar ---------------------------------------------------------------------------------
  /** A melding by Veilig Thuis' prior involvement with the child (CBS 85361); code: `none`, `tijdens-veiligheidsbeoordeling`, ...; region: the melding's. */
  'prior-involvement',
] as const;

/** The due month of a case under monitoring without a next check date. */
export const NO_CHECK_DUE = '9999-12';
export type AnalyticMeasure = (typeof ANALYTIC_MEASURES)[number];

/** One counter cell. `code` is '' and `days` 0 where the measure has none. */
export interface AnalyticCount {
  measure: AnalyticMeasure;
  /** `YYYY-MM` */
  month: string;
  region: string;
  beroepsgroep: string;
  code: string;
  days: number;
}

/** A case opened by someone without a beroepsgroep. */
export const UNKNOWN_BEROEPSGROEP = 'onbekend';

/** The fold of one case (codes, dates and the case's own event ids; nothing personal). */
export interface CaseAnalytics {
  region: string;
  beroepsgroep: string;
  status: 'open' | 'closed';
  firstSignalOn: string | null;
  /** The date of the first weighing; the child's participation is judged before it. */
  weighedOn: string | null;
  child: { heard: boolean; trained: boolean; alone: boolean; trainedAlone: boolean; notHeardReason: string | null };
  /** child-heard event ids: a plan discussed in one of them involved the child. */
  heardConversations: string[];
  /** Weighings and checks that made a melding mandatory since the last melding: [eventId, date]. */
  dutyCauses: Array<[string, string]>;
  /** The current help (the last hulp-ingezet): its date, and when its next monitoring check is due. */
  hulpOn: string | null;
  nextCheckDue: string | null;
  /** Veilig Thuis' open terms: [the melding or veiligheidsbeoordeling it runs from, Veilig Thuis region, deadline (from its occurredAt)]. */
  vtTerms?: Array<[string, string, string]>;
}

const DAY_MS = 86_400_000;

/** Whole days from date `a` to date `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${dateOf(b)}T00:00:00Z`) - Date.parse(`${dateOf(a)}T00:00:00Z`)) / DAY_MS);
}

/**
 * A complete plan (GC13 par. 53 b-d, from codes and dates only): at least one intervention, each
 * with a start, a deadline not before it and an intended duration; an evaluation interval and first
 * check date; and discussed with the child in a conversation in which the child was heard.
 */
export function planIsComplete(data: { plan?: { childConversationEventId?: string }; components?: unknown[]; evaluation?: { intervalDays?: number; firstCheckDue?: string } }, heardConversations: readonly string[]): boolean {
  const components = (data.components ?? []) as Array<{ startsOn?: string; deadline?: string; intendedDurationWeeks?: number }>;
  return (
    components.length > 0 &&
    components.every((c) => !!c.startsOn && !!c.deadline && c.deadline >= c.startsOn && (c.intendedDurationWeeks ?? 0) > 0) &&
    (data.evaluation?.intervalDays ?? 0) > 0 &&
    !!data.evaluation?.firstCheckDue &&
    heardConversations.includes(data.plan?.childConversationEventId ?? '')
  );
}

/** The open term that runs from `fromEventId`, and the terms without it. */
function takeTerm(fold: CaseAnalytics, fromEventId: string): [[string, string, string] | undefined, Array<[string, string, string]>] {
  const terms = fold.vtTerms ?? [];
  return [terms.find(([id]) => id === fromEventId), terms.filter(([id]) => id !== fromEventId)];
}

/**
 * Met when the decision happened by the term's deadline. Like every analytic figure this is judged
 * by when things happened (occurredAt), the dates of the dossier; the accountability and compliance
 * answers judge the same deadlines by when they were recorded. A decision without a known term is late.
 */
function onTime(event: RecordedCaseEvent, term: [string, string, string] | undefined): boolean {
  return term !== undefined && Date.parse(event.occurredAt) <= Date.parse(term[2]);
}

/**
 * Folds one event into the case's analytics and reports what it adds to the counters. Returns
 * null for an event before `case-opened` (a corrupt stream is not counted).
 */
export function foldCaseAnalytics(fold: CaseAnalytics | null, event: RecordedCaseEvent, count: (c: AnalyticCount) => void): CaseAnalytics | null {
  const on = dateOf(event.occurredAt);
  if (event.type === 'case-opened') {
    return {
      region: event.data.region,
      beroepsgroep: (event.data.openedBy?.beroepsgroep || UNKNOWN_BEROEPSGROEP).slice(0, 100),
      status: 'open',
      firstSignalOn: null,
      weighedOn: null,
      child: { heard: false, trained: false, alone: false, trainedAlone: false, notHeardReason: null },
      heardConversations: [],
      dutyCauses: [],
      hulpOn: null,
      nextCheckDue: null,
      vtTerms: [],
    };
  }
  if (fold === null) return null;
  const add = (measure: AnalyticMeasure, code = '', days = 0, region = fold.region) =>
    count({ measure, month: on.slice(0, 7), region, beroepsgroep: fold.beroepsgroep, code, days });

  switch (event.type) {
    case 'signal':
      return fold.firstSignalOn === null ? { ...fold, firstSignalOn: on } : fold;

    case 'consultation':
      if (event.data.adviesvraag === true || event.data.with === 'veilig-thuis') add('adviesvraag');
      return fold;

    case 'child-heard': {
      const { heardAlone, interviewerTrained } = event.data;
      const heardConversations = [...fold.heardConversations, event.eventId];
      if (fold.weighedOn !== null) return { ...fold, heardConversations };
      const c = fold.child;
      const child = {
        ...c,
        heard: true,
        trained: c.trained || interviewerTrained === true,
        alone: c.alone || heardAlone === true,
        trainedAlone: c.trainedAlone || (interviewerTrained === true && heardAlone === true),
      };
      return { ...fold, heardConversations, child };
    }

    case 'child-not-heard':
      return fold.weighedOn === null ? { ...fold, child: { ...fold.child, notHeardReason: event.data.reason } } : fold;

    case 'weighed': {
      const { conclusion, meldplichtGrounds } = event.data;
      add('weighing', conclusion);
      let dutyCauses = fold.dutyCauses;
      if (conclusion === 'melding-required') {
        for (const ground of meldplichtGrounds ?? []) add('meldplicht-ground', ground);
        dutyCauses = [...dutyCauses, [event.eventId, on]];
      }
      if (fold.weighedOn !== null) return { ...fold, dutyCauses };
      const c = fold.child;
      add('weighed-case');
      if (c.heard) {
        add('heard');
        if (c.trained) add('heard-by-trained');
        if (c.alone) add('heard-alone');
        if (c.trainedAlone) add('heard-by-trained-alone');
      } else {
        add('not-heard-reason', c.notHeardReason ?? 'none-recorded');
      }
      if (fold.firstSignalOn !== null) add('signal-to-weighing', '', daysBetween(fold.firstSignalOn, on));
      return { ...fold, dutyCauses, weighedOn: on };
    }

    case 'melding': {
      const duty = event.data.meldplicht;
      const mandatory = duty?.mandatory === true;
      add('melding', mandatory ? 'mandatory' : 'voluntary', 0, event.data.region);
      const cause = mandatory ? fold.dutyCauses.find(([id]) => id === duty.causeEventId) : undefined;
      if (cause) add('melding-delay', '', daysBetween(cause[1], on), event.data.region);
      add('prior-involvement', event.data.priorInvolvement ?? 'none', 0, event.data.region); // the radar: before it, no melding knew
      // Any melding meets an open duty; a later duty starts with a cause of its own.
      const term: [string, string, string] = [event.eventId, event.data.region, veiligheidsbeoordelingDueAt(event.occurredAt, isAcuteMelding(event.data))];
      return { ...fold, dutyCauses: [], vtTerms: [...(fold.vtTerms ?? []), term] };
    }

    case 'safety-assessed': {
      const { decision, urgency, meldingEventId } = event.data;
      const [term, vtTerms] = takeTerm(fold, meldingEventId);
      const region = term?.[1] ?? fold.region;
      add('safety-assessment', decision, 0, region);
      add('safety-assessment-urgency', urgency, 0, region);
      add('safety-assessment-timeliness', onTime(event, term) ? 'on-time' : 'late', 0, region);
      return { ...fold, vtTerms: decision === 'onderzoek' ? [...vtTerms, [event.eventId, region, onderzoekDueAt(event.occurredAt)]] : vtTerms };
    }

    case 'investigation-completed': {
      const { decision, findings, endedEarly, safetyAssessedEventId } = event.data;
      const [term, vtTerms] = takeTerm(fold, safetyAssessedEventId);
      const region = term?.[1] ?? fold.region;
      add('investigation', decision, 0, region);
      if (endedEarly !== undefined) add('investigation-ended-early', '', 0, region);
      for (const finding of findings ?? []) add(`finding-${finding.outcome}`, finding.form, 0, region);
      add('investigation-timeliness', onTime(event, term) ? 'on-time' : 'late', 0, region);
      return { ...fold, vtTerms };
    }

    case 'hulp-ingezet':
      add('hulp', event.data.mode);
      if (planIsComplete(event.data, fold.heardConversations)) add('hulp-complete-plan');
      return { ...fold, hulpOn: on, nextCheckDue: event.data.evaluation?.firstCheckDue ?? null };

    case 'monitor-check': {
      const due = fold.nextCheckDue;
      add('monitor-check', due === null || on <= dateOf(due) ? 'on-time' : 'late');
      let dutyCauses = fold.dutyCauses;
      if (event.data.makesMeldingMandatory) {
        add('melding-duty-from-monitoring');
        add('meldplicht-ground', 'no-lasting-safety');
        dutyCauses = [...dutyCauses, [event.eventId, on]];
      }
      return { ...fold, dutyCauses, nextCheckDue: event.data.nextCheckDue ?? null };
    }

    case 'responsibility-assigned':
      if (event.data.scope === 'monitoring') add('monitoring-handover');
      return fold;

    case 'case-closed':
      return { ...fold, status: 'closed' };

    case 'case-reopened':
      return { ...fold, status: 'open' };

    default:
      return fold; // a type from a newer schema: not counted until the analytics know it
  }
}
