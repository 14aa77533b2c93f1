import { CaseState, ExistingCaseState, caseStreamId } from '@zicht/case-domain';
import { ChainVerification, EventStore, GENESIS_HASH, StoredEvent, verifyChain } from '@zicht/event-store';
import { caseFolder } from '../cases/case-stream';

/** A case's record as stored: its events (up to a revision), the chain's verdict over them, and their fold. */
export interface CaseRecord {
  events: StoredEvent[];
  verification: ChainVerification & { headHash: string };
  /** The fold of the events; null when they cannot be folded (a stored event the model cannot read). */
  state: ExistingCaseState | null;
  /** Why the fold stopped, by revision (no event data in it). */
  foldError: { revision: number; reason: string } | null;
}

const PAGE = 1000;

/**
 * Computes answers from a record's state; an answer the model cannot compute from what is stored
 * (a tampered or unreadable event) is reported like a fold that stopped, never as a 500.
 */
export function answersOf<T>(record: CaseRecord, compute: (state: ExistingCaseState) => T): { answers: T | null; foldError: CaseRecord['foldError'] } {
  if (record.state === null) return { answers: null, foldError: record.foldError };
  try {
    return { answers: compute(record.state), foldError: null };
  } catch (error) {
    return { answers: null, foldError: { revision: record.state.revision, reason: `the answers cannot be computed from the stored events (${(error as Error).name})` } };
  }
}

/**
 * Reads a case's stream from the store (the record, not the read models), page by page, verifies
 * its hash chain and folds it with the one fold of a case stream. A tampered or unreadable record is
 * reported in the answer, never thrown as an internal error. Null when the case has no events.
 */
export async function readCaseRecord(
  store: EventStore,
  caseId: string,
  options: { toRevision?: number; recordedBy?: string } = {},
): Promise<CaseRecord | null> {
  const { toRevision, recordedBy } = options;
  const events: StoredEvent[] = [];
  for (;;) {
    const page = await store.readStream(caseStreamId(caseId), { fromRevision: events.length, limit: PAGE, ...(toRevision !== undefined ? { toRevision } : {}) });
    events.push(...page);
    if (page.length < PAGE) break;
  }
  if (events.length === 0) return null;
  const verification = { ...verifyChain(events), headHash: events[events.length - 1].metadata.hash ?? GENESIS_HASH };
  let state: CaseState = caseFolder.initialState;
  let foldError: CaseRecord['foldError'] = null;
  // The whole record read is verified; the fold takes the events recorded by `recordedBy` (as hashed).
  const folded = recordedBy === undefined ? events : events.filter((e) => e.metadata.recordedAt <= recordedBy);
  for (const event of folded) {
    try {
      state = caseFolder.evolve(state, event);
    } catch (error) {
      foldError = { revision: event.revision, reason: `the event cannot be read by this version of the case model (${(error as Error).name})` };
      break;
    }
  }
  return { events, verification, state: foldError || state.status === 'none' ? null : state, foldError };
}

/** The stored record of a case is broken (its chain, or an event the model cannot read): an answer built on it could not be trusted (HTTP 409). */
export class CaseRecordBrokenError extends Error {
  readonly rule = 'integrity.record-broken';
  constructor(readonly caseId: string, readonly firstInvalidRevision: number, readonly reason: string) {
    super(`The stored record of this case is broken at revision ${firstInvalidRevision}: ${reason}. No state is answered from it; GET /cases/:id/verify and /export show what is stored.`);
    this.name = 'CaseRecordBrokenError';
  }
}
