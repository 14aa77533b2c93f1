/**
 * Data that fits its type: every command, every field, every wrong shape (table-driven). Each wrong
 * value is refused with a 400 that names the field, before any rule and before the case is read,
 * and nothing is decided.
 */
import {
  ABSENT,
  Given,
  caseClosed,
  caseOpened,
  childHeard,
  commands,
  given,
  hulpIngezet,
  signalRecorded,
  weighed,
  withField,
  withMeta,
} from '@zicht/testing';
import { CASE_COMMAND_TYPES, CaseCommand, CaseCommandType } from './commands';
import { COMMAND_DATA_SCHEMAS, DATA_LIMITS, validateCommandData } from './schemas';

const long = (max: number) => 'x'.repeat(max + 1);
const tooMany = (item: unknown) => Array.from({ length: DATA_LIMITS.list + 1 }, () => item);

/** The wrong shapes of each kind of field (absence is added for a required field). */
const WRONG = {
  freeText: [[], {}, 42, true, null, '', '   ', long(DATA_LIMITS.freeText)],
  name: [[], {}, 42, null, '', ' ', long(DATA_LIMITS.name)],
  text: (max: number) => [[], {}, 42, null, long(max)],
  enum: ['not-a-value', '', [], {}, 42, null],
  boolean: ['true', 1, 0, null, [], {}],
  object: [[], [{}], 'x', 42, null],
  list: (item: unknown) => [{}, 'x', 42, null, tooMany(item)],
  date: ['2026-02-30', '2027-02-29', '2026-04-31', '2026-13-01', '0000-01-01', '2026-11-02T09:00:00Z', '02-11-2026', '', [], 20261102, null],
  dateOrInstant: [
    '2026-02-30T10:00:00Z',
    '2026-10-30T24:00:00Z',
    '0000-01-01T00:00:00Z',
    '2026-10-30T10:00:00',
    '2026-10-30T10:00:00+25:00',
    '2026-02-30',
    'gisteren',
    [],
    {},
    1,
    null,
  ],
  int: (min: number, max: number) => [1.5, '3', min - 1, max + 1, Number.NaN, null, []],
  region: ['VR26', 'VR00', 'vr13', 'VR1', '', [], 13, null],
} as const;

type Row = [field: string, wrong: readonly unknown[], required: boolean];
const req = (field: string, wrong: readonly unknown[]): Row => [field, wrong, true];
const opt = (field: string, wrong: readonly unknown[]): Row => [field, wrong, false];

interface Table {
  name: string;
  given: () => Given;
  command: CaseCommand;
  rows: Row[];
  /** Fields that the command does not have, at several depths. */
  unknown: string[];
}

const caseWithHulp = () =>
  given(caseOpened(), signalRecorded(), withMeta(childHeard(), { eventId: 'gesprek-1' }), weighed(), hulpIngezet('gesprek-1'));

const TABLES: Table[] = [
  {
    name: 'open-case',
    given: () => given(),
    command: commands.openCase({ origin: 'signal' }),
    rows: [
      req('subject', WRONG.object),
      req('subject.childRef', WRONG.name),
      opt('subject.birthYear', WRONG.int(1900, 2200)),
      req('region', WRONG.region),
      opt('municipality', ['0363', 'GM363', 'gm0363', [], 363, null]),
      opt('origin', WRONG.enum),
    ],
    unknown: ['bsn', 'subject.bsn', 'subject.name'],
  },
  {
    name: 'record-signal',
    given: () => given(caseOpened()),
    command: commands.recordSignal(),
    rows: [req('category', WRONG.enum), req('source', WRONG.enum), req('description', WRONG.freeText), req('observedAt', WRONG.dateOrInstant)],
    unknown: ['severity'],
  },
  {
    name: 'record-consultation',
    given: () => given(caseOpened()),
    command: commands.recordConsultation(),
    rows: [req('with', WRONG.enum), req('summary', WRONG.freeText)],
    unknown: ['adviesvraag'],
  },
  {
    name: 'record-child-conversation (heard)',
    given: () => given(caseOpened()),
    command: commands.hearChild({ accommodations: ['tolk'] }),
    rows: [
      req('outcome', ['maybe', '', [], 1, null]),
      req('moment', WRONG.enum),
      req('heardAlone', WRONG.boolean),
      opt('accommodations', WRONG.list('tolk')),
      req('accommodations[0]', WRONG.text(DATA_LIMITS.item)),
      req('viewsSummary', WRONG.freeText),
    ],
    unknown: ['interviewerTrained', 'reason'],
  },
  {
    name: 'record-child-conversation (not heard)',
    given: () => given(caseOpened()),
    command: commands.childNotHeard({ reason: 'not-feasible-despite-accommodations', accommodationsTried: ['tekenen'] }),
    rows: [
      req('moment', WRONG.enum),
      req('reason', WRONG.enum),
      req('explanation', WRONG.freeText),
      opt('accommodationsTried', WRONG.list('tekenen')),
      req('accommodationsTried[0]', WRONG.text(DATA_LIMITS.item)),
      req('revisitBy', WRONG.date),
    ],
    unknown: ['viewsSummary'],
  },
  {
    name: 'record-weighing',
    given: () => given(caseOpened(), signalRecorded(), childHeard()),
    command: commands.recordWeighing(),
    rows: [
      req('afwegingskader', WRONG.object),
      req('afwegingskader.id', WRONG.text(100).concat(['', ' '])),
      req('afwegingskader.version', WRONG.text(50).concat(['', 2018])),
      req('answers', WRONG.object),
      req('answers.suspicion', WRONG.boolean),
      opt('answers.acuteUnsafety', WRONG.boolean),
      opt('answers.structuralUnsafety', WRONG.boolean),
      opt('answers.canOfferEffectiveHelp', WRONG.boolean),
      opt('answers.helpAccepted', WRONG.boolean),
      opt('answers.helpLeadsToSafety', WRONG.boolean),
      req('rationale', WRONG.freeText),
    ],
    unknown: ['conclusion', 'meldplichtGrounds', 'answers.conclusion', 'afwegingskader.beroepsgroep'],
  },
  {
    name: 'make-melding',
    given: () => given(caseOpened()),
    command: commands.makeMelding({ region: 'VR05', grounds: ['acute-unsafety'], vtReference: 'VT-2026-0001' }),
    rows: [
      opt('region', WRONG.region),
      opt('grounds', [{}, 'acute-unsafety', 42, null, ['acute-unsafety', 'acute-unsafety', 'acute-unsafety', 'acute-unsafety', 'acute-unsafety', 'acute-unsafety']]),
      req('grounds[0]', WRONG.enum),
      opt('vtReference', WRONG.text(100).concat(['', ' '])),
    ],
    unknown: ['meldplicht', 'responsibilityChanges'],
  },
  {
    name: 'deploy-hulp',
    given: caseWithHulp,
    command: commands.deployHulp('gesprek-1', { mode: 'voortzetten' }),
    rows: [
      req('mode', WRONG.enum),
      req('decidedBy', WRONG.enum),
      req('responsible', WRONG.object),
      req('responsible.organisation', WRONG.name),
      opt('responsible.professional', WRONG.name),
      opt('responsible.role', WRONG.name),
      req('plan', WRONG.object),
      req('plan.aims', WRONG.list('doel')),
      req('plan.aims[0]', WRONG.text(DATA_LIMITS.freeText)),
      req('plan.childConversationEventId', WRONG.name),
      opt('plan.discussedWith', WRONG.list('ouders')),
      req('plan.discussedWith[0]', WRONG.text(DATA_LIMITS.name)),
      req('components', WRONG.list({})),
      req('components[0]', WRONG.object),
      req('components[0].kind', WRONG.text(DATA_LIMITS.name)),
      opt('components[0].provider', WRONG.text(DATA_LIMITS.name)),
      opt('components[0].startsOn', WRONG.date),
      opt('components[0].deadline', WRONG.date),
      opt('components[0].intendedDurationWeeks', WRONG.int(0, 520)),
      req('evaluation', WRONG.object),
      opt('evaluation.method', WRONG.text(DATA_LIMITS.item)),
      opt('evaluation.intervalDays', WRONG.int(0, 730)),
      opt('evaluation.firstCheckDue', WRONG.date),
    ],
    unknown: ['responsibilityChanges', 'responsible.email', 'plan.childRef', 'components[0].cost', 'evaluation.nextCheckDue'],
  },
  {
    name: 'record-monitor-check',
    given: caseWithHulp,
    command: commands.recordMonitorCheck({ childConversationEventId: 'gesprek-1', nextCheckDue: '2026-12-01' }),
    rows: [
      req('safety', WRONG.enum),
      req('helpEffective', WRONG.boolean),
      req('notes', WRONG.freeText),
      opt('childConversationEventId', WRONG.name),
      opt('nextCheckDue', WRONG.date),
    ],
    unknown: ['hulpEventId', 'makesMeldingMandatory'],
  },
  {
    name: 'assign-responsibility',
    given: caseWithHulp,
    command: commands.assignResponsibility({ to: { organisation: 'Huisarts Verzonnen', professional: 'arts-1', role: 'huisarts' } }),
    rows: [
      req('scope', WRONG.enum),
      req('to', WRONG.object),
      req('to.organisation', WRONG.name),
      opt('to.professional', WRONG.name),
      opt('to.role', WRONG.name),
      req('reason', WRONG.freeText),
    ],
    unknown: ['from', 'to.veiligThuisRegion'],
  },
  {
    name: 'close-case',
    given: () => given(caseOpened()),
    command: commands.closeCase(),
    rows: [req('reason', WRONG.enum), req('summary', WRONG.freeText)],
    unknown: ['closedAt'],
  },
  {
    name: 'reopen-case',
    given: () => given(caseOpened(), caseClosed()),
    command: commands.reopenCase(),
    rows: [req('reason', WRONG.freeText)],
    unknown: ['summary'],
  },
];

const withData = (command: CaseCommand, path: string, value: unknown) => ({ ...command, data: withField(command.data, path, value) }) as CaseCommand;

describe('data that fits its type', () => {
  it('has a schema and a table for every command', () => {
    expect(Object.keys(COMMAND_DATA_SCHEMAS).sort()).toEqual([...CASE_COMMAND_TYPES].sort());
    expect([...new Set(TABLES.map((t) => t.command.type))].sort()).toEqual([...CASE_COMMAND_TYPES].sort());
  });

  describe.each(TABLES)('$name', ({ given: ready, command, rows, unknown }) => {
    it('accepts the valid command', () => {
      ready().when(command).then((events) => expect(events.length).toBeGreaterThan(0));
    });

    const cases = rows.flatMap(([field, wrong, required]) => [
      ...(required ? [[field, 'absent', ABSENT] as const] : []),
      ...wrong.map((value) => [field, JSON.stringify(value)?.slice(0, 40) ?? String(value), value] as const),
    ]);
    it.each(cases)('refuses %s = %s, naming the field', (field, _shown, value) => {
      ready().when(withData(command, field, value)).thenInvalid(field);
    });

    it.each(unknown)('refuses the unknown field %s', (field) => {
      ready().when(withData(command, field, 'x')).thenInvalid(field);
    });

    it('refuses data that is not an object', () => {
      for (const data of [[], 'x', null, 42]) ready().when({ ...command, data } as unknown as CaseCommand).thenInvalid('body');
    });
  });

  it('names every wrong field at once', () => {
    const error = given(caseOpened())
      .when(withData(withData(commands.deployHulp('gesprek-1'), 'components[0].deadline', '2026-02-30'), 'responsible', []))
      .thenInvalid('components[0].deadline', 'responsible');
    expect(error.rule).toBe('command.invalid-data');
    expect(error.message).toContain('components[0].deadline');
  });

  it('judges the shape before any rule, even before the case exists', () => {
    given().when(withData(commands.recordSignal(), 'description', [])).thenInvalid('description');
    given(caseOpened(), caseClosed()).when(withData(commands.recordSignal(), 'description', [])).thenInvalid('description');
  });

  it('never echoes a value in its messages (they may reach a log)', () => {
    const secret = 'Geheime verzonnen tekst';
    const error = given(caseOpened()).when(withData(commands.recordSignal({ description: secret }), 'category', secret)).thenInvalid('category');
    expect(JSON.stringify(error.errors) + error.message).not.toContain(secret);
  });

  describe('normalised values', () => {
    it('records an instant in its UTC form, a date as it is', () => {
      given(caseOpened())
        .when(commands.recordSignal({ observedAt: '2026-10-30T10:00:00+02:00' }))
        .then(([e]) => expect(e.data).toMatchObject({ observedAt: '2026-10-30T08:00:00.000Z' }));
      given(caseOpened())
        .when(commands.recordSignal({ observedAt: '2026-10-30' }))
        .then(([e]) => expect(e.data).toMatchObject({ observedAt: '2026-10-30' }));
    });

    it('validateCommandData gives the command with its normalised data', () => {
      const checked = validateCommandData(commands.recordSignal({ observedAt: '2026-10-30T10:00+02:00' }));
      expect(checked.data).toMatchObject({ observedAt: '2026-10-30T08:00:00.000Z' });
    });
  });

  describe('occurredAt in the context', () => {
    it.each(['2026-02-30T10:00:00Z', '2026-11-01T24:00:00Z', '0000-01-01T00:00:00Z', '2026-11-01', 'gisteren'])('refuses %s (occurred-at.invalid, 400)', (occurredAt) => {
      const error = given(caseOpened()).when(commands.recordSignal(), { occurredAt }).thenInvalid('occurredAt');
      expect(error.rule).toBe('occurred-at.invalid');
    });

    it('judges an offset by its moment: a signal observed before it happened is accepted', () => {
      given(caseOpened())
        .when(commands.recordSignal({ observedAt: '2026-11-02T09:30:00Z' }), { occurredAt: '2026-11-02T10:45:00+01:00' })
        .then((e) => expect(e).toHaveLength(1));
    });
  });
});

// A compile-time check: COMMAND_DATA_SCHEMAS is keyed by exactly the command types.
const _keys: Record<CaseCommandType, unknown> = COMMAND_DATA_SCHEMAS;
void _keys;
