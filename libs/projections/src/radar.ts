import { CaseState, ExistingCaseState, RadarEntry, evolve, initialState, radarEntry, recordedCaseEvent } from '@zicht/case-domain';
import { StoredEvent } from '@zicht/event-store';
import { Kysely } from 'kysely';
import { withoutPersonalData } from './case-row';
import { BlockedByParkedEventError } from './parked';
import { BatchContext, Projection, ProjectionWriter } from './projection';
import { ReadModelDb } from './read-model-database';
import { caseIdOf } from './streams';
import { GenerationNames, ProjectionDataError, RowOf, TableSpec, int, longText, nullableText, rowValues, text } from './table-spec';

/**
 * Per case: the child's pseudonymous key (once identified), when the case first reached Veilig
 * Thuis, and its radar entry (codes and dates only). The fold it keeps to compute the entry holds
 * no personal field at all: every registered personal path is left out before it is folded.
 */
const RADAR = {
  name: 'radar_cases',
  columns: {
    case_id: text(36),
    revision: int(),
    /** HMAC-SHA256 of the BSN (hex); null until the case names the child by BSN. */
    child_key: nullableText(64),
    /** The instant of the case's first melding; null while it never reached Veilig Thuis (invisible to the radar). */
    first_melding: nullableText(40),
    /** The radar entry (JSON; `null` without a melding). */
    entry: longText(),
    /** The case's fold without personal data (JSON), to fold on from. */
    state: longText(),
  },
  key: ['case_id'],
  indexes: { radar_cases_by_child: ['child_key', 'first_melding', 'case_id'] },
} satisfies TableSpec;

export interface RadarTables {
  radar_cases: RowOf<typeof RADAR>;
}

/** The radar: which cases about one child reached Veilig Thuis, and what Veilig Thuis may know of each. */
export class RadarProjection implements Projection {
  readonly name = 'radar';
  readonly version = 1;
  readonly tables = [RADAR];
  readonly migrations = [];

  constructor(private readonly cacheSize = 5_000) {}

  createWriter(names: GenerationNames): ProjectionWriter {
    return new RadarWriter(names.table(RADAR.name), this.cacheSize);
  }
}

interface Folded {
  state: ExistingCaseState;
  row: unknown[];
}

const BLOCKED = new BlockedByParkedEventError();

class RadarWriter implements ProjectionWriter {
  /** Recently written folds, trusted only when the stored row has the same revision. */
  private readonly recent = new Map<string, ExistingCaseState>();

  constructor(
    private readonly table: string,
    private readonly cacheSize: number,
  ) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async apply(trx: Kysely<any>, events: StoredEvent[], batch: BatchContext): Promise<void> {
    const byCase = new Map<string, StoredEvent[]>();
    for (const event of events) {
      const caseId = caseIdOf(event.streamId);
      if (caseId === null) continue;
      byCase.set(caseId, [...(byCase.get(caseId) ?? []), event]);
    }
    if (byCase.size === 0) return;
    const { statements } = batch;
    const rows = await statements.selectWhereIn<{ case_id: string; revision: number }>(trx, this.table, ['case_id', 'revision'], 'case_id', [...byCase.keys()]);
    const stored = new Map(rows.map((r) => [r.case_id, r.revision]));
    const unknown = rows.filter((r) => this.recent.get(r.case_id)?.revision !== r.revision).map((r) => r.case_id);
    const loaded = new Map<string, ExistingCaseState>();
    for (const r of await statements.selectWhereIn<{ case_id: string; state: string }>(trx, this.table, ['case_id', 'state'], 'case_id', unknown)) {
      loaded.set(r.case_id, JSON.parse(r.state) as ExistingCaseState);
    }
    const written: unknown[][] = [];
    for (const [caseId, list] of byCase) {
      const revision = stored.get(caseId);
      const before = revision === undefined ? undefined : this.recent.get(caseId)?.revision === revision ? this.recent.get(caseId) : loaded.get(caseId);
      const fresh = revision === undefined ? list : list.filter((e) => e.revision > revision);
      if (fresh.length === 0) continue;
      const after = foldCase(before, fresh, batch);
      if (after === undefined) continue;
      written.push(after.row);
      this.remember(caseId, after.state);
    }
    await statements.write(trx, this.table, RADAR, written, { replace: ['revision', 'child_key', 'first_melding', 'entry', 'state'] });
  }

  private remember(caseId: string, state: ExistingCaseState): void {
    this.recent.delete(caseId);
    this.recent.set(caseId, state);
    if (this.recent.size > this.cacheSize) this.recent.delete(this.recent.keys().next().value!);
  }
}

/** The case after `fresh` (undefined when nothing applies); an event that does not fit is parked with every later one of its case. */
function foldCase(before: ExistingCaseState | undefined, fresh: StoredEvent[], batch: BatchContext): Folded | undefined {
  if (batch.isParked(fresh[0].streamId)) {
    for (const event of fresh) batch.park(event, BLOCKED);
    return undefined;
  }
  const onto = (from: ExistingCaseState | undefined, events: StoredEvent[]): Folded | undefined => {
    let state: CaseState = from ?? initialState;
    for (const event of events) state = evolve(state, withoutPersonalData(recordedCaseEvent(event)));
    if (state.status === 'none') return undefined;
    if (state.caseId !== caseIdOf(events[0].streamId)) throw new ProjectionDataError('case-opened names another case than its stream');
    const compact = { ...state, signals: firstOfEachCategory(state.signals) };
    return { state: compact, row: radarRow(compact) };
  };
  try {
    return onto(before, fresh);
  } catch {
    let good: Folded | undefined;
    for (let i = 0; i < fresh.length; i++) {
      try {
        good = onto(good?.state ?? before, [fresh[i]]) ?? good;
      } catch (error) {
        batch.park(fresh[i], error);
        for (const later of fresh.slice(i + 1)) batch.park(later, BLOCKED);
        break;
      }
    }
    return good;
  }
}

/** The radar needs the categories only: one signal of each keeps the fold small in a long case. */
function firstOfEachCategory<S extends { category: string }>(signals: readonly S[]): S[] {
  const seen = new Set<string>();
  return signals.filter((s) => {
    if (seen.has(s.category)) return false;
    seen.add(s.category);
    return true;
  });
}

function radarRow(state: ExistingCaseState): unknown[] {
  const entry = radarEntry(state);
  return rowValues(RADAR, {
    case_id: state.caseId,
    revision: state.revision,
    child_key: state.childKey,
    first_melding: state.meldingen[0]?.occurredAt ?? null,
    entry: JSON.stringify(entry),
    state: JSON.stringify(state),
  });
}

/** The radar's lookups: by the child's key, only the cases that reached Veilig Thuis. */
export class RadarReadModel {
  constructor(private readonly db: ReadModelDb) {}

  /** The radar entries of the cases about this child that had a melding, oldest first. */
  async entriesOf(childKey: string): Promise<RadarEntry[]> {
    const rows = await this.db
      .selectFrom('radar_cases')
      .select('entry')
      .where('child_key', '=', childKey)
      .where('first_melding', 'is not', null)
      .orderBy('first_melding')
      .orderBy('case_id')
      .execute();
    return rows.map((r) => JSON.parse(r.entry) as RadarEntry);
  }

  /** Every row, in a fixed order: to compare a rebuilt read model with a live one. */
  async dump(): Promise<Record<string, unknown[]>> {
    return { cases: await this.db.selectFrom('radar_cases').selectAll().orderBy('case_id').execute() };
  }
}
