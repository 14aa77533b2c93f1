import { ExistingCaseState, RadarEntry, radarEntry } from '@zicht/case-domain';
import type { ReadModelDb } from './read-model-database';
import { RowOf, TableSpec, longText, nullableText, rowValues, text } from './table-spec';

/**
 * Per case: the child's pseudonymous key (once identified), when the case first reached Veilig
 * Thuis, and its radar entry (codes and dates only, never a child reference or a free text). The
 * cases projection writes it from the one fold of the case (case-read-model.ts), in the same batch.
 */
export const RADAR = {
  name: 'radar_cases',
  columns: {
    case_id: text(36),
    /** HMAC-SHA256 of the BSN (hex); null until the case names the child by BSN. */
    child_key: nullableText(64),
    /** The instant of the case's first melding; null while it never reached Veilig Thuis (invisible to the radar). */
    first_melding: nullableText(40),
    /** The radar entry (JSON; `null` without a melding). */
    entry: longText(),
  },
  key: ['case_id'],
  indexes: { radar_cases_by_child: ['child_key', 'first_melding', 'case_id'] },
} satisfies TableSpec;

export interface RadarTables {
  radar_cases: RowOf<typeof RADAR>;
}

/** The radar row of a case (from the cases projection's fold): its child key, first melding and entry. */
export function radarRow(state: ExistingCaseState): unknown[] {
  return rowValues(RADAR, {
    case_id: state.caseId,
    child_key: state.childKey,
    first_melding: state.meldingen[0]?.occurredAt ?? null,
    entry: JSON.stringify(radarEntry(state)),
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
