import { WeighingAnswers } from '../commands';
import { concludeWeighing, findInconsistentAnswers, findMissingAnswers } from './conclusion';

describe('the afwegingskader conclusion (one national rule)', () => {
  const table: Array<[string, WeighingAnswers, string, string[]]> = [
    ['no suspicion', { suspicion: false }, 'no-suspicion', []],
    ['no suspicion, every other answer reassuring', { suspicion: false, acuteUnsafety: false, structuralUnsafety: false }, 'no-suspicion', []],
    ['acute unsafety', { suspicion: true, acuteUnsafety: true }, 'melding-required', ['acute-unsafety']],
    ['structural unsafety', { suspicion: true, acuteUnsafety: false, structuralUnsafety: true }, 'melding-required', ['structural-unsafety']],
    [
      'acute and structural unsafety',
      { suspicion: true, acuteUnsafety: true, structuralUnsafety: true },
      'melding-required',
      ['acute-unsafety', 'structural-unsafety'],
    ],
    ['no effective help', { suspicion: true, acuteUnsafety: false, canOfferEffectiveHelp: false }, 'melding-required', ['no-effective-help']],
    [
      'help not accepted',
      { suspicion: true, structuralUnsafety: false, canOfferEffectiveHelp: true, helpAccepted: false },
      'melding-required',
      ['help-not-accepted'],
    ],
    [
      'help does not lead to lasting safety',
      { suspicion: true, acuteUnsafety: false, canOfferEffectiveHelp: true, helpAccepted: true, helpLeadsToSafety: false },
      'melding-required',
      ['no-lasting-safety'],
    ],
    [
      'acute unsafety and (with Veilig Thuis) no effective help',
      { suspicion: true, acuteUnsafety: true, canOfferEffectiveHelp: false },
      'melding-required',
      ['acute-unsafety', 'no-effective-help'],
    ],
    [
      'help possible, accepted, leads to safety',
      { suspicion: true, acuteUnsafety: false, structuralUnsafety: false, canOfferEffectiveHelp: true, helpAccepted: true, helpLeadsToSafety: true },
      'hulp-without-melding',
      [],
    ],
    [
      'help possible and accepted, question 5 not yet answerable',
      { suspicion: true, acuteUnsafety: false, canOfferEffectiveHelp: true, helpAccepted: true },
      'hulp-without-melding',
      [],
    ],
  ];

  it.each(table)('%s', (_name, answers, conclusion, grounds) => {
    expect(concludeWeighing(answers)).toEqual({ conclusion, meldplichtGrounds: grounds });
  });
});

describe('inconsistent answers', () => {
  it.each<[string, WeighingAnswers]>([
    ['no suspicion but acute unsafety', { suspicion: false, acuteUnsafety: true }],
    ['no suspicion but structural unsafety', { suspicion: false, structuralUnsafety: true }],
    ['no suspicion but no effective help', { suspicion: false, canOfferEffectiveHelp: false }],
    ['no suspicion but help not accepted', { suspicion: false, helpAccepted: false }],
    ['no suspicion but no lasting safety', { suspicion: false, helpLeadsToSafety: false }],
    ['help accepted while no help can be offered', { suspicion: true, acuteUnsafety: false, canOfferEffectiveHelp: false, helpAccepted: true }],
    ['lasting safety while no help can be offered', { suspicion: true, acuteUnsafety: false, canOfferEffectiveHelp: false, helpLeadsToSafety: true }],
    ['lasting safety while the help is not accepted', { suspicion: true, acuteUnsafety: false, canOfferEffectiveHelp: true, helpAccepted: false, helpLeadsToSafety: true }],
  ])('%s is inconsistent', (_name, answers) => {
    expect(findInconsistentAnswers(answers)).toEqual(expect.stringContaining('question'));
  });

  it.each<[string, WeighingAnswers]>([
    ['no suspicion alone', { suspicion: false }],
    ['no suspicion with reassuring answers', { suspicion: false, acuteUnsafety: false, canOfferEffectiveHelp: true, helpAccepted: true }],
    ['no help possible and not accepted', { suspicion: true, acuteUnsafety: false, canOfferEffectiveHelp: false, helpAccepted: false }],
    ['a full hulp route', { suspicion: true, acuteUnsafety: false, canOfferEffectiveHelp: true, helpAccepted: true, helpLeadsToSafety: true }],
  ])('%s is consistent', (_name, answers) => {
    expect(findInconsistentAnswers(answers)).toBeNull();
  });
});

describe('missing answers', () => {
  it.each<[string, WeighingAnswers]>([
    ['suspicion without question 2', { suspicion: true }],
    ['no unsafety without question 3', { suspicion: true, acuteUnsafety: false, structuralUnsafety: false }],
    ['effective help without question 4', { suspicion: true, acuteUnsafety: false, canOfferEffectiveHelp: true }],
  ])('%s cannot conclude', (_name, answers) => {
    expect(findMissingAnswers(answers)).toEqual(expect.stringContaining('question'));
  });

  it.each<[string, WeighingAnswers]>([
    ['no suspicion', { suspicion: false }],
    ['acute unsafety (3-5 are answered with Veilig Thuis)', { suspicion: true, acuteUnsafety: true }],
    ['no effective help (4-5 do not apply)', { suspicion: true, acuteUnsafety: false, canOfferEffectiveHelp: false }],
    ['question 5 open', { suspicion: true, structuralUnsafety: false, canOfferEffectiveHelp: true, helpAccepted: true }],
  ])('%s is complete', (_name, answers) => {
    expect(findMissingAnswers(answers)).toBeNull();
  });
});
