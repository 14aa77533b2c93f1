import { concludeWeighing } from './conclusion';
import { ANSWER_KEYS, afwegingskaderFor, afwegingskaders, findAfwegingskader, parseAfwegingskader } from './registry';

describe('the afwegingskader registry', () => {
  it('ships knmg, onderwijs, kinderopvang and the basismodel', () => {
    expect(afwegingskaders.map((f) => f.id).sort()).toEqual(['basismodel', 'kinderopvang', 'knmg', 'onderwijs']);
  });

  it.each(afwegingskaders.map((f) => [f.id, f] as const))('%s has five Dutch questions covering every answer key once', (_id, f) => {
    expect(f.questions.map((q) => q.number)).toEqual([1, 2, 3, 4, 5]);
    expect(f.questions.flatMap((q) => q.answers.map((a) => a.key)).sort()).toEqual([...ANSWER_KEYS].sort());
    for (const q of f.questions) expect(q.text).toMatch(/\?$/);
    expect(f.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(f.beroepsgroepen.length).toBeGreaterThan(0);
    expect(f.source.reference.length).toBeGreaterThan(0);
  });

  it.each(afwegingskaders.map((f) => [f.id, f] as const))(
    '%s: each answer marked meldenWhen gives a melding through the national rule',
    (_id, f) => {
      for (const answer of f.questions.flatMap((q) => q.answers)) {
        if (answer.meldenWhen === null) continue;
        const answers = { suspicion: true, acuteUnsafety: false, canOfferEffectiveHelp: true, helpAccepted: true, [answer.key]: answer.meldenWhen };
        expect(concludeWeighing(answers).conclusion).toBe('melding-required');
        const reassuring = { ...answers, [answer.key]: !answer.meldenWhen };
        expect(concludeWeighing(reassuring).conclusion).toBe('hulp-without-melding');
      }
    },
  );

  it('finds a framework by id and version, and nothing for an unknown one', () => {
    expect(findAfwegingskader('knmg', '2018')?.beroepsgroepen).toContain('artsen');
    expect(findAfwegingskader('knmg', '1999')).toBeUndefined();
    expect(findAfwegingskader('bakkers', '2018')).toBeUndefined();
  });

  it('chooses the framework of a beroepsgroep, and the basismodel for any other', () => {
    expect(afwegingskaderFor('artsen').id).toBe('knmg');
    expect(afwegingskaderFor('onderwijs').id).toBe('onderwijs');
    expect(afwegingskaderFor('kinderopvang').id).toBe('kinderopvang');
    expect(afwegingskaderFor('jeugdhulp').id).toBe('basismodel');
    expect(afwegingskaderFor(undefined).id).toBe('basismodel');
  });

  it('refuses a broken framework file', () => {
    const broken = { ...findAfwegingskader('knmg', '2018'), questions: [] };
    expect(() => parseAfwegingskader(broken)).toThrow(/five questions/);
    expect(() => parseAfwegingskader({})).toThrow(/missing id/);
  });
});
