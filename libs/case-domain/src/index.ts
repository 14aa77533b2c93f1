/** @zicht/case-domain: the case as a pure decider. No framework, no I/O, no clock. */
export * from './vocabulary';
export * from './party';
export * from './commands';
export * from './events';
export * from './state';
export * from './errors';
export { decide } from './decide';
export { evolve, foldEvents } from './evolve';
export { recordedCaseEvent } from './recorded';
export type { StoredCaseEventLike } from './recorded';
export { canSee, canSeeRadar, involvement, mayCommand, mayActOn, mayFilterByRadar } from './access';
export type { Involvement } from './access';
export { summarize, stageOf, flagsOf, CASE_STAGES, CASE_FLAGS } from './summary';
export type { CaseSummary, CaseStage, CaseFlag } from './summary';
export { PERSONAL_DATA_FIELDS, mapPersonalData, personalDataOf } from './personal-data';
export {
  afwegingskaders,
  findAfwegingskader,
  afwegingskaderFor,
  parseAfwegingskader,
  ANSWER_KEYS,
} from './afwegingskader/registry';
export type { Afwegingskader, AfwegingskaderQuestion, AfwegingskaderAnswer, AnswerKey } from './afwegingskader/registry';
export { concludeWeighing, findInconsistentAnswers, findMissingAnswers } from './afwegingskader/conclusion';
export type { WeighingOutcome } from './afwegingskader/conclusion';
export { addDays, dateOf, compareDates, parseInstant, parseCalendarDate, parseDateOrInstant, MIN_YEAR } from './dates';
export { COMMAND_DATA_SCHEMAS, DATA_LIMITS, validateCommandData, validateContext } from './schemas';
export { accountability, responsibilityGaps } from './accountability';
export type { Accountability, ResponsibilityEntry, ResponsibilityGap, ChildInvolvement, Intervention, VeiligThuisIntervention, EvaluationCheck } from './accountability';
export { compliance, COMPLIANCE_CHECK_IDS } from './compliance';
export type { Compliance, ComplianceCheck, ComplianceCheckId, ComplianceStatus } from './compliance';
export { dueItems, isOverdue, workingDaysLeft, DUE_ITEM_KINDS } from './due-items';
export { feedback } from './feedback';
export { isValidBsn, radarEntry, priorInvolvementOf } from './radar';
export type { RadarEntry, RadarDecision, RadarMonitoring } from './radar';
export type { Feedback, MelderFeedback } from './feedback';
export { veiligThuisDeadlines, isAcuteMelding, veiligheidsbeoordelingDueAt, onderzoekDueAt, judgedAt, isDeadlineOverdue, metOnTime, workingDaysUntil, workingDaysAfter, VEILIG_THUIS_DEADLINE_KINDS } from './deadlines';
export type { VeiligThuisDeadline, VeiligThuisDeadlineKind } from './deadlines';
export {
  easterSunday,
  publicHolidays,
  isPublicHoliday,
  isWorkingDay,
  addWorkingDays,
  workingDaysBetween,
  amsterdamDate,
  amsterdamInstant,
  endOfAmsterdamDay,
  TIME_ZONE,
} from './calendar/working-days';
export type { PublicHoliday } from './calendar/working-days';
export { monitoringNorms, monitoringNormOn, normRef, parseMonitoringNorm } from './monitoring-norm/registry';
export type { MonitoringNorm, MonitoringNormRef } from './monitoring-norm/registry';
export type { DueItem, DueItemKind } from './due-items';
