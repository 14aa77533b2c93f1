/**
 * One case from the first signal to the last follow-up, through decide and evolve together, the
 * way the command handler runs them (fold, decide, append).
 */
import { WIJKTEAM, aProfessional, aTrainedInterviewer, aVeiligThuisWorker, commands } from '@zicht/testing';
import { CaseCommand, CommandContext } from './commands';
import { decide } from './decide';
import { DomainError } from './errors';
import { RecordedCaseEvent } from './events';
import { evolve } from './evolve';
import { CaseState, ExistingCaseState, initialState } from './state';
import { summarize } from './summary';
import { compliance } from './compliance';
import { feedback } from './feedback';
import { canSee } from './access';
import { Principal } from './party';

class Stream {
  state: CaseState = initialState;
  events: RecordedCaseEvent[] = [];
  private clock = Date.parse('2026-11-02T08:00:00Z');

  run(command: CaseCommand, actor: Principal = aProfessional()): RecordedCaseEvent[] {
    this.clock += 24 * 3600_000;
    const now = new Date(this.clock).toISOString();
    const ctx: CommandContext = { caseId: 'case-lifecycle-1', actor, occurredAt: now, now };
    const recorded = decide(command, this.state, ctx).map((event, i) => ({
      ...event,
      eventId: `e${this.events.length + i}`,
      revision: this.events.length + i,
      occurredAt: now,
      recordedAt: now,
      actor: { id: actor.id, role: actor.role, organisation: actor.organisation },
    })) as RecordedCaseEvent[];
    this.events.push(...recorded);
    this.state = recorded.reduce(evolve, this.state);
    return recorded;
  }

  refused(command: CaseCommand, actor: Principal = aProfessional()): string {
    try {
      this.run(command, actor);
    } catch (error) {
      if (error instanceof DomainError) return error.rule;
      throw error;
    }
    throw new Error(`${command.type} was not refused`);
  }

  /** Lets days pass before the next command. */
  wait(days: number): void {
    this.clock += days * 24 * 3600_000;
  }

  get now(): string {
    return new Date(this.clock).toISOString();
  }
}

it('a case from signal to closure, with help that fails, a melding, help by Veilig Thuis and monitoring', () => {
  const s = new Stream();
  s.run(commands.openCase());
  s.run(commands.recordSignal({ observedAt: '2026-11-01' }));
  expect(s.refused(commands.recordWeighing())).toBe('weighing.requires-child-conversation');
  s.run(commands.recordConsultation());
  const [heard] = s.run(commands.hearChild(), aTrainedInterviewer());
  s.run(commands.recordWeighing());
  const [hulp] = s.run(commands.deployHulp(heard.eventId, { evaluation: { method: 'gesprek', intervalDays: 14, firstCheckDue: '2026-11-20' } }));
  expect(summarize(s.state, s.now)).toMatchObject({ stage: 'hulp', meldplicht: { status: 'none' }, responsible: { hulp: { organisation: WIJKTEAM } } });
  expect(s.refused(commands.closeCase())).toBe('closure.monitoring-open');

  const [check] = s.run(commands.recordMonitorCheck({ safety: 'unsafe', helpEffective: false }));
  expect(check.data).toMatchObject({ hulpEventId: hulp.eventId, makesMeldingMandatory: true });
  expect(summarize(s.state, s.now)).toMatchObject({ stage: 'monitoring', meldplicht: { status: 'open', grounds: ['no-lasting-safety'] }, flags: ['meldplicht-open'] });
  expect(s.refused(commands.closeCase())).toBe('closure.melding-required');
  expect(canSee(aVeiligThuisWorker(), s.state)).toBe(false);

  s.run(commands.makeMelding());
  expect(canSee(aVeiligThuisWorker(), s.state)).toBe(true);
  expect(summarize(s.state, s.now)).toMatchObject({
    meldplicht: { status: 'fulfilled' },
    responsible: { 'zicht-op-veiligheid': { organisation: 'Veilig Thuis VR13', veiligThuisRegion: 'VR13' } },
    flags: [],
  });

  const vt = aVeiligThuisWorker();
  const [vtHeard] = s.run(commands.hearChild({ moment: 'hulpverlening' }), vt);
  s.run(commands.deployHulp(vtHeard.eventId, { mode: 'voortzetten', decidedBy: 'veilig-thuis', responsible: { organisation: 'GGZ Verzonnen' } }), vt);
  expect(s.refused(commands.closeCase(), vt)).toBe('closure.monitoring-open');
  s.run(commands.recordMonitorCheck({ safety: 'safe' }), vt);
  expect(s.refused(commands.closeCase(), vt)).toBe('closure.monitoring-open'); // the norm's minimum duration
  s.wait(365);
  s.run(commands.closeCase({ reason: 'safety-achieved' }), vt);

  expect(summarize(s.state, s.now)).toMatchObject({ status: 'closed', stage: 'gesloten', revision: s.events.length - 1 });
  expect(s.refused(commands.recordSignal())).toBe('case.closed');
  s.run(commands.reopenCase());
  expect(summarize(s.state, s.now)).toMatchObject({ status: 'open', closure: null });
  expect(s.events.map((e) => e.type)).toEqual([
    'case-opened', 'signal', 'consultation', 'child-heard', 'weighed', 'hulp-ingezet', 'monitor-check',
    'melding', 'child-heard', 'hulp-ingezet', 'monitor-check', 'case-closed', 'case-reopened',
  ]);
  expect(JSON.parse(JSON.stringify(s.events))).toEqual(s.events);
});

it("a melding through Veilig Thuis: veiligheidsbeoordeling, onderzoek, Voorwaarden & Vervolg, terugkoppeling, monitoring", () => {
  const s = new Stream();
  const school = aTrainedInterviewer();
  const vt = aVeiligThuisWorker();
  s.run(commands.openCase(), school);
  s.run(commands.recordSignal({ observedAt: '2026-11-01', category: 'physical-abuse' }), school);
  s.run(commands.hearChild(), school);
  s.run(commands.recordWeighing({ suspicion: true, acuteUnsafety: false, structuralUnsafety: true }), school);
  const [melding] = s.run(commands.makeMelding(), school);
  expect(s.refused(commands.assessSafety(), school)).toBe('vt.wrong-region');

  const [heard] = s.run(commands.hearChild({ moment: 'besluit-vervolg' }), vt);
  const [assessed] = s.run(commands.assessSafety({ decision: 'onderzoek', childConversationEventId: heard.eventId }), vt);
  expect(assessed.data).toMatchObject({ meldingEventId: melding.eventId, monitoring: { by: 'veilig-thuis' } });
  expect(s.refused(commands.completeInvestigation(heard.eventId), vt)).toBe('vt.investigation-child-not-heard');
  s.run(commands.informMelder(), vt);
  const [inOnderzoek] = s.run(commands.hearChild({ moment: 'onderzoek' }), vt);
  s.run(commands.completeInvestigation(inOnderzoek.eventId, { findings: [{ form: 'physical-abuse', outcome: 'bevestigd' }] }), vt);
  s.run(commands.setSafetyConditions({ conditions: [{ description: 'Vader volgt een training (verzonnen)', deadline: '2027-01-15' }], firstCheckDue: '2026-12-20' }), vt);
  s.run(commands.informMelder({ moment: 'na-onderzoek' }), vt);
  const [evaluatie] = s.run(commands.hearChild({ moment: 'evaluatie' }), vt);
  s.run(commands.recordMonitorCheck({ childConversationEventId: evaluatie.eventId }), vt);

  const state = s.state as ExistingCaseState;
  expect(summarize(state, s.now)).toMatchObject({ stage: 'monitoring', responsible: { monitoring: { organisation: 'Veilig Thuis VR13' } } });
  const checks = Object.fromEntries(compliance(state, s.now).checks.map((c) => [c.id, c.status]));
  expect(checks).toMatchObject({
    'veiligheidsbeoordeling-within-deadline': 'met',
    'onderzoek-within-deadline': 'met',
    'melder-informed-within-deadline': 'met',
    'child-heard-at-each-decision': 'met',
    'monitoring-meets-norm': 'pending',
  });
  expect(feedback(state).feedback.map((f) => f.moment)).toEqual(['na-onderzoek', 'na-veiligheidsbeoordeling']);
  expect(s.refused(commands.closeCase(), vt)).toBe('closure.monitoring-open');
});
