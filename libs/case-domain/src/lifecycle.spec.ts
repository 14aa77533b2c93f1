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
import { CaseState, initialState } from './state';
import { summarize } from './summary';
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
