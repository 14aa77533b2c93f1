import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DUTCH_RULE_TEXTS, DUTCH_STATUS_TEXTS, dutchProblem, prefersDutch } from './problem-nl';
import { toProblem } from './problem';
import { CaseClosedError, RuleViolation } from '@zicht/case-domain';

/** Every rule id the domain and the API throw, read from their source (so a new rule without a Dutch text fails here). */
function ruleIds(): string[] {
  const repo = join(__dirname, '..', '..', '..', '..');
  const ids = new Set<string>();
  for (const root of [join(repo, 'libs', 'case-domain', 'src'), join(repo, 'libs', 'event-store', 'src'), join(repo, 'apps', 'api', 'src')]) {
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !/\.(int-|e2e-)?spec\.ts$/.test(f));
    for (const file of files) {
      const source = readFileSync(join(root, file), 'utf8');
      for (const m of source.matchAll(/RuleViolation\(\s*'([a-z0-9.-]+)'/g)) ids.add(m[1]);
      for (const m of source.matchAll(/readonly rule = '([a-z0-9.-]+)'/g)) ids.add(m[1]);
    }
  }
  return [...ids].sort();
}

describe('problem details in Dutch', () => {
  it('has a Dutch text for every rule id the domain and the API throw', () => {
    const ids = ruleIds();
    expect(ids).toEqual(expect.arrayContaining(['case.closed', 'idempotency.key-reused', 'integrity.record-broken', 'weighing.requires-signal']));
    expect(ids.length).toBeGreaterThan(20);
    expect(ids.filter((id) => !(id in DUTCH_RULE_TEXTS))).toEqual([]);
  });

  it('follows Accept-Language by q-value, and stays English when neither language is asked for', () => {
    expect(prefersDutch('nl')).toBe(true);
    expect(prefersDutch('nl-NL,nl;q=0.9,en;q=0.8')).toBe(true);
    expect(prefersDutch('en-GB,en;q=0.9,nl;q=0.8')).toBe(false);
    expect(prefersDutch('en;q=0.5, nl;q=0.7')).toBe(true);
    expect(prefersDutch('de-DE, nl;q=0.3')).toBe(true);
    expect(prefersDutch('nl;q=0, en')).toBe(false);
    expect(prefersDutch('fr')).toBe(false);
    expect(prefersDutch(undefined)).toBe(false);
  });

  it('translates title and detail of a rule and keeps rule, status and type', () => {
    const english = toProblem(new CaseClosedError('c-1'));
    const dutch = dutchProblem(english);
    expect(dutch).toEqual({ ...english, title: 'Conflict', detail: DUTCH_RULE_TEXTS['case.closed'] });
    expect(dutch.rule).toBe('case.closed');
  });

  it("gives a rule without a Dutch text its status's Dutch text, and keeps the fields of a 400", () => {
    const unknown = dutchProblem(toProblem(new RuleViolation('some.new-rule', 'An English message')));
    expect(unknown).toMatchObject({ status: 422, rule: 'some.new-rule', title: DUTCH_STATUS_TEXTS[422].title, detail: DUTCH_STATUS_TEXTS[422].detail });
    const invalid = dutchProblem({ type: 't', title: 'Bad Request', status: 400, detail: 'x', errors: [{ field: 'region', messages: ['must be VR01..VR25'] }] });
    expect(invalid).toMatchObject({ title: 'Ongeldig verzoek', errors: [{ field: 'region' }] });
  });

  it("fills in the problem's own fields: the broken revision, the seconds to wait", () => {
    const broken = dutchProblem({ type: 't', title: 'Conflict', status: 409, detail: 'x', rule: 'integrity.record-broken', firstInvalidRevision: 3 });
    expect(broken.detail).toContain('vanaf revisie 3:');
    expect(dutchProblem({ type: 't', title: 'Too Many Requests', status: 429, detail: 'x', retryAfter: 12 }).detail).toContain('over 12 seconden');
  });
});
