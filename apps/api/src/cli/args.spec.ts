import { CommandSpec, UsageError, httpUrl, oneOf, parseCommandLine, usage, wholeNumber } from './args';

const commands = {
  seed: { summary: 'seed it', options: { cases: { value: '<n>', description: 'how many', parse: wholeNumber(1, 100) }, 'span-days': { value: '<d>', description: 'days', parse: wholeNumber(1, 9) }, order: { value: '<o>', description: 'order', parse: oneOf(['by-case', 'as-it-happened']) } } },
  demo: { summary: 'demo it', options: { url: { value: '<url>', description: 'where', parse: httpUrl } } },
  rebuild: { summary: 'rebuild it', options: {} },
} satisfies Record<string, CommandSpec>;

const parse = (...argv: string[]) => parseCommandLine(argv, commands, 'zicht');
const refusal = (...argv: string[]) => {
  try {
    parse(...argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
};

describe('parseCommandLine', () => {
  it('converts the flags of a command, in both spellings', () => {
    expect(parse('seed', '--cases', '12', '--span-days=3')).toEqual({ help: false, command: 'seed', values: { cases: 12, 'span-days': 3 } });
    expect(parse('seed', '--order', 'as-it-happened')).toEqual({ help: false, command: 'seed', values: { order: 'as-it-happened' } });
    expect(parse('demo', '--url', 'http://127.0.0.1:3000/')).toEqual({ help: false, command: 'demo', values: { url: 'http://127.0.0.1:3000' } });
    expect(parse('rebuild')).toEqual({ help: false, command: 'rebuild', values: {} });
  });

  it('asks for help with --help or -h, anywhere, of the named command', () => {
    expect(parse('--help')).toEqual({ help: true, command: undefined });
    expect(parse('-h')).toEqual({ help: true, command: undefined });
    expect(parse('help', 'seed')).toEqual({ help: true, command: 'seed' });
    expect(parse('seed', '--cases', '5', '--help')).toEqual({ help: true, command: 'seed' });
    expect(parse('rebuild', '-h')).toEqual({ help: true, command: 'rebuild' });
  });

  it.each([
    [[], 'no command given'],
    [['sed'], 'unknown command "sed"'],
    [['help', 'sed'], 'unknown command "sed"'],
    [['seed', '--casess', '5'], 'seed: unknown option --casess'],
    [['seed', '-c', '5'], 'seed: unknown option -c'],
    [['rebuild', '--force'], 'rebuild: unknown option --force'],
    [['seed', '--cases'], 'seed: --cases needs a value'],
    [['seed', '--cases', '--span-days', '3'], 'seed: --cases needs a value'],
    [['seed', '--cases='], 'seed: --cases needs a value'],
    [['seed', '--cases', '0'], 'seed: --cases must be a whole number from 1 to 100 (got "0")'],
    [['seed', '--order', 'random'], 'seed: --order must be one of by-case, as-it-happened (got "random")'],
    [['seed', '--cases', '1e3'], 'seed: --cases must be a whole number from 1 to 100 (got "1e3")'],
    [['seed', '--cases', '101'], 'seed: --cases must be a whole number from 1 to 100 (got "101")'],
    [['seed', '5'], 'seed: unexpected argument "5"'],
    [['demo', '--url', 'localhost:3000'], 'demo: --url must be an http:// or https:// URL'],
    [['demo', '--url', 'file:///etc/passwd'], 'demo: --url must be an http:// or https:// URL'],
  ])('refuses %p in one line: %s', (argv, message) => {
    expect(refusal(...argv)).toContain(message);
  });
});

describe('usage', () => {
  it('lists every command, and one command with every flag', () => {
    expect(usage(commands, 'zicht')).toMatch(/^usage: zicht <command>.*\n[\s\S]*seed +seed it\n[\s\S]*rebuild +rebuild it\n/);
    const seed = usage(commands, 'zicht', 'seed');
    expect(seed).toContain('usage: zicht seed [--cases <n>] [--span-days <d>]');
    expect(seed).toMatch(/--cases <n> +how many/);
    expect(seed).toMatch(/--help +this text/);
  });
});
