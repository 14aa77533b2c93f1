/**
 * The national monitoring norm: versioned reference data, one JSON file per version under `norms/`
 * (like the afwegingskader registry). A check at least every `maxIntervalDays`, for at least
 * `minDurationDays` after the last help, safety conditions or handover. It is the platform's own
 * default, not a law. The norm in force on a date is the newest version valid from that date; a
 * version is never edited, a change is a new file, so a case is judged the same on every replay.
 */
import landelijk2019 from './norms/landelijk-2019.json';

export interface MonitoringNorm {
  id: string;
  version: string;
  title: string;
  maxIntervalDays: number;
  minDurationDays: number;
  /** ISO date. */
  validFrom: string;
  source: { publisher: string; reference: string; note?: string };
}

/** What an answer shows of the norm. */
export type MonitoringNormRef = Pick<MonitoringNorm, 'id' | 'version' | 'maxIntervalDays' | 'minDurationDays'>;

/** Checks a norm file at load time, so a broken file fails every test at once. */
export function parseMonitoringNorm(json: unknown): MonitoringNorm {
  const n = json as MonitoringNorm;
  const problems: string[] = [];
  for (const field of ['id', 'version', 'title', 'validFrom'] as const) {
    if (typeof n?.[field] !== 'string' || n[field].length === 0) problems.push(`missing ${field}`);
  }
  for (const field of ['maxIntervalDays', 'minDurationDays'] as const) {
    if (!Number.isInteger(n?.[field]) || n[field] < 1) problems.push(`${field} must be a whole number of days, at least 1`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(String(n?.validFrom))) problems.push('validFrom is not an ISO date');
  if (problems.length > 0) throw new Error(`monitoring norm ${String(n?.id)}: ${problems.join('; ')}`);
  return n;
}

export const monitoringNorms: readonly MonitoringNorm[] = Object.freeze([landelijk2019].map(parseMonitoringNorm));

/** The norm in force on a date (the newest valid from it); before the first, the first. */
export function monitoringNormOn(date: string): MonitoringNorm {
  const day = date.slice(0, 10);
  const sorted = [...monitoringNorms].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  return sorted.filter((n) => n.validFrom <= day).at(-1) ?? sorted[0];
}

export function normRef(norm: MonitoringNorm): MonitoringNormRef {
  return { id: norm.id, version: norm.version, maxIntervalDays: norm.maxIntervalDays, minDurationDays: norm.minDurationDays };
}
