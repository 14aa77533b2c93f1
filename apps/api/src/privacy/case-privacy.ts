import { Inject, Injectable, Logger } from '@nestjs/common';
import { caseStreamId } from '@zicht/case-domain';
import { NewEvent, StoredEvent } from '@zicht/event-store';
import { DataKey, KeyStore, revealPersonalData, sealPersonalData } from '@zicht/privacy';

export const KEY_STORE = Symbol('KEY_STORE');

export type CaseKey = DataKey | 'erased' | 'none';

/** An answer about one case with its personal fields decrypted, or null once the case was erased. */
export type RevealedAnswer<T> = T & { erased?: true };

const caseIdOf = (streamId: string) => streamId.slice(caseStreamId('').length);

/**
 * Personal data at rest is sealed per case (libs/privacy): events are sealed before they are
 * appended, and every answer built from stored events or read models is revealed with the case's
 * key on the way out. Without the key (erased) every personal field reads null and the answer says
 * `erased: true`. A field that fails authentication reads null too; only the count is logged.
 */
@Injectable()
export class CasePrivacy {
  private readonly logger = new Logger('Privacy');

  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  /** The case's key: created for a new case (or a case from before encryption), looked up otherwise. */
  async keyFor(caseId: string, options: { create: boolean }): Promise<CaseKey> {
    const current = await this.keys.get(caseId);
    if (current !== 'none' || !options.create) return current;
    return this.keys.getOrCreate(caseId);
  }

  /** Events decided for a case, their personal fields sealed under its key. */
  seal(caseId: string, key: DataKey, events: NewEvent[]): NewEvent[] {
    return events.map((event) => ({ ...event, data: sealPersonalData(event, caseId, key) as NewEvent['data'] }));
  }

  /** Stored events of a case stream as the decider folds them: decrypted (an erased case keeps its sealed values, opaque). */
  async open(streamId: string, events: StoredEvent[]): Promise<StoredEvent[]> {
    const caseId = caseIdOf(streamId);
    const key = await this.keys.get(caseId);
    if (key === 'erased') return events;
    return events.map((event) => ({ ...event, data: this.revealed(caseId, key, event.data) }));
  }

  /** An answer about one case, decrypted with its key; `erased: true` once its key was destroyed. */
  async reveal<T extends object>(caseId: string, answer: T): Promise<RevealedAnswer<T>> {
    const key = await this.keys.get(caseId);
    const value = this.revealed(caseId, key, answer);
    return key === 'erased' ? { ...value, erased: true } : value;
  }

  /** Several answers about several cases (a list), each with its own case's key. */
  async revealEach<T extends object>(answers: T[], caseIdOf: (answer: T) => string): Promise<Array<RevealedAnswer<T>>> {
    return Promise.all(answers.map((answer) => this.reveal(caseIdOf(answer), answer)));
  }

  /** Destroys the case's key (idempotent): the first moment it was destroyed. */
  async destroy(caseId: string, at: string): Promise<string> {
    return (await this.keys.destroy(caseId, at)).erasedAt;
  }

  private revealed<T>(caseId: string, key: CaseKey, value: T): T {
    const { value: revealed, failures } = revealPersonalData(value, caseId, key);
    if (failures > 0) this.logger.warn({ failures }, 'personal fields that failed authentication read as null');
    return revealed;
  }
}

