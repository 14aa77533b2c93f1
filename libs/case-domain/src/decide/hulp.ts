/**
 * Step 5b: help is deployed or continued ("inzetten of voortzetten"). Rules in step order:
 * the child was involved (step 3), a weighing preceded it (step 4), the plan is complete (step 5),
 * so that the four GC13 par. 53 questions always have an answer.
 */
import { DeployHulpData, HulpComponent, HulpEvaluation } from '../commands';
import { compareDates } from '../dates';
import { RuleViolation } from '../errors';
import { HulpIngezet, ResponsibilityChange } from '../events';
import { partyFrom, sameParty } from '../party';
import { OpenCaseState, findChildConversation } from '../state';
import { isBlank } from './context';

export function decideHulp(data: DeployHulpData, state: OpenCaseState): HulpIngezet[] {
  if (!findChildConversation(state, data.plan.childConversationEventId)) {
    throw new RuleViolation(
      'hulp.child-not-involved',
      `plan.childConversationEventId "${data.plan.childConversationEventId}" is not a child-heard or child-not-heard event of this case. ` +
        'The aims of the help must be discussed with the child (UN CRC General Comment 13, par. 53b). Talk with the child about the help ' +
        '(POST /cases/:id/child-conversations, moment "hulpverlening"), or record why that was not possible, and name that eventId in the plan.',
    );
  }
  if (state.weighings.length === 0) {
    if (data.decidedBy === 'melder') {
      throw new RuleViolation(
        'hulp.requires-weighing',
        'Help decided by the melder follows a weighing with the afwegingskader (step 4): it decides whether you may organise help yourself or must make a melding. ' +
          'Record the weighing first (POST /cases/:id/weighings). Veilig Thuis may decide on help without one.',
      );
    }
    if (state.meldingen.length === 0) {
      throw new RuleViolation(
        'hulp.requires-weighing',
        'Veilig Thuis decides on help only in a case with a melding. Without a melding, help follows a weighing: record the weighing first ' +
          '(POST /cases/:id/weighings), or make the melding (POST /cases/:id/meldingen).',
      );
    }
  }
  const plan = completePlan(data);
  if (!plan.complete) {
    throw new RuleViolation(
      'hulp.incomplete-plan',
      `The plan is incomplete: ${plan.problems.join('; ')}. For every child it must be clear what the help aims at, who provides what by when and for how long, ` +
        'and how and when it is evaluated (UN CRC General Comment 13, par. 53).',
    );
  }

  const responsible = partyFrom(data.responsible);
  const changes: ResponsibilityChange[] = [];
  if (!sameParty(state.responsibility.hulp.current, responsible)) changes.push({ scope: 'hulp', to: responsible });
  if (state.responsibility.monitoring.current === null) changes.push({ scope: 'monitoring', to: responsible });

  return [
    {
      type: 'hulp-ingezet',
      data: {
        mode: data.mode,
        decidedBy: data.decidedBy,
        responsible,
        plan: {
          aims: data.plan.aims,
          childConversationEventId: data.plan.childConversationEventId,
          discussedWith: data.plan.discussedWith ?? [],
        },
        components: plan.components,
        evaluation: plan.evaluation,
        responsibilityChanges: changes,
      },
    },
  ];
}

type CompletePlan = { complete: true; components: HulpComponent[]; evaluation: HulpEvaluation } | { complete: false; problems: string[] };

/** The components and evaluation as recorded, when nothing is missing; otherwise every problem at once. */
function completePlan(data: DeployHulpData): CompletePlan {
  const problems: string[] = [];
  if (!data.plan.aims.some((aim) => !isBlank(aim))) problems.push('name at least one aim');
  else if (data.plan.aims.some((aim) => isBlank(aim))) problems.push('an aim is empty');
  if (data.components.length === 0) problems.push('name at least one component (kind, provider, startsOn, deadline, intendedDurationWeeks)');
  const components: HulpComponent[] = [];
  data.components.forEach((c, i) => {
    const which = `component ${i + 1}${isBlank(c.kind) ? '' : ` (${c.kind})`}`;
    const before = problems.length;
    if (isBlank(c.kind)) problems.push(`${which} needs a kind`);
    if (isBlank(c.provider)) problems.push(`${which} needs a provider`);
    if (c.startsOn === undefined) problems.push(`${which} needs a start date`);
    if (c.deadline === undefined) problems.push(`${which} needs a deadline`);
    if (c.startsOn !== undefined && c.deadline !== undefined && compareDates(c.deadline, c.startsOn) < 0) {
      problems.push(`${which} has its deadline (${c.deadline}) before its start (${c.startsOn})`);
    }
    if (c.intendedDurationWeeks === undefined || c.intendedDurationWeeks <= 0) {
      problems.push(`${which} needs an intended duration of more than 0 weeks`);
    }
    const { kind, provider, startsOn, deadline, intendedDurationWeeks } = c;
    if (problems.length === before && provider !== undefined && startsOn !== undefined && deadline !== undefined && intendedDurationWeeks !== undefined) {
      components.push({ kind, provider, startsOn, deadline, intendedDurationWeeks });
    }
  });
  const { method, intervalDays, firstCheckDue } = data.evaluation;
  if (isBlank(method)) problems.push('the evaluation needs a method');
  if (intervalDays === undefined || intervalDays < 1) problems.push('the evaluation needs an interval of at least 1 day');
  if (firstCheckDue === undefined) problems.push('the evaluation needs a first check date');
  if (problems.length > 0 || method === undefined || intervalDays === undefined || firstCheckDue === undefined) {
    return { complete: false, problems };
  }
  return { complete: true, components, evaluation: { method, intervalDays, firstCheckDue } };
}
