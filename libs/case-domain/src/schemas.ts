/**
 * Data that fits its type: a run-time schema (zod) for the data of every command, checked by decide
 * before any rule. A TypeScript type is a promise the compiler cannot keep for JSON from outside:
 * `"to": []` for a party, an impossible date, an offset kept as sent. Each schema is tied to its
 * hand-written data type by `exactly<T>()`, so a schema that drifts from its type (a field added,
 * dropped or typed differently on either side) does not compile.
 *
 * What the schemas check: objects are objects (not arrays), arrays are arrays, closed vocabularies
 * come from vocabulary.ts, strings are bounded, unknown fields are refused, calendar dates exist and
 * instants exist and are normalised to UTC (dates.ts). What they leave to decide: every Meldcode
 * rule, including the completeness of a plan (`hulp.incomplete-plan`), whose fields are optional
 * here and judged there.
 */
import { z } from 'zod';
import { CaseCommand, CaseCommandType, CommandContext } from './commands';
import { parseCalendarDate, parseDateOrInstant, parseInstant } from './dates';
import { FieldError, InvalidCommandDataError } from './errors';
import {
  CASE_ORIGINS,
  CHILD_CONVERSATION_MOMENTS,
  CHILD_NOT_HEARD_REASONS,
  CLOSURE_REASONS,
  CONSULTATION_PARTNERS,
  HULP_DECIDERS,
  HULP_MODES,
  MELDPLICHT_GROUNDS,
  MONITOR_SAFETY,
  REFUSED_CHILD_NOT_HEARD_REASONS,
  RESPONSIBILITY_SCOPES,
  SIGNAL_CATEGORIES,
  SIGNAL_SOURCES,
  VEILIG_THUIS_REGIONS,
} from './vocabulary';

/** Bounds on what a command may carry (the HTTP edge uses the same). */
export const DATA_LIMITS = {
  /** A free text: a description, summary, rationale, the child's views. */
  freeText: 10_000,
  /** A name, code or id: an organisation, a professional, an event id. */
  name: 200,
  /** One entry of a list of short texts (an accommodation, an evaluation method). */
  item: 500,
  /** Entries in a list. */
  list: 50,
} as const;

// ------------------------------------------------------------------ the fields

const nonBlank = (max: number) =>
  z
    .string()
    .max(max, { error: `must be at most ${max} characters` })
    .refine((s) => s.trim().length > 0, { error: 'must not be empty' });

/** A required free text (personal data): not empty, bounded. */
const freeText = nonBlank(DATA_LIMITS.freeText);
/** An organisation, professional, role or event id. */
const name = nonBlank(DATA_LIMITS.name);
/** A text whose emptiness a Meldcode rule judges in decide (an aim, a component's kind). */
const text = (max: number) => z.string().max(max, { error: `must be at most ${max} characters` });
const list = <T extends z.ZodType>(item: T) => z.array(item).max(DATA_LIMITS.list, { error: `must have at most ${DATA_LIMITS.list} entries` });

const region = z.string().refine((r) => VEILIG_THUIS_REGIONS.includes(r), { error: 'must be a Veilig Thuis region VR01..VR25' });
const municipality = z.string().regex(/^GM\d{4}$/, { error: 'must be a CBS municipality code such as GM0363' });

const calendarDate = z.string().transform((value, ctx) => {
  const date = parseCalendarDate(value);
  if (date === null) ctx.addIssue({ code: 'custom', message: 'must be a calendar date that exists (YYYY-MM-DD)' });
  return date ?? value;
});

const dateOrInstant = z.string().transform((value, ctx) => {
  const parsed = parseDateOrInstant(value);
  if (parsed === null) {
    ctx.addIssue({ code: 'custom', message: 'must be a calendar date (YYYY-MM-DD) or an instant with a time zone (2026-11-01T09:00:00Z) that exists' });
  }
  return parsed ?? value;
});

const wholeNumber = (min: number, max: number) =>
  z.number().int({ error: 'must be a whole number' }).min(min, { error: `must be at least ${min}` }).max(max, { error: `must be at most ${max}` });

const party = z.strictObject({ organisation: name, professional: name.optional(), role: name.optional() });

// ------------------------------------------------------------------ one schema per command

type Equals<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
type DataOf<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>['data'];

/**
 * The schema of a command's data, which must produce exactly `DataOf<T>`. When it does not, the call
 * asks for a second argument of type never: "Expected 2 arguments" means the schema and the type
 * in commands.ts have drifted apart.
 */
function exactly<T extends CaseCommandType>() {
  return <S extends z.ZodType<DataOf<T>>>(schema: S, ..._drift: Equals<z.output<S>, DataOf<T>> extends true ? [] : [never]): S => schema;
}

const childHeard = z.strictObject({
  outcome: z.literal('heard'),
  moment: z.enum(CHILD_CONVERSATION_MOMENTS),
  heardAlone: z.boolean(),
  accommodations: list(text(DATA_LIMITS.item)).optional(),
  viewsSummary: freeText,
});

const childNotHeard = z.strictObject({
  outcome: z.literal('not-heard'),
  moment: z.enum(CHILD_CONVERSATION_MOMENTS),
  reason: z.enum([...CHILD_NOT_HEARD_REASONS, ...REFUSED_CHILD_NOT_HEARD_REASONS]),
  explanation: freeText,
  accommodationsTried: list(text(DATA_LIMITS.item)).optional(),
  revisitBy: calendarDate,
});

export const COMMAND_DATA_SCHEMAS = {
  'open-case': exactly<'open-case'>()(
    z.strictObject({
      subject: z.strictObject({ childRef: name, birthYear: wholeNumber(1900, 2200).optional() }),
      region,
      municipality: municipality.optional(),
      origin: z.enum(CASE_ORIGINS).optional(),
    }),
  ),
  'record-signal': exactly<'record-signal'>()(
    z.strictObject({
      category: z.enum(SIGNAL_CATEGORIES),
      source: z.enum(SIGNAL_SOURCES),
      description: freeText,
      observedAt: dateOrInstant,
    }),
  ),
  'record-consultation': exactly<'record-consultation'>()(z.strictObject({ with: z.enum(CONSULTATION_PARTNERS), summary: freeText })),
  'record-child-conversation': exactly<'record-child-conversation'>()(z.discriminatedUnion('outcome', [childHeard, childNotHeard])),
  'record-weighing': exactly<'record-weighing'>()(
    z.strictObject({
      afwegingskader: z.strictObject({ id: nonBlank(100), version: nonBlank(50) }),
      answers: z.strictObject({
        suspicion: z.boolean(),
        acuteUnsafety: z.boolean().optional(),
        structuralUnsafety: z.boolean().optional(),
        canOfferEffectiveHelp: z.boolean().optional(),
        helpAccepted: z.boolean().optional(),
        helpLeadsToSafety: z.boolean().optional(),
      }),
      rationale: freeText,
    }),
  ),
  'make-melding': exactly<'make-melding'>()(
    z.strictObject({
      region: region.optional(),
      grounds: z.array(z.enum(MELDPLICHT_GROUNDS)).max(MELDPLICHT_GROUNDS.length).optional(),
      vtReference: nonBlank(100).optional(),
    }),
  ),
  'deploy-hulp': exactly<'deploy-hulp'>()(
    z.strictObject({
      mode: z.enum(HULP_MODES),
      decidedBy: z.enum(HULP_DECIDERS),
      responsible: party,
      plan: z.strictObject({
        aims: list(text(DATA_LIMITS.freeText)),
        childConversationEventId: name,
        discussedWith: list(text(DATA_LIMITS.name)).optional(),
      }),
      components: list(
        z.strictObject({
          kind: text(DATA_LIMITS.name),
          provider: text(DATA_LIMITS.name).optional(),
          startsOn: calendarDate.optional(),
          deadline: calendarDate.optional(),
          intendedDurationWeeks: wholeNumber(0, 520).optional(),
        }),
      ),
      evaluation: z.strictObject({
        method: text(DATA_LIMITS.item).optional(),
        intervalDays: wholeNumber(0, 730).optional(),
        firstCheckDue: calendarDate.optional(),
      }),
    }),
  ),
  'record-monitor-check': exactly<'record-monitor-check'>()(
    z.strictObject({
      safety: z.enum(MONITOR_SAFETY),
      helpEffective: z.boolean(),
      notes: freeText,
      childConversationEventId: name.optional(),
      nextCheckDue: calendarDate.optional(),
    }),
  ),
  'assign-responsibility': exactly<'assign-responsibility'>()(z.strictObject({ scope: z.enum(RESPONSIBILITY_SCOPES), to: party, reason: freeText })),
  'close-case': exactly<'close-case'>()(z.strictObject({ reason: z.enum(CLOSURE_REASONS), summary: freeText })),
  'reopen-case': exactly<'reopen-case'>()(z.strictObject({ reason: freeText })),
} satisfies { [T in CaseCommandType]: z.ZodType<DataOf<T>> };

// ------------------------------------------------------------------ checking

/**
 * The command with its data checked and normalised (instants in UTC form), or an
 * InvalidCommandDataError (400) naming every field that is wrong. Pure; the HTTP edge may call it
 * to answer before it reads the case.
 */
export function validateCommandData<C extends CaseCommand>(command: C): C {
  const schema = COMMAND_DATA_SCHEMAS[command.type] as z.ZodType<C['data']> | undefined;
  if (schema === undefined) {
    throw new InvalidCommandDataError([{ field: 'type', messages: [`is not a command: ${String(command.type).slice(0, 50)}`] }]);
  }
  const result = schema.safeParse(command.data, { reportInput: true });
  if (!result.success) throw new InvalidCommandDataError(fieldErrors(result.error));
  return { ...command, data: result.data };
}

/** The context's occurredAt, a real instant in its UTC form; or a 400 naming `occurredAt`. */
export function validateOccurredAt(ctx: CommandContext): string {
  const occurredAt = parseInstant(ctx.occurredAt);
  if (occurredAt === null) {
    throw new InvalidCommandDataError(
      [{ field: 'occurredAt', messages: ['must be an instant that exists, with a time zone, e.g. 2026-11-01T09:00:00Z; or leave it out to use the current time'] }],
      'occurred-at.invalid',
    );
  }
  return occurredAt;
}

/** zod's issues as fields: `components[0].deadline`; each unknown key is a field of its own. */
function fieldErrors(error: z.ZodError): FieldError[] {
  const byField = new Map<string, string[]>();
  const add = (field: string, message: string) => byField.set(field, [...(byField.get(field) ?? []), message]);
  for (const issue of error.issues) {
    const at = pathOf(issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(joinPath(at, key), 'is not a field of this command');
    } else {
      add(at === '' ? 'body' : at, messageOf(issue));
    }
  }
  return [...byField].map(([field, messages]) => ({ field, messages }));
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'is required';
    return `must be ${EXPECTED[issue.expected] ?? `a ${issue.expected}`}`;
  }
  if (issue.code === 'invalid_value') return `must be one of: ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) return `must be one of: ${issue.options.map(String).join(', ')}`;
  return issue.message;
}

const EXPECTED: Record<string, string> = { int: 'a whole number', array: 'an array', object: 'an object', boolean: 'true or false' };

function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((at, key) => (typeof key === 'number' ? `${at}[${key}]` : joinPath(at, String(key))), '');
}

function joinPath(at: string, key: string): string {
  return at === '' ? key : `${at}.${key}`;
}
