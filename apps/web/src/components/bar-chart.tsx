import { Bar, ticks } from '../chart';
import { useApp } from '../context';
import { number } from '../format';

const LABEL_WIDTH = 96;
const PLOT_WIDTH = 440;
const VALUE_ROOM = 110;
const ROW = 26;
const TOP = 24;

/**
 * A horizontal bar chart in SVG. A suppressed cell is drawn as a hatched marker with the word
 * "onderdrukt", never as a zero-length bar; the figure's table below it is the text alternative.
 */
export function BarChart({ id, title, bars, summary }: { id: string; title: string; bars: Bar[]; summary: string }) {
  const { t, lang } = useApp();
  const max = Math.max(0, ...bars.map((b) => b.value ?? 0));
  const height = TOP + bars.length * ROW + 8;
  const width = LABEL_WIDTH + PLOT_WIDTH + VALUE_ROOM;
  return (
    <svg class="bar-chart" role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{summary}</desc>
      <defs>
        <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#4a4a4a" stroke-width="2.5" />
        </pattern>
      </defs>
      {max > 0 &&
        ticks(max).map((tick) => {
          const x = LABEL_WIDTH + (tick / max) * PLOT_WIDTH;
          return (
            <g key={tick} class="tick">
              <line x1={x} x2={x} y1={TOP - 4} y2={height - 8} stroke="#c8c8c8" />
              <text x={x} y={TOP - 8} text-anchor="middle" font-size="11" fill="#333">
                {number(lang, tick)}
              </text>
            </g>
          );
        })}
      {bars.map((bar, i) => {
        const y = TOP + i * ROW;
        const length = Math.max(bar.share * PLOT_WIDTH, 0);
        return (
          <g key={bar.label} class={`bar bar-${bar.kind}`} data-label={bar.label} data-kind={bar.kind}>
            <text x={LABEL_WIDTH - 8} y={y + ROW / 2 + 4} text-anchor="end" font-size="12" fill="#1a1a1a">
              {bar.label}
            </text>
            {bar.kind === 'value' && (
              <>
                <rect x={LABEL_WIDTH} y={y + 4} width={length} height={ROW - 8} fill="#1f5fa8">
                  <title>{`${bar.label}: ${number(lang, bar.value ?? 0)}`}</title>
                </rect>
                <text x={LABEL_WIDTH + length + 6} y={y + ROW / 2 + 4} font-size="12" fill="#1a1a1a">
                  {number(lang, bar.value ?? 0)}
                </text>
              </>
            )}
            {bar.kind === 'suppressed' && (
              <>
                <rect x={LABEL_WIDTH} y={y + 4} width={28} height={ROW - 8} fill={`url(#${id}-hatch)`} stroke="#4a4a4a">
                  <title>{`${bar.label}: ${t('suppressedLong')}`}</title>
                </rect>
                <text x={LABEL_WIDTH + 36} y={y + ROW / 2 + 4} font-size="12" font-style="italic" fill="#1a1a1a">
                  {t('suppressed')}
                </text>
              </>
            )}
            {bar.kind === 'none' && (
              <text x={LABEL_WIDTH + 6} y={y + ROW / 2 + 4} font-size="12" fill="#4a4a4a">
                {t('noBase')}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
