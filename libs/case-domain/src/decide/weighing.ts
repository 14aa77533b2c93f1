/**
 * Step 4: weighing with the afwegingskader. The conclusion and the meldplicht grounds are computed
 * here from the answers, never taken from the request. Rules are checked in step order, so that
 * the earliest missing step is the one named (a weighing with neither a signal nor a conversation
 * is `weighing.requires-signal`).
 */
import { CommandContext, RecordWeighingData } from '../commands';
import { RuleViolation } from '../errors';
import { Weighed } from '../events';
import { afwegingskaderFor, afwegingskaders, findAfwegingskader } from '../afwegingskader/registry';
import { concludeWeighing, findInconsistentAnswers, findMissingAnswers } from '../afwegingskader/conclusion';
import { OpenCaseState } from '../state';

export function decideWeighing(data: RecordWeighingData, state: OpenCaseState, ctx: CommandContext): Weighed[] {
  if (state.signals.length === 0) {
    throw new RuleViolation(
      'weighing.requires-signal',
      'A weighing rests on the signals (step 1 of the Meldcode). Record at least one signal first (POST /cases/:id/signals), then weigh. ' +
        'If the child is in acute danger, you need not weigh first: make a melding at Veilig Thuis right away.',
    );
  }
  if (state.childConversations.length === 0) {
    throw new RuleViolation(
      'weighing.requires-child-conversation',
      'Before weighing, talk with the child (step 3): the child has the right to be heard on decisions about them (UN CRC art. 12). ' +
        'Record the conversation (POST /cases/:id/child-conversations, outcome "heard"), or, if it truly was not possible, record why with outcome "not-heard", ' +
        'a valid reason and a date to try again. If the child is in acute danger, make a melding right away instead.',
    );
  }
  const { id, version } = data.afwegingskader;
  const framework = findAfwegingskader(id, version);
  if (!framework) {
    const known = afwegingskaders.map((f) => `${f.id} ${f.version}`).join(', ');
    throw new RuleViolation(
      'weighing.unknown-afwegingskader',
      `There is no afwegingskader "${id}" version "${version}" in the registry. Use the afwegingskader of your beroepsgroep (GET /afwegingskaders); known: ${known}.`,
    );
  }
  const own = afwegingskaderFor(ctx.actor.beroepsgroep);
  if (framework.id !== own.id) {
    throw new RuleViolation(
      'weighing.afwegingskader-not-for-beroepsgroep',
      `The afwegingskader "${id}" is not the one of your beroepsgroep (${ctx.actor.beroepsgroep ?? 'none recorded'}): weigh with "${own.id}"` +
        (own.id === 'basismodel' ? ', the Rijksoverheid basismodel for beroepsgroepen without one of their own.' : '.'),
    );
  }
  const inconsistent = findInconsistentAnswers(data.answers);
  if (inconsistent) throw new RuleViolation('weighing.inconsistent-answers', inconsistent);
  const missing = findMissingAnswers(data.answers);
  if (missing) throw new RuleViolation('weighing.incomplete-answers', missing);

  const outcome = concludeWeighing(data.answers);
  return [
    {
      type: 'weighed',
      data: {
        afwegingskader: { id, version },
        answers: cleanAnswers(data.answers),
        rationale: data.rationale,
        conclusion: outcome.conclusion,
        meldplichtGrounds: outcome.meldplichtGrounds,
      },
    },
  ];
}

/** Only the answers given, in question order (no `undefined` in stored data). */
function cleanAnswers(a: RecordWeighingData['answers']): RecordWeighingData['answers'] {
  const out: RecordWeighingData['answers'] = { suspicion: a.suspicion };
  if (a.acuteUnsafety !== undefined) out.acuteUnsafety = a.acuteUnsafety;
  if (a.structuralUnsafety !== undefined) out.structuralUnsafety = a.structuralUnsafety;
  if (a.canOfferEffectiveHelp !== undefined) out.canOfferEffectiveHelp = a.canOfferEffectiveHelp;
  if (a.helpAccepted !== undefined) out.helpAccepted = a.helpAccepted;
  if (a.helpLeadsToSafety !== undefined) out.helpLeadsToSafety = a.helpLeadsToSafety;
  return out;
}
