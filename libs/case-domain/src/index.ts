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
export { canSee, involvement, mayCommand, mayActOn } from './access';
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
export { COMMAND_DATA_SCHEMAS, DATA_LIMITS, validateCommandData, validateOccurredAt } from './schemas';
export { accountability, responsibilityGaps } from './accountability';
export type { Accountability, ResponsibilityEntry, ResponsibilityGap, ChildInvolvement, Intervention, EvaluationCheck } from './accountability';
export { compliance, COMPLIANCE_CHECK_IDS } from './compliance';
export type { Compliance, ComplianceCheck, ComplianceCheckId, ComplianceStatus } from './compliance';
export { dueItems, isOverdue, DUE_ITEM_KINDS } from './due-items';
export type { DueItem, DueItemKind } from './due-items';
