/**
 * The afwegingskader registry: versioned reference data, one JSON file per framework under
 * `frameworks/`. A `weighed` event stores the id and version it used. The conclusion is one
 * national rule (conclusion.ts), the same for every framework; the frameworks differ in wording.
 */
import { WeighingAnswers } from '../commands';
import basismodel from './frameworks/basismodel.json';
import kinderopvang from './frameworks/kinderopvang.json';
import knmg from './frameworks/knmg.json';
import onderwijs from './frameworks/onderwijs.json';

export type AnswerKey = keyof WeighingAnswers;

export interface AfwegingskaderAnswer {
  key: AnswerKey;
  label: string;
  /** The answer that makes a melding mandatory (null: question 1, where "no" closes the case). */
  meldenWhen: boolean | null;
}

export interface AfwegingskaderQuestion {
  number: number;
  /** The question in Dutch. */
  text: string;
  answers: AfwegingskaderAnswer[];
  ifYes?: string;
  ifNo?: string;
}

export interface Afwegingskader {
  id: string;
  version: string;
  title: string;
  beroepsgroepen: string[];
  /** ISO date. */
  validFrom: string;
  source: { publisher: string; reference: string; note?: string };
  questions: AfwegingskaderQuestion[];
}

export const ANSWER_KEYS: readonly AnswerKey[] = [
  'suspicion',
  'acuteUnsafety',
  'structuralUnsafety',
  'canOfferEffectiveHelp',
  'helpAccepted',
  'helpLeadsToSafety',
];

/** Checks a framework file at load time, so a broken file fails every test at once. */
export function parseAfwegingskader(json: unknown): Afwegingskader {
  const f = json as Afwegingskader;
  const problems: string[] = [];
  for (const field of ['id', 'version', 'title', 'validFrom'] as const) {
    if (typeof f?.[field] !== 'string' || f[field].length === 0) problems.push(`missing ${field}`);
  }
  if (!Array.isArray(f?.beroepsgroepen) || f.beroepsgroepen.length === 0) problems.push('missing beroepsgroepen');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(String(f?.validFrom))) problems.push('validFrom is not an ISO date');
  if (!Array.isArray(f?.questions) || f.questions.length !== 5) problems.push('needs exactly five questions');
  const keys = (f?.questions ?? []).flatMap((q) => (q.answers ?? []).map((a) => a.key));
  if ([...keys].sort().join() !== [...ANSWER_KEYS].sort().join()) problems.push(`answer keys must be exactly ${ANSWER_KEYS.join(', ')}`);
  if (problems.length > 0) throw new Error(`afwegingskader ${String(f?.id)}: ${problems.join('; ')}`);
  return f;
}

export const afwegingskaders: readonly Afwegingskader[] = Object.freeze(
  [knmg, onderwijs, kinderopvang, basismodel].map(parseAfwegingskader),
);

export function findAfwegingskader(id: string, version: string): Afwegingskader | undefined {
  return afwegingskaders.find((f) => f.id === id && f.version === version);
}

/** The framework for a beroepsgroep (the newest version), or the basismodel for any other. */
export function afwegingskaderFor(beroepsgroep: string | undefined): Afwegingskader {
  const wanted = beroepsgroep?.toLowerCase();
  const matching = afwegingskaders.filter((f) => wanted !== undefined && f.beroepsgroepen.includes(wanted));
  const pool = matching.length > 0 ? matching : afwegingskaders.filter((f) => f.id === 'basismodel');
  return [...pool].sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
}
