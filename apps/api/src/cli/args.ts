import { parseArgs } from 'node:util';

/** A command line that cannot be run: its message is the one line printed (exit 64, EX_USAGE). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** One flag: `--name <value>`, checked and converted by `parse` (which throws a message on a bad value). */
export interface ValueOptionSpec<T = unknown> {
  value: string;
  description: string;
  parse(raw: string): T;
}

/** A switch without a value: `--name` (true when given). */
export interface SwitchOptionSpec {
  switch: true;
  description: string;
}

export type OptionSpec<T = unknown> = ValueOptionSpec<T> | SwitchOptionSpec;

export interface CommandSpec<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  summary: string;
  /** Lines under the usage line. */
  details?: string[];
  options: O;
}

export type Values<O extends Record<string, OptionSpec>> = { [K in keyof O]?: O[K] extends SwitchOptionSpec ? boolean : O[K] extends ValueOptionSpec<infer T> ? T : never };

export type Parsed<C extends Record<string, CommandSpec>> =
  | { help: true; command?: keyof C & string }
  | { help: false; command: keyof C & string; values: Record<string, unknown> };

/** A whole number from min to max. */
export function wholeNumber(min: number, max: number): (raw: string) => number {
  return (raw) => {
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new Error(`must be a whole number from ${min} to ${max} (got "${raw}")`);
    return Number(raw);
  };
}

/** One of the given words. */
export function oneOf<T extends string>(words: readonly T[]): (raw: string) => T {
  return (raw) => {
    if (!(words as readonly string[]).includes(raw)) throw new Error(`must be one of ${words.join(', ')} (got "${raw}")`);
    return raw as T;
  };
}

/** An http:// or https:// URL. */
export function httpUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`must be an http:// or https:// URL (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`must be an http:// or https:// URL (got "${raw}")`);
  return raw.replace(/\/+$/, '');
}

/** The text between the first pair of single quotes of a Node parseArgs message: the flag or argument. */
function quoted(message: string): string {
  return /'([^']*)'/.exec(message)?.[1]?.replace(/ <value>$/, '') ?? message;
}

/**
 * Parses `<command> [flags]` strictly (node's util.parseArgs): an unknown command or flag, a flag
 * without its value, a stray argument or a bad value is a UsageError naming it. `--help` / `-h`
 * anywhere asks for help (of the command, when one is named).
 */
export function parseCommandLine<C extends Record<string, CommandSpec>>(argv: string[], commands: C, program: string): Parsed<C> {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError(`no command given (see ${program} --help)`);
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = rest[0];
    if (topic !== undefined && !Object.hasOwn(commands, topic)) throw new UsageError(`unknown command "${topic}" (see ${program} --help)`);
    return { help: true, command: topic as keyof C & string | undefined };
  }
  if (!Object.hasOwn(commands, first)) throw new UsageError(`unknown command "${first}" (see ${program} --help)`);
  const command = first as keyof C & string;
  const spec = commands[command];
  const see = `see ${program} ${command} --help`;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(Object.entries(spec.options).map(([name, o]) => [name, { type: 'switch' in o ? ('boolean' as const) : ('string' as const) }])),
      },
    });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`${command}: unknown option ${quoted(message)} (${see})`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`${command}: ${quoted(message)} needs a value (${see})`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(`${command}: unexpected argument "${quoted(message)}" (${see})`);
    throw error;
  }
  if (parsed.values.help) return { help: true, command };
  const values: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    const raw = parsed.values[name];
    if (raw === undefined) continue;
    if ('switch' in option) {
      values[name] = raw === true;
      continue;
    }
    if (typeof raw !== 'string' || raw === '') throw new UsageError(`${command}: --${name} needs a value (${see})`);
    try {
      values[name] = option.parse(raw);
    } catch (error) {
      throw new UsageError(`${command}: --${name} ${(error as Error).message}`);
    }
  }
  return { help: false, command, values };
}

/** The usage text: every command, or one command with its flags. */
export function usage<C extends Record<string, CommandSpec>>(commands: C, program: string, command?: keyof C & string): string {
  const shown = (name: string, o: OptionSpec) => ('switch' in o ? `--${name}` : `--${name} ${o.value}`);
  const flags = (spec: CommandSpec) => Object.entries(spec.options).map(([name, o]) => `[${shown(name, o)}]`);
  if (command) {
    const spec = commands[command];
    const width = Math.max(0, ...Object.entries(spec.options).map(([name, o]) => shown(name, o).length));
    return [
      `usage: ${program} ${command} ${flags(spec).join(' ')}`.trimEnd(),
      '',
      spec.summary,
      ...(spec.details ?? []),
      ...(Object.keys(spec.options).length ? ['', 'options:'] : []),
      ...Object.entries(spec.options).map(([name, o]) => `  ${shown(name, o).padEnd(width)}  ${o.description}`),
      `  ${'--help'.padEnd(width)}  this text`,
      '',
    ].join('\n');
  }
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    `usage: ${program} <command> [options]`,
    `       ${program} <command> --help`,
    '',
    'commands:',
    ...Object.entries(commands).map(([name, spec]) => `  ${name.padEnd(width)}  ${spec.summary}`),
    '',
  ].join('\n');
}
