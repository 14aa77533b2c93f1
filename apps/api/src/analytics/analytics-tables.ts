import {
  CHILD_NOT_HEARD_REASONS,
  FINDING_OUTCOMES,
  INVESTIGATION_DECISIONS,
  MELDPLICHT_GROUNDS,
  PRIOR_INVOLVEMENTS,
  SAFETY_ASSESSMENT_DECISIONS,
  SIGNAL_CATEGORIES,
  URGENCIES,
  WEIGHING_CONCLUSIONS,
} from '@zicht/case-domain';
import type { AnalyticMeasure, RawCount, RawMonitoring } from '@zicht/projections';

/** The exact figures of one row (a region, a beroepsgroep, a period) or of the total. */
export class GroupFigures {
  private readonly byMeasure = new Map<string, number>();
  private readonly byCode = new Map<string, number>();
  private readonly byDays = new Map<string, Map<number, number>>();
  monitored = 0;
  overdue = 0;

  add(row: Pick<RawCount, 'measure' | 'code' | 'days' | 'n'>): void {
    this.byMeasure.set(row.measure, (this.byMeasure.get(row.measure) ?? 0) + row.n);
    const key = `${row.measure}|${row.code}`;
    this.byCode.set(key, (this.byCode.get(key) ?? 0) + row.n);
    const histogram = this.byDays.get(row.measure) ?? new Map<number, number>();
    histogram.set(row.days, (histogram.get(row.days) ?? 0) + row.n);
    this.byDays.set(row.measure, histogram);
  }

  addMonitoring(row: Pick<RawMonitoring, 'monitored' | 'overdue'>): void {
    this.monitored += row.monitored;
    this.overdue += row.overdue;
  }

  /** How many of `measure` (with this code, when given). */
  n(measure: AnalyticMeasure, code?: string): number {
    return (code === undefined ? this.byMeasure.get(measure) : this.byCode.get(`${measure}|${code}`)) ?? 0;
  }

  /** The days of a duration measure: value → how many. */
  histogram(measure: AnalyticMeasure): ReadonlyMap<number, number> {
    return this.byDays.get(measure) ?? new Map();
  }

  /** How many of a duration measure took from `min` to `max` days (inclusive). */
  between(measure: AnalyticMeasure, min: number, max: number): number {
    let n = 0;
    for (const [days, count] of this.histogram(measure)) if (days >= min && days <= max) n += count;
    return n;
  }
}

export type Figure =
  | { kind: 'count'; n: number }
  | { kind: 'percent'; numerator: number; base: number }
  | { kind: 'days'; histogram: ReadonlyMap<number, number>; percentile: number };

export interface ColumnDefinition {
  key: string;
  kind: Figure['kind'];
  description: string;
  figure: (g: GroupFigures) => Figure;
}

export interface TableDefinition {
  title: string;
  description: string;
  measures: AnalyticMeasure[];
  /** Also needs the open cases under monitoring (judged against today). */
  monitoring: boolean;
  columns: ColumnDefinition[];
}

const count = (key: string, description: string, n: (g: GroupFigures) => number): ColumnDefinition => ({ key, kind: 'count', description, figure: (g) => ({ kind: 'count', n: n(g) }) });
const percent = (key: string, description: string, numerator: (g: GroupFigures) => number, base: (g: GroupFigures) => number): ColumnDefinition => ({
  key,
  kind: 'percent',
  description,
  figure: (g) => ({ kind: 'percent', numerator: numerator(g), base: base(g) }),
});
const days = (key: string, description: string, measure: AnalyticMeasure, percentile: number): ColumnDefinition => ({
  key,
  kind: 'days',
  description,
  figure: (g) => ({ kind: 'days', histogram: g.histogram(measure), percentile }),
});

const heardShare = (key: string, measure: AnalyticMeasure, what: string) => [
  count(key, `First weighings before which the child was heard ${what}`, (g) => g.n(measure)),
  percent(`${key}Percent`, `${key} as a percentage of weighedCases`, (g) => g.n(measure), (g) => g.n('weighed-case')),
];

// ---------------------------------------------------------------- Veilig Thuis' decisions (CBS 84852, 84853)

/** Veiligheidsbeoordelingen by decision and urgency, and the share recorded within the deadline. */
const SAFETY_ASSESSMENTS_TABLE: TableDefinition = {
  title: 'Veiligheidsbeoordelingen by Veilig Thuis',
  description:
    'Comparable with CBS StatLine 84852NED: veiligheidsbeoordelingen by decision and urgency, and how many were made within the deadline (24 hours for an acute melding, otherwise by the end of the 5th Dutch working day after the melding, Europe/Amsterdam), judged like every analytic figure by when things happened. Region: the Veilig Thuis region that received the melding.',
  measures: ['safety-assessment', 'safety-assessment-urgency', 'safety-assessment-timeliness'],
  monitoring: false,
  columns: [
    count('safetyAssessments', 'Veiligheidsbeoordelingen', (g) => g.n('safety-assessment')),
    ...SAFETY_ASSESSMENT_DECISIONS.map((d) => count(`decision.${d}`, `Veiligheidsbeoordelingen that decided ${d}`, (g) => g.n('safety-assessment', d))),
    ...URGENCIES.map((u) => count(`urgency.${u}`, `Veiligheidsbeoordelingen judged ${u}`, (g) => g.n('safety-assessment-urgency', u))),
    count('withinDeadline', 'Veiligheidsbeoordelingen made within the deadline', (g) => g.n('safety-assessment-timeliness', 'on-time')),
    percent('withinDeadlinePercent', 'withinDeadline as a percentage of safetyAssessments', (g) => g.n('safety-assessment-timeliness', 'on-time'), (g) => g.n('safety-assessment-timeliness')),
  ],
};

/** Onderzoeken by their findings (form of violence and outcome), decision, ended early, and the share concluded within 10 weeks. */
const INVESTIGATIONS_TABLE: TableDefinition = {
  title: 'Onderzoeken by Veilig Thuis',
  description:
    'Comparable with CBS StatLine 84853NED: onderzoeken concluded, by decision; those ended early; the findings per form of violence and outcome; and how many were concluded within 10 weeks of the veiligheidsbeoordeling that decided them (by when things happened). Region: the Veilig Thuis region that received the melding.',
  measures: ['investigation', 'investigation-ended-early', 'investigation-timeliness', 'finding-bevestigd', 'finding-niet-bevestigd', 'finding-weerlegd'],
  monitoring: false,
  columns: [
    count('investigations', 'Onderzoeken concluded', (g) => g.n('investigation')),
    count('endedEarly', 'Onderzoeken that ended early', (g) => g.n('investigation-ended-early')),
    ...INVESTIGATION_DECISIONS.map((d) => count(`decision.${d}`, `Onderzoeken that concluded with ${d}`, (g) => g.n('investigation', d))),
    count('withinTenWeeks', 'Onderzoeken concluded within 10 weeks', (g) => g.n('investigation-timeliness', 'on-time')),
    percent('withinTenWeeksPercent', 'withinTenWeeks as a percentage of investigations', (g) => g.n('investigation-timeliness', 'on-time'), (g) => g.n('investigation-timeliness')),
    ...SIGNAL_CATEGORIES.flatMap((form) =>
      FINDING_OUTCOMES.map((outcome) => count(`finding.${form}.${outcome}`, `Findings on ${form} with outcome ${outcome}`, (g) => g.n(`finding-${outcome}`, form))),
    ),
  ],
};

/**
 * The analyst tables. Each row counts what happened in the period by the month of the event
 * counted (a consultation, a melding, a weighing, a check, a handover); the child's participation
 * and the time to weighing by the month of the case's first weighing; cases under monitoring by the
 * month of their current help. Region is the case's Veilig Thuis region (for meldingen: the region
 * that received the melding); beroepsgroep is that of the professional who opened the case.
 */
export const ANALYTICS_TABLES = {
  'adviezen-meldingen': {
    title: 'Adviesvragen and meldingen at Veilig Thuis',
    description: 'Comparable with CBS StatLine 84848NED (gestarte adviezen, ontvangen meldingen).',
    measures: ['adviesvraag', 'melding'],
    monitoring: false,
    columns: [
      count('adviesvragen', 'Consultations of Veilig Thuis (adviesvragen: anonymous advice, no transfer of responsibility)', (g) => g.n('adviesvraag')),
      count('meldingen', 'Meldingen made at Veilig Thuis', (g) => g.n('melding')),
    ],
  },
  meldplicht: {
    title: 'Weighings, melding duties and mandatory meldingen',
    description: 'The afwegingskader conclusions, the grounds that made a melding mandatory, and whether and how soon the mandatory melding was made.',
    measures: ['weighing', 'meldplicht-ground', 'melding-duty-from-monitoring', 'melding', 'melding-delay'],
    monitoring: false,
    columns: [
      count('weighings', 'Weighings with an afwegingskader', (g) => g.n('weighing')),
      ...WEIGHING_CONCLUSIONS.map((c) => count(`conclusion.${c}`, `Weighings that concluded ${c}`, (g) => g.n('weighing', c))),
      count('dutiesFromMonitoring', 'Monitoring checks (unsafe, after help without a melding) that made a melding mandatory', (g) => g.n('melding-duty-from-monitoring')),
      ...MELDPLICHT_GROUNDS.map((ground) => count(`ground.${ground}`, `Weighings and checks that made a melding mandatory on the ground ${ground}`, (g) => g.n('meldplicht-ground', ground))),
      count('meldingen', 'Meldingen made at Veilig Thuis', (g) => g.n('melding')),
      count('mandatoryMeldingen', 'Meldingen made while a melding was mandatory', (g) => g.n('melding', 'mandatory')),
      count('voluntaryMeldingen', 'Meldingen made without a melding duty', (g) => g.n('melding', 'voluntary')),
      count('mandatorySameDay', 'Mandatory meldingen made on the day the duty arose', (g) => g.between('melding-delay', -Infinity, 0)),
      count('mandatoryWithin7Days', 'Mandatory meldingen made 1 to 7 days after the duty arose', (g) => g.between('melding-delay', 1, 7)),
      count('mandatoryAfter7Days', 'Mandatory meldingen made more than 7 days after the duty arose', (g) => g.between('melding-delay', 8, Infinity)),
    ],
  },
  'child-participation': {
    title: 'Was the child heard before the weighing?',
    description: "Per case, the conversations with the child before its first weighing: heard at all, by a trained interviewer, alone; and when not heard, the last reason given.",
    measures: ['weighed-case', 'heard', 'heard-by-trained', 'heard-alone', 'heard-by-trained-alone', 'not-heard-reason'],
    monitoring: false,
    columns: [
      count('weighedCases', 'Cases weighed for the first time', (g) => g.n('weighed-case')),
      ...heardShare('heard', 'heard', '(at all)'),
      ...heardShare('heardByTrained', 'heard-by-trained', 'by a trained interviewer'),
      ...heardShare('heardAlone', 'heard-alone', 'alone'),
      ...heardShare('heardByTrainedAlone', 'heard-by-trained-alone', 'alone, by a trained interviewer'),
      count('notHeard', 'First weighings before which the child was not heard', (g) => g.n('not-heard-reason')),
      ...CHILD_NOT_HEARD_REASONS.map((r) => count(`notHeardReason.${r}`, `Not heard; the last reason given was ${r}`, (g) => g.n('not-heard-reason', r))),
    ],
  },
  timeliness: {
    title: 'Timeliness',
    description: 'Days from the first signal to the first weighing and from the cause of a mandatory melding to the melding (median and 90th percentile, nearest rank), and monitoring checks done on or before their due date.',
    measures: ['signal-to-weighing', 'melding-delay', 'monitor-check'],
    monitoring: false,
    columns: [
      count('weighedCases', 'Cases weighed for the first time (after a signal)', (g) => g.n('signal-to-weighing')),
      days('signalToWeighingMedianDays', 'Median days from the first signal to the first weighing', 'signal-to-weighing', 50),
      days('signalToWeighingP90Days', '90th percentile of the days from the first signal to the first weighing', 'signal-to-weighing', 90),
      count('mandatoryMeldingen', 'Mandatory meldingen', (g) => g.n('melding-delay')),
      days('causeToMeldingMedianDays', 'Median days from the weighing or check that made the melding mandatory to the melding', 'melding-delay', 50),
      days('causeToMeldingP90Days', '90th percentile of the days from the weighing or check that made the melding mandatory to the melding', 'melding-delay', 90),
      count('monitorChecks', 'Monitoring checks', (g) => g.n('monitor-check')),
      count('monitorChecksOnTime', 'Monitoring checks done on or before their due date', (g) => g.n('monitor-check', 'on-time')),
      percent('monitorChecksOnTimePercent', 'monitorChecksOnTime as a percentage of monitorChecks', (g) => g.n('monitor-check', 'on-time'), (g) => g.n('monitor-check')),
    ],
  },
  monitoring: {
    title: 'Help and its monitoring',
    description:
      'Help deployed or continued and whether its plan is complete (every intervention with a start, a deadline and a duration; an evaluation schedule; discussed with the child in a conversation in which the child was heard); ' +
      "open cases whose current help began in the period and whether their monitoring check is overdue today; handovers of monitoring to another party.",
    measures: ['hulp', 'hulp-complete-plan', 'monitoring-handover'],
    monitoring: true,
    columns: [
      count('hulp', 'Help deployed or continued', (g) => g.n('hulp')),
      count('inzetten', 'Help deployed (inzetten)', (g) => g.n('hulp', 'inzetten')),
      count('voortzetten', 'Help continued (voortzetten)', (g) => g.n('hulp', 'voortzetten')),
      count('completePlan', 'Help with a complete plan', (g) => g.n('hulp-complete-plan')),
      percent('completePlanPercent', 'completePlan as a percentage of hulp', (g) => g.n('hulp-complete-plan'), (g) => g.n('hulp')),
      count('underMonitoring', 'Open cases whose current help began in the period', (g) => g.monitored),
      count('monitoringOverdue', 'Of those, the cases whose monitoring check is overdue today', (g) => g.overdue),
      percent('monitoringOverduePercent', 'monitoringOverdue as a percentage of underMonitoring', (g) => g.overdue, (g) => g.monitored),
      count('monitoringHandovers', 'Responsibility for monitoring passed to another party', (g) => g.n('monitoring-handover')),
    ],
  },
  'safety-assessments': SAFETY_ASSESSMENTS_TABLE,
  investigations: INVESTIGATIONS_TABLE,
  // The radar ------------------------------------------------------------------------------------
  'prior-involvement': {
    title: "Meldingen by Veilig Thuis' prior involvement with the child",
    description:
      'Comparable with CBS StatLine 85361NED (meldingen; betrokkenheid Veilig Thuis): at each melding, from the radar (the cases about the same child, by BSN), ' +
      'whether a veiligheidsbeoordeling was still under way, Veilig Thuis was monitoring, Veilig Thuis had known the child before, or not. A melding without a BSN counts as none.',
    measures: ['prior-involvement'],
    monitoring: false,
    columns: [
      count('meldingen', 'Meldingen made at Veilig Thuis', (g) => g.n('prior-involvement')),
      ...PRIOR_INVOLVEMENTS.map((p) => count(`priorInvolvement.${p}`, `Meldingen with prior involvement ${p}`, (g) => g.n('prior-involvement', p))),
      percent('hermeldingenPercent', 'Meldingen about a child Veilig Thuis was or had been involved with, as a percentage of meldingen', (g) => g.n('prior-involvement') - g.n('prior-involvement', 'none'), (g) => g.n('prior-involvement')),
    ],
  },
} satisfies Record<string, TableDefinition>;

export type AnalyticsTableName = keyof typeof ANALYTICS_TABLES;

export function isAnalyticsTable(name: string): name is AnalyticsTableName {
  return Object.prototype.hasOwnProperty.call(ANALYTICS_TABLES, name);
}
