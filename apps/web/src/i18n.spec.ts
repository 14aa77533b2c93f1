import { MESSAGES, VOCABULARY, columnLabel, storedLang, translate, word, workingDaysText } from './i18n';

describe('the texts of the web app', () => {
  it('has every message in Dutch and in English, each filled in', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.nl).sort());
    for (const lang of ['nl', 'en'] as const) for (const [key, text] of Object.entries(MESSAGES[lang])) expect([key, text.trim().length > 0]).toEqual([key, true]);
    expect(Object.keys(VOCABULARY.en).sort()).toEqual(Object.keys(VOCABULARY.nl).sort());
  });

  it('fills in placeholders, and names codes in the users’ words (the code itself when unknown)', () => {
    expect(translate('nl', 'integrityInvalid', { revision: 3 })).toBe('Keten verbroken bij revisie 3');
    expect(word('nl', 'event', 'melding')).toBe('melding bij Veilig Thuis');
    expect(word('nl', 'event', 'some-new-event')).toBe('some-new-event');
    expect(columnLabel('nl', 'conclusion.melding-required')).toBe('conclusie: melding verplicht');
    expect(columnLabel('nl', 'notHeardReason.child-declined')).toBe('niet gehoord, reden: het kind wilde niet');
    expect(columnLabel('en', 'meldingen')).toBe('meldingen');
  });

  it('says working days left, today, or past the deadline', () => {
    expect([3, 1, 0, -1, -4].map((n) => workingDaysText('nl', n))).toEqual(['nog 3 werkdagen', 'nog 1 werkdag', 'vandaag', '1 werkdag over de termijn', '4 werkdagen over de termijn']);
    expect(workingDaysText('en', 2)).toBe('2 working days left');
  });

  it('remembers English, and starts in Dutch otherwise', () => {
    expect(storedLang({ getItem: () => 'en' })).toBe('en');
    expect(storedLang({ getItem: () => null })).toBe('nl');
    expect(storedLang({ getItem: () => 'fr' })).toBe('nl');
  });
});
