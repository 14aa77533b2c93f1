/**
 * Invented fixtures for tests: no real children, organisations or people. Every builder takes
 * overrides, so a test states only what matters to it.
 */
import {
  CaseCommand,
  CaseEvent,
  CommandContext,
  DeployHulpData,
  HulpIngezetData,
  Principal,
  WeighingAnswers,
  concludeWeighing,
  veiligThuisParty,
} from '@zicht/case-domain';

export const CASE_ID = '00000000-0000-4000-8000-000000000001';
export const CHILD_REF = 'kind-0001';
export const REGION = 'VR13';
export const MUNICIPALITY = 'GM0363';
export const SCHOOL = 'Basisschool De Verzonnen Eik';
export const HUISARTS = 'Huisartsenpraktijk Fictief';
export const WIJKTEAM = 'Wijkteam Noord (verzonnen)';

/** The default moment of a command in tests; `now` is one hour later. */
export const T = '2026-11-02T09:00:00.000Z';
export const NOW = '2026-11-02T10:00:00.000Z';

export function aProfessional(overrides: Partial<Principal> = {}): Principal {
  return {
    id: 'prof-0001',
    name: 'Juf Verzonnen',
    role: 'professional',
    organisation: SCHOOL,
    beroepsgroep: 'onderwijs',
    qualifications: [],
    ...overrides,
  };
}

export function aTrainedInterviewer(overrides: Partial<Principal> = {}): Principal {
  return aProfessional({ id: 'prof-0002', name: 'Meester Getraind', qualifications: ['child-interviewer'], ...overrides });
}

export function aVeiligThuisWorker(region = REGION, overrides: Partial<Principal> = {}): Principal {
  return {
    id: 'vt-0001',
    name: 'VT Medewerker Verzonnen',
    role: 'veilig-thuis',
    organisation: `Veilig Thuis ${region}`,
    region,
    qualifications: ['child-interviewer'],
    ...overrides,
  };
}

export function anInspector(): Principal {
  return { id: 'insp-0001', name: 'Inspecteur Verzonnen', role: 'inspector', organisation: 'Inspectie (verzonnen)', qualifications: [] };
}

export function anAnalyst(): Principal {
  return { id: 'ana-0001', name: 'Analist Verzonnen', role: 'analyst', organisation: 'Analyse (verzonnen)', qualifications: [] };
}

export function anAdmin(): Principal {
  return { id: 'adm-0001', name: 'Beheerder Verzonnen', role: 'admin', organisation: 'Beheer (verzonnen)', qualifications: [] };
}

export function aContext(overrides: Partial<CommandContext> = {}): CommandContext {
  return { caseId: CASE_ID, actor: aProfessional(), occurredAt: T, now: NOW, ...overrides };
}

// ---------------------------------------------------------------- events (as decide makes them)

type Data<T extends CaseEvent['type']> = Extract<CaseEvent, { type: T }>['data'];
type Ev<T extends CaseEvent['type']> = Extract<CaseEvent, { type: T }>;

export function caseOpened(overrides: Partial<Data<'case-opened'>> = {}): Ev<'case-opened'> {
  return {
    type: 'case-opened',
    data: {
      caseId: CASE_ID,
      subject: { childRef: CHILD_REF, birthYear: 2017 },
      region: REGION,
      municipality: MUNICIPALITY,
      origin: 'signal',
      openedBy: { organisation: SCHOOL, beroepsgroep: 'onderwijs' },
      responsibilityChanges: [{ scope: 'zicht-op-veiligheid', to: { organisation: SCHOOL } }],
      ...overrides,
    },
  };
}

export function signalRecorded(overrides: Partial<Data<'signal'>> = {}): Ev<'signal'> {
  return {
    type: 'signal',
    data: {
      category: 'neglect',
      source: 'own-observation',
      description: 'Komt al weken zonder ontbijt en jas naar school (verzonnen)',
      observedAt: '2026-10-30',
      ...overrides,
    },
  };
}

export function consulted(overrides: Partial<Data<'consultation'>> = {}): Ev<'consultation'> {
  return {
    type: 'consultation',
    data: { with: 'aandachtsfunctionaris', summary: 'Besproken met de aandachtsfunctionaris (verzonnen)', adviesvraag: false, ...overrides },
  };
}

export function childHeard(overrides: Partial<Data<'child-heard'>> = {}): Ev<'child-heard'> {
  return {
    type: 'child-heard',
    data: {
      moment: 'signalering',
      heardAlone: true,
      accommodations: [],
      viewsSummary: 'Kind vertelt dat het thuis vaak alleen is (verzonnen)',
      interviewerTrained: true,
      ...overrides,
    },
  };
}

export function childNotHeard(overrides: Partial<Data<'child-not-heard'>> = {}): Ev<'child-not-heard'> {
  return {
    type: 'child-not-heard',
    data: {
      moment: 'signalering',
      reason: 'child-declined',
      explanation: 'Kind wilde vandaag niet praten (verzonnen)',
      accommodationsTried: [],
      revisitBy: '2026-11-09',
      ...overrides,
    },
  };
}

export function weighed(answers: WeighingAnswers = HULP_ANSWERS, overrides: Partial<Data<'weighed'>> = {}): Ev<'weighed'> {
  return {
    type: 'weighed',
    data: {
      afwegingskader: { id: 'onderwijs', version: '2018' },
      answers,
      rationale: 'Afweging met de aandachtsfunctionaris (verzonnen)',
      ...concludeWeighing(answers),
      ...overrides,
    },
  };
}

export function meldingMade(overrides: Partial<Data<'melding'>> = {}): Ev<'melding'> {
  const region = overrides.region ?? REGION;
  return {
    type: 'melding',
    data: {
      region,
      grounds: [],
      meldplicht: { mandatory: false, grounds: [] },
      responsibilityChanges: [{ scope: 'zicht-op-veiligheid', to: veiligThuisParty(region) }],
      ...overrides,
    },
  };
}

export function hulpIngezet(childConversationEventId: string, overrides: Partial<HulpIngezetData> = {}): Ev<'hulp-ingezet'> {
  const responsible = overrides.responsible ?? { organisation: WIJKTEAM, professional: 'Gezinscoach Verzonnen' };
  return {
    type: 'hulp-ingezet',
    data: {
      mode: 'inzetten',
      decidedBy: 'melder',
      responsible,
      plan: { aims: ['Kind krijgt dagelijks ontbijt (verzonnen)'], childConversationEventId, discussedWith: ['kind', 'ouders'] },
      components: [
        { kind: 'gezinsbegeleiding', provider: WIJKTEAM, startsOn: '2026-11-09', deadline: '2027-02-01', intendedDurationWeeks: 12 },
      ],
      evaluation: { method: 'gesprek met kind en ouders', intervalDays: 28, firstCheckDue: '2026-12-07' },
      responsibilityChanges: [
        { scope: 'hulp', to: responsible },
        { scope: 'monitoring', to: responsible },
      ],
      ...overrides,
    },
  };
}

export function monitorChecked(hulpEventId: string, overrides: Partial<Data<'monitor-check'>> = {}): Ev<'monitor-check'> {
  return {
    type: 'monitor-check',
    data: {
      safety: 'safe',
      helpEffective: true,
      notes: 'Kind komt met ontbijt naar school (verzonnen)',
      nextCheckDue: '2027-01-04',
      hulpEventId,
      makesMeldingMandatory: false,
      ...overrides,
    },
  };
}

export function responsibilityAssigned(overrides: Partial<Data<'responsibility-assigned'>> = {}): Ev<'responsibility-assigned'> {
  return {
    type: 'responsibility-assigned',
    data: {
      scope: 'monitoring',
      to: { organisation: WIJKTEAM },
      from: null,
      reason: 'Wijkteam neemt monitoring over (verzonnen)',
      ...overrides,
    },
  };
}

export function caseClosed(overrides: Partial<Data<'case-closed'>> = {}): Ev<'case-closed'> {
  return { type: 'case-closed', data: { reason: 'safety-achieved', summary: 'Veiligheid bereikt (verzonnen)', ...overrides } };
}

export function caseReopened(overrides: Partial<Data<'case-reopened'>> = {}): Ev<'case-reopened'> {
  return { type: 'case-reopened', data: { reason: 'Nieuw signaal van de buren (verzonnen)', ...overrides } };
}

/** A veiligheidsbeoordeling of `meldingEventId` (default decision: Voorwaarden & Vervolg, Veilig Thuis monitors). */
export function safetyAssessed(meldingEventId: string, overrides: Partial<Data<'safety-assessed'>> = {}): Ev<'safety-assessed'> {
  return {
    type: 'safety-assessed',
    data: {
      meldingEventId,
      urgency: 'niet-acuut',
      safety: 'onveilig',
      decision: 'voorwaarden-en-vervolg',
      monitoring: { by: 'veilig-thuis' },
      rationale: 'Zorgen over de veiligheid thuis (verzonnen)',
      nextCheckDue: '2027-01-31',
      responsibilityChanges: [{ scope: 'monitoring', to: veiligThuisParty(REGION) }],
      ...overrides,
    },
  };
}

export function investigationCompleted(safetyAssessedEventId: string, childConversationEventId: string, overrides: Partial<Data<'investigation-completed'>> = {}): Ev<'investigation-completed'> {
  return {
    type: 'investigation-completed',
    data: {
      safetyAssessedEventId,
      findings: [{ form: 'neglect', outcome: 'bevestigd' }],
      decision: 'voorwaarden-en-vervolg',
      monitoring: { by: 'veilig-thuis' },
      childConversationEventId,
      rationale: 'Verwaarlozing bevestigd (verzonnen)',
      nextCheckDue: '2027-01-31',
      responsibilityChanges: [],
      ...overrides,
    },
  };
}

export function safetyConditionsSet(overrides: Partial<Data<'safety-conditions-set'>> = {}): Ev<'safety-conditions-set'> {
  return {
    type: 'safety-conditions-set',
    data: {
      conditions: [{ description: 'Ouders volgen opvoedondersteuning (verzonnen)', deadline: '2026-12-15' }],
      firstCheckDue: '2026-12-01',
      responsibilityChanges: [],
      ...overrides,
    },
  };
}

export function melderInformed(aboutEventId: string, overrides: Partial<Data<'melder-informed'>> = {}): Ev<'melder-informed'> {
  return {
    type: 'melder-informed',
    data: { moment: 'na-veiligheidsbeoordeling', aboutEventId, vervolgStarted: true, handoverParties: [], ...overrides },
  };
}

export function gemeenteInformed(overrides: Partial<Data<'gemeente-informed'>> = {}): Ev<'gemeente-informed'> {
  return {
    type: 'gemeente-informed',
    data: { municipality: MUNICIPALITY, party: WIJKTEAM, reason: 'Afgesproken controle niet gedaan (verzonnen)', ...overrides },
  };
}

// ---------------------------------------------------------------- answers

export const NO_SUSPICION: WeighingAnswers = { suspicion: false };
export const ACUTE: WeighingAnswers = { suspicion: true, acuteUnsafety: true, structuralUnsafety: false };
export const HULP_ANSWERS: WeighingAnswers = {
  suspicion: true,
  acuteUnsafety: false,
  structuralUnsafety: false,
  canOfferEffectiveHelp: true,
  helpAccepted: true,
  helpLeadsToSafety: true,
};

// ---------------------------------------------------------------- commands (bodies of http-api.md)

type Cmd<T extends CaseCommand['type']> = Extract<CaseCommand, { type: T }>;

export const commands = {
  openCase: (data: Partial<Cmd<'open-case'>['data']> = {}): Cmd<'open-case'> => ({
    type: 'open-case',
    data: { subject: { childRef: CHILD_REF, birthYear: 2017 }, region: REGION, municipality: MUNICIPALITY, ...data },
  }),
  recordSignal: (data: Partial<Cmd<'record-signal'>['data']> = {}): Cmd<'record-signal'> => ({
    type: 'record-signal',
    data: {
      category: 'neglect',
      source: 'own-observation',
      description: 'Komt al weken zonder ontbijt en jas naar school (verzonnen)',
      observedAt: '2026-10-30',
      ...data,
    },
  }),
  recordConsultation: (data: Partial<Cmd<'record-consultation'>['data']> = {}): Cmd<'record-consultation'> => ({
    type: 'record-consultation',
    data: { with: 'aandachtsfunctionaris', summary: 'Besproken met de aandachtsfunctionaris (verzonnen)', ...data },
  }),
  hearChild: (data: Partial<Extract<Cmd<'record-child-conversation'>['data'], { outcome: 'heard' }>> = {}): Cmd<'record-child-conversation'> => ({
    type: 'record-child-conversation',
    data: {
      outcome: 'heard',
      moment: 'signalering',
      heardAlone: true,
      viewsSummary: 'Kind vertelt dat het thuis vaak alleen is (verzonnen)',
      ...data,
    },
  }),
  childNotHeard: (
    data: Partial<Extract<Cmd<'record-child-conversation'>['data'], { outcome: 'not-heard' }>> = {},
  ): Cmd<'record-child-conversation'> => ({
    type: 'record-child-conversation',
    data: {
      outcome: 'not-heard',
      moment: 'signalering',
      reason: 'child-declined',
      explanation: 'Kind wilde vandaag niet praten (verzonnen)',
      revisitBy: '2026-11-09',
      ...data,
    },
  }),
  recordWeighing: (answers: WeighingAnswers = HULP_ANSWERS, data: Partial<Cmd<'record-weighing'>['data']> = {}): Cmd<'record-weighing'> => ({
    type: 'record-weighing',
    data: {
      afwegingskader: { id: 'onderwijs', version: '2018' },
      answers,
      rationale: 'Afweging met de aandachtsfunctionaris (verzonnen)',
      ...data,
    },
  }),
  makeMelding: (data: Cmd<'make-melding'>['data'] = {}): Cmd<'make-melding'> => ({ type: 'make-melding', data }),
  deployHulp: (childConversationEventId: string, data: Partial<DeployHulpData> = {}): Cmd<'deploy-hulp'> => ({
    type: 'deploy-hulp',
    data: {
      mode: 'inzetten',
      decidedBy: 'melder',
      responsible: { organisation: WIJKTEAM, professional: 'Gezinscoach Verzonnen' },
      plan: { aims: ['Kind krijgt dagelijks ontbijt (verzonnen)'], childConversationEventId, discussedWith: ['kind', 'ouders'] },
      components: [
        { kind: 'gezinsbegeleiding', provider: WIJKTEAM, startsOn: '2026-11-09', deadline: '2027-02-01', intendedDurationWeeks: 12 },
      ],
      evaluation: { method: 'gesprek met kind en ouders', intervalDays: 28, firstCheckDue: '2026-12-07' },
      ...data,
    },
  }),
  recordMonitorCheck: (data: Partial<Cmd<'record-monitor-check'>['data']> = {}): Cmd<'record-monitor-check'> => ({
    type: 'record-monitor-check',
    data: { safety: 'safe', helpEffective: true, notes: 'Kind komt met ontbijt naar school (verzonnen)', ...data },
  }),
  assignResponsibility: (data: Partial<Cmd<'assign-responsibility'>['data']> = {}): Cmd<'assign-responsibility'> => ({
    type: 'assign-responsibility',
    data: { scope: 'monitoring', to: { organisation: WIJKTEAM }, reason: 'Wijkteam neemt monitoring over (verzonnen)', ...data },
  }),
  closeCase: (data: Partial<Cmd<'close-case'>['data']> = {}): Cmd<'close-case'> => ({
    type: 'close-case',
    data: { reason: 'safety-achieved', summary: 'Veiligheid bereikt (verzonnen)', ...data },
  }),
  reopenCase: (data: Partial<Cmd<'reopen-case'>['data']> = {}): Cmd<'reopen-case'> => ({
    type: 'reopen-case',
    data: { reason: 'Nieuw signaal van de buren (verzonnen)', ...data },
  }),
  assessSafety: (data: Partial<Cmd<'assess-safety'>['data']> = {}): Cmd<'assess-safety'> => ({
    type: 'assess-safety',
    data: { urgency: 'niet-acuut', safety: 'onveilig', decision: 'voorwaarden-en-vervolg', rationale: 'Zorgen over de veiligheid thuis (verzonnen)', ...data },
  }),
  completeInvestigation: (childConversationEventId: string, data: Partial<Cmd<'complete-investigation'>['data']> = {}): Cmd<'complete-investigation'> => ({
    type: 'complete-investigation',
    data: {
      findings: [{ form: 'neglect', outcome: 'bevestigd' }],
      decision: 'voorwaarden-en-vervolg',
      childConversationEventId,
      rationale: 'Verwaarlozing bevestigd (verzonnen)',
      ...data,
    },
  }),
  setSafetyConditions: (data: Partial<Cmd<'set-safety-conditions'>['data']> = {}): Cmd<'set-safety-conditions'> => ({
    type: 'set-safety-conditions',
    data: { conditions: [{ description: 'Ouders volgen opvoedondersteuning (verzonnen)', deadline: '2026-12-15' }], firstCheckDue: '2026-12-01', ...data },
  }),
  informMelder: (data: Partial<Cmd<'inform-melder'>['data']> = {}): Cmd<'inform-melder'> => ({
    type: 'inform-melder',
    data: { moment: 'na-veiligheidsbeoordeling', vervolgStarted: true, ...data },
  }),
  informGemeente: (data: Partial<Cmd<'inform-gemeente'>['data']> = {}): Cmd<'inform-gemeente'> => ({
    type: 'inform-gemeente',
    data: { municipality: MUNICIPALITY, party: WIJKTEAM, reason: 'Afgesproken controle niet gedaan (verzonnen)', ...data },
  }),
};

// ---------------------------------------------------------------- shapes

/** Marks a field to remove in `withField`. */
export const ABSENT = Symbol('absent');

/**
 * A deep copy of `data` with the field at `path` (dotted, indexed: `components[0].deadline`) set to
 * `value`, or removed when `value` is ABSENT. For sending wrong shapes to decide.
 */
export function withField<T>(data: T, path: string, value: unknown): T {
  const copy = structuredClone(data) as Record<string, unknown>;
  const keys = path.split(/\.|(?=\[)/).map((k) => (k.startsWith('[') ? Number(k.slice(1, -1)) : k));
  let node: Record<string | number, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = keys[keys.length - 1];
  if (value === ABSENT) delete node[last];
  else node[last] = value;
  return copy as T;
}

/**
 * An invented BSN that passes the elfproef, different for every `n` (tests never use a real one):
 * eight digits from `n`, the ninth chosen so that 9·d1 + 8·d2 + ... + 2·d8 − d9 is a multiple of 11.
 */
export function inventedBsn(n: number): string {
  for (let k = n * 7 + 10_000_000; ; k++) {
    const head = String(k % 100_000_000).padStart(8, '0');
    const sum = [...head].reduce((total, digit, i) => total + Number(digit) * (9 - i), 0);
    const last = sum % 11;
    if (last <= 9 && sum !== last) return `${head}${last}`;
  }
}

/** A BSN-shaped number that fails the elfproef (the last digit is one off). */
export function bsnFailingElfproef(n: number): string {
  const valid = inventedBsn(n);
  return `${valid.slice(0, 8)}${(Number(valid[8]) + 1) % 10}`;
}
