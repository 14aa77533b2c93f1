import { CaseCommand, isValidBsn } from '@zicht/case-domain';
import { InvalidRequestError } from '../http/problem';

/** The radar secret (a RadarKey of @zicht/privacy), loaded at start from ZICHT_RADAR_KEY_FILE. */
export const RADAR_KEY = Symbol('RADAR_KEY');

/** A command as the domain gets it, and the BSN the request carried (open-case: `subject.bsn`; make-melding: `bsn`). */
export interface WithoutBsn {
  command: CaseCommand;
  bsn?: string;
}

/**
 * Takes the child's BSN out of a command's data: the domain and the log never see it, only the
 * childKey the handler derives from it. A BSN that fails the elfproef is a 400 naming the field,
 * never quoting the value (the DTO refuses it first; this holds for every edge).
 */
export function takeBsn(command: CaseCommand): WithoutBsn {
  if (command.type === 'open-case') {
    const { bsn, ...subject } = command.data.subject as typeof command.data.subject & { bsn?: unknown };
    if (bsn === undefined) return { command };
    return { command: { ...command, data: { ...command.data, subject } }, bsn: checked(bsn, 'subject.bsn') };
  }
  if (command.type === 'make-melding') {
    const { bsn, ...data } = command.data as typeof command.data & { bsn?: unknown };
    if (bsn === undefined) return { command };
    return { command: { ...command, data }, bsn: checked(bsn, 'bsn') };
  }
  return { command };
}

function checked(bsn: unknown, field: string): string {
  if (!isValidBsn(bsn)) throw new InvalidRequestError([{ field, messages: [`${field} must be a BSN: 9 digits that pass the elfproef`] }]);
  return bsn as string;
}
