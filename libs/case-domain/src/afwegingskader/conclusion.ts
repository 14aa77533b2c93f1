/**
 * The afwegingskader conclusion: one national rule, computed by the server from the answers.
 *
 * no suspicion -> `no-suspicion`; acute or structural unsafety, no effective help possible, help not
 * accepted, or help that does not lead to lasting safety -> `melding-required` with those grounds;
 * otherwise `hulp-without-melding`.
 */
import { WeighingAnswers } from '../commands';
import { MeldplichtGround, WeighingConclusion } from '../vocabulary';

export interface WeighingOutcome {
  conclusion: WeighingConclusion;
  meldplichtGrounds: MeldplichtGround[];
}

/** The grounds the answers give, in the order of the questions (ignoring question 1). */
function groundsOf(a: WeighingAnswers): MeldplichtGround[] {
  const grounds: MeldplichtGround[] = [];
  if (a.acuteUnsafety === true) grounds.push('acute-unsafety');
  if (a.structuralUnsafety === true) grounds.push('structural-unsafety');
  if (a.canOfferEffectiveHelp === false) grounds.push('no-effective-help');
  if (a.helpAccepted === false) grounds.push('help-not-accepted');
  if (a.helpLeadsToSafety === false) grounds.push('no-lasting-safety');
  return grounds;
}

export function concludeWeighing(answers: WeighingAnswers): WeighingOutcome {
  if (!answers.suspicion) return { conclusion: 'no-suspicion', meldplichtGrounds: [] };
  const grounds = groundsOf(answers);
  return grounds.length > 0
    ? { conclusion: 'melding-required', meldplichtGrounds: grounds }
    : { conclusion: 'hulp-without-melding', meldplichtGrounds: [] };
}

/**
 * Answers that contradict each other (rule `weighing.inconsistent-answers`), with an explanation;
 * null when consistent.
 */
export function findInconsistentAnswers(a: WeighingAnswers): string | null {
  if (!a.suspicion) {
    const grounds = groundsOf(a);
    if (grounds.length > 0) {
      return (
        `You answered question 1 (vermoeden) with no, but other answers point to a threat (${grounds.join(', ')}). ` +
        'Without a suspicion, questions 2 to 5 do not apply. If you do suspect violence or abuse, answer question 1 with yes; otherwise leave the other questions out.'
      );
    }
  }
  if (a.canOfferEffectiveHelp === false && (a.helpAccepted === true || a.helpLeadsToSafety === true)) {
    return (
      'You answered that you cannot offer or organise effective help (question 3), but also that help is accepted (question 4) or leads to lasting safety (question 5). ' +
      'Help that cannot be offered cannot be accepted or work: correct question 3, or leave questions 4 and 5 out and make a melding.'
    );
  }
  if (a.helpAccepted === false && a.helpLeadsToSafety === true) {
    return (
      'You answered that the people involved do not accept the help (question 4), but that the help leads to lasting safety (question 5). ' +
      'Help that is not accepted cannot lead to safety: correct one of the two answers.'
    );
  }
  return null;
}

/**
 * Questions that must be answered before a conclusion can be drawn (rule
 * `weighing.incomplete-answers`); null when complete. Question 5 may stay open: it is often only
 * answerable once the help runs (a later weighing answers it).
 */
export function findMissingAnswers(a: WeighingAnswers): string | null {
  if (!a.suspicion) return null;
  if (a.acuteUnsafety === undefined && a.structuralUnsafety === undefined) {
    return 'You suspect violence or abuse (question 1), so answer question 2: is there acute or structural unsafety?';
  }
  if (a.acuteUnsafety === true || a.structuralUnsafety === true) return null;
  if (a.canOfferEffectiveHelp === undefined) {
    return 'There is a suspicion without acute or structural unsafety, so answer question 3: can you offer or organise effective help? Without that answer the weighing cannot conclude.';
  }
  if (a.canOfferEffectiveHelp === true && a.helpAccepted === undefined) {
    return 'You can offer effective help (question 3), so answer question 4: do the people involved accept the help and cooperate? Without that answer the weighing cannot conclude.';
  }
  return null;
}
