/**
 * Step 3: the child is heard at every decision moment, by a trained professional. A conversation
 * by an untrained interviewer is a fact: it is recorded (interviewerTrained: false) and flagged,
 * not refused. Age or disability alone is never a reason not to hear a child (GC12 par. 21).
 */
import { ChildHeardData, ChildNotHeardData, CommandContext, RecordChildConversationData } from '../commands';
import { RuleViolation } from '../errors';
import { ChildHeard, ChildNotHeard } from '../events';
import { CHILD_INTERVIEWER_QUALIFICATION } from '../vocabulary';
import { occurredOn } from './context';

export function decideChildConversation(data: RecordChildConversationData, ctx: CommandContext): (ChildHeard | ChildNotHeard)[] {
  return data.outcome === 'heard' ? [childHeard(data, ctx)] : [childNotHeard(data, ctx)];
}

function childHeard(data: ChildHeardData, ctx: CommandContext): ChildHeard {
  return {
    type: 'child-heard',
    data: {
      moment: data.moment,
      heardAlone: data.heardAlone,
      accommodations: data.accommodations ?? [],
      viewsSummary: data.viewsSummary,
      interviewerTrained: ctx.actor.qualifications.includes(CHILD_INTERVIEWER_QUALIFICATION),
    },
  };
}

function childNotHeard(data: ChildNotHeardData, ctx: CommandContext): ChildNotHeard {
  const { reason } = data;
  if (reason === 'age' || reason === 'disability') {
    throw new RuleViolation(
      'child-not-heard.age-or-disability',
      `"${reason}" is never on its own a reason not to hear a child (UN CRC General Comment 12, par. 21): a child can form views from the youngest age, ` +
        'non-verbal communication (play, drawing, body language) counts, and a child with a disability must be offered the mode of communication they need. ' +
        'Hear the child with accommodations, ideally by a trained child interviewer. If that was tried and did not work, record reason ' +
        '"not-feasible-despite-accommodations" with what was tried in accommodationsTried.',
    );
  }
  const accommodationsTried = (data.accommodationsTried ?? []).filter((a) => a.trim().length > 0);
  if (reason === 'not-feasible-despite-accommodations' && accommodationsTried.length === 0) {
    throw new RuleViolation(
      'child-not-heard.accommodations-required',
      'A conversation is "not feasible despite accommodations" only when accommodations were tried. Name in accommodationsTried what was tried ' +
        '(for example an interpreter, drawing or play, a familiar person present, another place or moment), or hear the child with such an accommodation first.',
    );
  }
  if (data.revisitBy < occurredOn(ctx)) {
    throw new RuleViolation(
      'child-not-heard.revisit-in-past',
      `revisitBy (${data.revisitBy}) lies before the day this was recorded (${occurredOn(ctx)}). When a child could not be heard, set a date in the future to try again.`,
    );
  }
  return {
    type: 'child-not-heard',
    data: {
      moment: data.moment,
      reason,
      explanation: data.explanation,
      accommodationsTried,
      revisitBy: data.revisitBy,
    },
  };
}
