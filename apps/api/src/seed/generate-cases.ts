import {
  CaseCommand,
  CaseState,
  EVENT_SCHEMA_VERSION,
  FINDING_OUTCOMES,
  HANDOVER_KINDS,
  INVESTIGATION_DECISIONS,
  Principal,
  VEILIG_THUIS_SAFETY,
  caseStreamId,
  decide,
  evolve,
  initialState,
} from '@zicht/case-domain';
import { NewEvent } from '@zicht/event-store';

// Invented, realistic cases written straight into a store: for tests, the benchmark and `seed`.
// Every event comes from the real decide(), so the generated history obeys every rule. After a
// melding Veilig Thuis decides in realistic proportions (most meldingen handed over, at most about
// 20% investigated, one or two forms of violence each, some ended early; about 3 in 10
// veiligheidsbeoordelingen late, as the inspectorate reports).

/** A small deterministic PRNG (mulberry32): the same seed gives the same cases. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const REGIONS = Array.from({ length: 25 }, (_, i) => `VR${String(i + 1).padStart(2, '0')}`);
const BEROEPSGROEPEN: Array<[string, string]> = [
  ['onderwijs', 'onderwijs'],
  ['artsen', 'knmg'],
  ['kinderopvang', 'kinderopvang'],
  ['jeugdhulp', 'basismodel'],
  ['politie', 'basismodel'],
];
const CATEGORIES = ['physical-abuse', 'sexual-abuse', 'emotional-abuse', 'neglect', 'domestic-violence-witnessed', 'other'] as const;
const SOURCES = ['own-observation', 'third-party', 'child-disclosure'] as const;

export interface GeneratedCase {
  caseId: string;
  streamId: string;
  events: NewEvent[];
}

export interface GenerateOptions {
  seed: number;
  /** Cases start within this many days before `end`. */
  spanDays?: number;
  /** The latest instant anything happens. */
  end?: Date;
  /** Afwegingskader versions by id (from the registry). */
  versions: Record<string, string>;
}

/** Generates one invented case with the given index. */
export function generateCase(index: number, options: GenerateOptions): GeneratedCase {
  const random = prng(options.seed * 1_000_003 + index);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const chance = (p: number) => random() < p;
  const end = (options.end ?? new Date()).getTime();
  let t = end - Math.floor(random() * (options.spanDays ?? 540)) * DAY - 40 * DAY;
  const caseId = uuidFrom(random);
  const region = pick(REGIONS);
  const [beroepsgroep, kader] = pick(BEROEPSGROEPEN);
  const organisation = `${beroepsgroep}-org-${Math.floor(random() * 400)}`;
  const professional: Principal = { id: `gen-${beroepsgroep}`, name: 'Generated', role: 'professional', organisation, beroepsgroep, qualifications: chance(0.8) ? ['child-interviewer'] : [] };
  const veiligThuis: Principal = { id: 'gen-vt', name: 'Generated VT', role: 'veilig-thuis', organisation: `veilig-thuis-${region.toLowerCase()}`, region, qualifications: ['child-interviewer'] };

  let state: CaseState = initialState;
  let revision = -1;
  const events: NewEvent[] = [];
  const run = (actor: Principal, command: CaseCommand, days: number) => {
    t = Math.min(t + days * DAY + Math.floor(random() * 8 * 3_600_000), end);
    const at = new Date(t).toISOString();
    for (const event of decide(command, state, { caseId, actor, occurredAt: at, now: at })) {
      const eventId = uuidFrom(random);
      revision += 1;
      state = evolve(state, { ...event, eventId, revision, occurredAt: at, recordedAt: at, actor: { id: actor.id, role: actor.role, organisation: actor.organisation, ...(actor.region ? { region: actor.region } : {}) } } as never);
      events.push({
        type: event.type,
        data: event.data as unknown as NewEvent['data'],
        metadata: { eventId, actor: { id: actor.id, role: actor.role, organisation: actor.organisation, ...(actor.region ? { region: actor.region } : {}) }, occurredAt: at, correlationId: `seed-${index}`, causationId: `seed-${index}`, schemaVersion: EVENT_SCHEMA_VERSION },
      });
    }
    return events[events.length - 1].metadata.eventId;
  };
  const date = (days: number) => new Date(t + days * DAY).toISOString().slice(0, 10);

  /** Veilig Thuis after a melding: the veiligheidsbeoordeling (late in about 3 of 10), feedback to the melder, an onderzoek for about 1 in 8, conditions. */
  const veiligThuisFollowUp = (acute: boolean): { monitor: Principal } => {
    const team = `lokaal-team-${region.toLowerCase()}`;
    const teamWorker: Principal = { id: `gen-team-${region}`, name: 'Generated team', role: 'professional', organisation: team, qualifications: [] };
    const late = chance(0.3);
    const assessIn = acute ? (late ? 2 : 0) : late ? 8 + Math.floor(random() * 14) : 1 + Math.floor(random() * 4);
    const heard = chance(0.75)
      ? run(veiligThuis, { type: 'record-child-conversation', data: { outcome: 'heard', moment: 'besluit-vervolg', heardAlone: chance(0.8), viewsSummary: 'Gegenereerde woorden van het kind (verzonnen).' } }, 0)
      : undefined;
    const roll = random();
    const decision = roll < 0.55 ? 'overdracht' : roll < 0.67 ? 'voorwaarden-en-vervolg' : roll < 0.79 ? 'onderzoek' : roll < 0.91 ? 'einde-bemoeienis' : roll < 0.95 ? 'rvdk-onderzoek' : 'advies';
    const handedOver = decision === 'overdracht' && chance(0.7);
    run(veiligThuis, {
      type: 'assess-safety',
      data: {
        urgency: acute ? 'acuut' : 'niet-acuut',
        safety: pick(VEILIG_THUIS_SAFETY),
        decision,
        ...(decision === 'overdracht' ? { handoverTo: { organisation: team, kind: pick(HANDOVER_KINDS) } } : {}),
        ...(handedOver ? { monitoring: { by: 'overgedragen', to: { organisation: team }, reason: 'Gegenereerde overdracht van de monitoring (verzonnen).' } } : {}),
        ...(heard ? { childConversationEventId: heard } : {}),
        rationale: 'Gegenereerde veiligheidsbeoordeling (verzonnen).',
      },
    }, assessIn);
    const informMelder = (moment: 'na-veiligheidsbeoordeling' | 'na-onderzoek', started: boolean) => {
      if (chance(0.9)) {
        run(veiligThuis, { type: 'inform-melder', data: { moment, vervolgStarted: started, handoverParties: decision === 'overdracht' ? [team] : [] } }, chance(0.8) ? 1 + Math.floor(random() * 4) : 8 + Math.floor(random() * 10));
      }
    };
    informMelder('na-veiligheidsbeoordeling', decision !== 'einde-bemoeienis' && decision !== 'advies');
    let conditions = decision === 'voorwaarden-en-vervolg';
    /** One form of violence investigated, or two in about 4 of 10 onderzoeken. */
    const investigatedForms = () => {
      const first = pick(CATEGORIES);
      const second = pick(CATEGORIES);
      return chance(0.4) && second !== first ? [first, second] : [first];
    };
    if (decision === 'onderzoek') {
      const conversation = chance(0.9)
        ? run(veiligThuis, { type: 'record-child-conversation', data: { outcome: 'heard', moment: 'onderzoek', heardAlone: true, viewsSummary: 'Gegenereerd gesprek in het onderzoek (verzonnen).' } }, 5 + Math.floor(random() * 20))
        : run(veiligThuis, { type: 'record-child-conversation', data: { outcome: 'not-heard', moment: 'onderzoek', reason: 'not-reachable', explanation: 'Gegenereerd (verzonnen).', revisitBy: date(60) } }, 5 + Math.floor(random() * 20));
      const outcome = pick(INVESTIGATION_DECISIONS);
      run(veiligThuis, {
        type: 'complete-investigation',
        data: {
          ...(chance(0.15) ? { endedEarly: { reason: 'Gegenereerd: voortijdig beëindigd (verzonnen).' } } : { findings: investigatedForms().map((form) => ({ form, outcome: pick(FINDING_OUTCOMES) })) }),
          decision: outcome,
          ...(outcome === 'overdracht' ? { handoverTo: { organisation: team, kind: 'lokaal-team' as const } } : {}),
          childConversationEventId: conversation,
          rationale: 'Gegenereerd onderzoek (verzonnen).',
        },
      }, chance(0.8) ? 15 + Math.floor(random() * 35) : 60 + Math.floor(random() * 40));
      informMelder('na-onderzoek', outcome !== 'einde-bemoeienis');
      conditions = outcome === 'voorwaarden-en-vervolg';
    }
    if (conditions) {
      run(veiligThuis, { type: 'set-safety-conditions', data: { conditions: [{ description: 'Gegenereerde voorwaarde (verzonnen).', deadline: date(35) }], firstCheckDue: date(30) } }, 2);
    }
    if (handedOver && chance(0.15)) {
      run(veiligThuis, { type: 'inform-gemeente', data: { municipality, party: team, reason: 'Gegenereerd: afgesproken controle niet gedaan (verzonnen).' } }, 100 + Math.floor(random() * 30));
    }
    return { monitor: handedOver ? teamWorker : veiligThuis };
  };

  /** Checks at most 85 days apart; a case meant to close keeps them going for the norm's minimum duration (365 days), then closes. */
  const monitorAndClose = (by: Principal, closer: Principal) => {
    const from = t;
    const closing = chance(0.6);
    for (let i = 0, n = Math.floor(random() * 4); (i < n || (closing && t < from + 366 * DAY)) && t < end - 30 * DAY; i++) {
      run(by, { type: 'record-monitor-check', data: { safety: chance(0.85) ? 'safe' : 'unknown', helpEffective: chance(0.8), notes: 'Gegenereerd (verzonnen).' } }, 20 + Math.floor(random() * (i < n ? 20 : 65)));
    }
    const last = state.status === 'open' ? state.monitorChecks[state.monitorChecks.length - 1] : undefined;
    if (last?.safety === 'safe' && closing && t + 5 * DAY >= from + 366 * DAY && t + 5 * DAY <= end) {
      run(closer, { type: 'close-case', data: { reason: 'safety-achieved', summary: 'Gegenereerd (verzonnen).' } }, 5);
    }
  };
  const done = () => ({ caseId, streamId: caseStreamId(caseId), events });

  const municipality = `GM${String(Math.floor(random() * 2000)).padStart(4, '0')}`;
  run(professional, { type: 'open-case', data: { subject: { childRef: `gen-${index}`, birthYear: 2008 + Math.floor(random() * 17) }, region, municipality } }, 0);
  const acute = chance(0.08);
  if (acute) {
    run(professional, { type: 'record-signal', data: { category: pick(CATEGORIES), source: 'child-disclosure', description: 'Gegenereerd signaal (verzonnen).', observedAt: date(0) } }, 0);
    run(professional, { type: 'make-melding', data: { grounds: ['acute-unsafety'], urgency: 'acuut' } }, 0);
    const { monitor } = veiligThuisFollowUp(true);
    monitorAndClose(monitor, veiligThuis);
    return done();
  }
  for (let i = 0, n = 1 + Math.floor(random() * 3); i < n; i++) {
    run(professional, { type: 'record-signal', data: { category: pick(CATEGORIES), source: pick(SOURCES), description: 'Gegenereerd signaal (verzonnen).', observedAt: date(0) } }, 1 + Math.floor(random() * 5));
  }
  if (chance(0.7)) run(professional, { type: 'record-consultation', data: { with: chance(0.5) ? 'veilig-thuis' : 'aandachtsfunctionaris', summary: 'Gegenereerd overleg (verzonnen).' } }, 1 + Math.floor(random() * 4));
  let conversation: string;
  if (chance(0.85)) {
    conversation = run(professional, { type: 'record-child-conversation', data: { outcome: 'heard', moment: 'signalering', heardAlone: chance(0.7), viewsSummary: 'Gegenereerde woorden van het kind (verzonnen).' } }, 1 + Math.floor(random() * 6));
  } else {
    conversation = run(professional, { type: 'record-child-conversation', data: { outcome: 'not-heard', moment: 'signalering', reason: pick(['child-declined', 'safety-risk', 'not-reachable'] as const), explanation: 'Gegenereerd (verzonnen).', revisitBy: date(14) } }, 1 + Math.floor(random() * 6));
  }
  const structural = chance(0.3);
  const suspicion = chance(0.9);
  run(professional, {
    type: 'record-weighing',
    data: {
      afwegingskader: { id: kader, version: options.versions[kader] },
      answers: suspicion ? { suspicion, acuteUnsafety: false, structuralUnsafety: structural, ...(structural ? {} : { canOfferEffectiveHelp: true, helpAccepted: true, helpLeadsToSafety: true }) } : { suspicion: false },
      rationale: 'Gegenereerde afweging (verzonnen).',
    },
  }, 2 + Math.floor(random() * 10));
  if (!suspicion) {
    run(professional, { type: 'close-case', data: { reason: 'no-suspicion', summary: 'Gegenereerd (verzonnen).' } }, 1);
    return done();
  }
  if (structural && chance(0.9)) run(professional, { type: 'make-melding', data: {} }, Math.floor(random() * 10));
  const melded = state.status !== 'none' && state.meldingen.length > 0;
  if (structural && !melded) return done(); // an open melding duty
  // After a melding, Veilig Thuis decides; it deploys help itself in about half of those cases.
  const followUp = melded ? veiligThuisFollowUp(false) : null;
  if (followUp !== null && chance(0.5)) {
    monitorAndClose(followUp.monitor, veiligThuis);
    return done();
  }
  const hulpBy = melded ? veiligThuis : professional;
  run(hulpBy, {
    type: 'deploy-hulp',
    data: {
      mode: chance(0.8) ? 'inzetten' : 'voortzetten',
      responsible: { organisation: `jeugdteam-${region.toLowerCase()}` },
      plan: { aims: ['Gegenereerd doel (verzonnen).'], childConversationEventId: conversation, discussedWith: ['ouders'] },
      components: [{ kind: 'gezinsbegeleiding', provider: `jeugdteam-${region.toLowerCase()}`, startsOn: date(3), deadline: date(90), intendedDurationWeeks: 12 }],
      evaluation: { method: 'huisbezoek', intervalDays: 28, firstCheckDue: date(28) },
    },
  }, 2 + Math.floor(random() * 10));
  monitorAndClose(followUp?.monitor ?? hulpBy, hulpBy);
  return done();
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
