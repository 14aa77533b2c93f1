import { bars, ticks } from './chart';

describe('the bars of an analytic column', () => {
  const rows = [
    { region: 'VR01', meldingen: 'suppressed' },
    { region: 'VR02', meldingen: 40 },
    { region: 'VR03', meldingen: 10 },
    { region: 'VR04', meldingen: null },
    { region: 'VR05', meldingen: 0 },
  ];

  it('draws numbers to scale, and a suppressed cell as suppressed, never as zero', () => {
    expect(bars(rows, 'region', 'meldingen')).toEqual([
      { label: 'VR01', kind: 'suppressed', value: null, share: 0 },
      { label: 'VR02', kind: 'value', value: 40, share: 1 },
      { label: 'VR03', kind: 'value', value: 10, share: 0.25 },
      { label: 'VR04', kind: 'none', value: null, share: 0 },
      { label: 'VR05', kind: 'value', value: 0, share: 0 },
    ]);
  });

  it('has no scale when every cell is suppressed', () => {
    expect(bars([{ month: '2026-01', n: 'suppressed' }], 'month', 'n').map((b) => b.kind)).toEqual(['suppressed']);
  });

  it('puts round ticks up to the largest value', () => {
    expect(ticks(40)).toEqual([0, 10, 20, 30, 40]);
    expect(ticks(7)).toEqual([0, 2, 4, 6]);
    expect(ticks(0)).toEqual([0]);
    expect(ticks(120)).toEqual([0, 50, 100]);
  });
});
