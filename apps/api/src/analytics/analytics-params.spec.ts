import { InvalidRequestError } from '../http/problem';
import { parseAnalyticsParams } from './analytics-params';

function fieldsOf(query: Record<string, unknown>): string[] {
  try {
    parseAnalyticsParams(query);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    return (error as InvalidRequestError).errors.map((e) => e.field);
  }
  throw new Error('expected a 400');
}

describe('parseAnalyticsParams', () => {
  it('reads a period shorthand as whole months', () => {
    expect(parseAnalyticsParams({ period: '2026-H1', by: 'month' })).toEqual({ by: 'month', from: '2026-01-01', to: '2026-06-30', range: { from: '2026-01', to: '2026-06' } });
    expect(parseAnalyticsParams({ period: '2024-H2' }).range).toEqual({ from: '2024-07', to: '2024-12' });
    expect(parseAnalyticsParams({ period: '2025' }).range).toEqual({ from: '2025-01', to: '2025-12' });
    expect(parseAnalyticsParams({ period: '2024-02' })).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('reads from and to as months or as the first and last day of one; both may be left open', () => {
    expect(parseAnalyticsParams({ from: '2026-01-01', to: '2026-03-31', by: 'beroepsgroep' })).toMatchObject({ by: 'beroepsgroep', range: { from: '2026-01', to: '2026-03' } });
    expect(parseAnalyticsParams({ from: '2026-02' })).toMatchObject({ by: 'region', from: '2026-02-01', to: null, range: { from: '2026-02', to: null } });
    expect(parseAnalyticsParams({})).toMatchObject({ from: null, to: null });
  });

  it.each([
    [{ by: 'municipality' }, ['by']],
    [{ by: ['region', 'month'] }, ['by']],
    [{ from: '2026-01-15' }, ['from']],
    [{ from: '2026-13' }, ['from']],
    [{ to: '2026-06-29' }, ['to']],
    [{ to: 'yesterday' }, ['to']],
    [{ from: '2026-06', to: '2026-01' }, ['to']],
    [{ period: '2026-H3' }, ['period']],
    [{ period: '2026-H1', from: '2026-01' }, ['period']],
    [{ form: '2026-01' }, ['form']],
    [{ by: 'x', from: 'y' }, ['by', 'from']],
  ])('refuses %p naming %p', (query, fields) => {
    expect(fieldsOf(query)).toEqual(fields);
  });
});
