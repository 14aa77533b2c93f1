/**
 * Erasure (crypto-shredding): the case's data key has been destroyed, so every personal field of
 * every event reads null from now on; the event records that it happened, why and when, with no
 * personal data. Only an admin (or the retention sweep acting as one) erases. Idempotent: a case
 * already erased appends nothing. Open and closed cases alike (retention erases closed ones).
 */
import { CommandContext, ErasePersonalDataData } from '../commands';
import { RuleViolation } from '../errors';
import { PersonalDataErased } from '../events';
import { ExistingCaseState } from '../state';

export function decideErasure(data: ErasePersonalDataData, state: ExistingCaseState, ctx: CommandContext): PersonalDataErased[] {
  if (ctx.actor.role !== 'admin') {
    throw new RuleViolation('erasure.admin-only', 'Only an administrator erases personal data (POST /admin/cases/:id/erasure), or the retention sweep.', 403);
  }
  if (state.erasure !== undefined) return [];
  if (ctx.keyDestroyedAt === undefined) throw new Error('erase-personal-data needs the moment the data key was destroyed (keyDestroyedAt)');
  return [{ type: 'personal-data-erased', data: { reason: data.reason, erasedAt: ctx.keyDestroyedAt } }];
}
