import { csvCell, toCsv } from './csv';

describe('CSV', () => {
  it.each(['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('defuses a formula: %p', (text) => {
    const cell = csvCell(text);
    expect(cell.replace(/^"/, '').startsWith("'")).toBe(true);
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('zei "nee"')).toBe('"zei ""nee"""');
    expect(csvCell('twee\nregels')).toBe('"twee\nregels"');
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
  });

  it('writes numbers as numbers (a negative number is no formula) and nothing for null', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(null)).toBe('');
  });

  it('ends every line with CRLF', () => {
    expect(toCsv(['region', 'meldingen'], [['VR01', 45], ['VR02', 'suppressed']])).toBe('region,meldingen\r\nVR01,45\r\nVR02,suppressed\r\n');
  });
});
