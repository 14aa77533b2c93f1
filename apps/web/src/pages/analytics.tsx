import { useState } from 'preact/hooks';
import { ApiError, download, query } from '../api';
import { BarChart } from '../components/bar-chart';
import { English, Link, Loading, ProblemBox, scrollRegion } from '../components/common';
import { Page } from '../components/page';
import { bars, Cell } from '../chart';
import { useApp, useGet } from '../context';
import { number, when } from '../format';
import { columnLabel } from '../i18n';
import { navigate, useLocation } from '../router';

interface TableList {
  tables: { name: string; title: string; description: string; path: string }[];
}

interface AnalyticsTable {
  table: string;
  title: string;
  description: string;
  by: string;
  asOf: string;
  disclosure: { note: string; minCell: number; roundTo: number };
  columns: { key: string; kind: 'count' | 'percent' | 'days'; description: string }[];
  rows: Record<string, string | Cell>[];
  total: Record<string, Cell>;
}

const DIMENSIONS = ['region', 'beroepsgroep', 'half-year', 'month'];

export function AnalyticsPage() {
  const { t, w, lang, api, announce } = useApp();
  const location = useLocation();
  const list = useGet<TableList>('/analytics');
  const tables = list.data?.tables ?? [];
  const chosen = location.query.get('table') ?? tables[0]?.name ?? null;
  const by = location.query.get('by') ?? 'region';
  const period = location.query.get('period') ?? '';
  const [draft, setForm] = useState({ table: '', by, period });
  const form = { ...draft, table: draft.table || chosen || '' };
  const tablePath = chosen ? `/analytics/${encodeURIComponent(chosen)}${query({ by, period })}` : null;
  const table = useGet<AnalyticsTable>(tablePath);
  const column = location.query.get('column') ?? table.data?.columns[0]?.key ?? '';
  const [csvError, setCsvError] = useState<ApiError | null>(null);

  const go = (params: Record<string, string>) => navigate(`/analytics${query({ table: chosen ?? undefined, by, period, column: location.query.get('column') ?? undefined, ...params })}`, { replace: false });
  const tableTitle = (name: string, fallback: string) => (w('table', name) !== name ? w('table', name) : fallback);
  const shown = table.data;
  const chartBars = shown ? bars(shown.rows, shown.by, column) : [];
  const suppressedCount = chartBars.filter((b) => b.kind === 'suppressed').length;
  const cell = (value: Cell | undefined) =>
    value === 'suppressed' ? (
      <span class="suppressed">
        <abbr title={t('suppressedLong')}>{t('suppressed')}</abbr>
      </span>
    ) : value === null || value === undefined ? (
      <span class="no-base">{t('noBase')}</span>
    ) : (
      number(lang, value)
    );

  return (
    <Page title={t('analyticsTitle')}>
      <p>{t('analyticsIntro')}</p>
      {list.error && <ProblemBox error={list.error} onRetry={list.reload} />}
      {list.loading && <Loading />}
      {tables.length > 0 && (
        <form
          class="filters"
          onSubmit={(event) => {
            event.preventDefault();
            const sameTable = form.table === chosen;
            navigate(`/analytics${query({ table: form.table, by: form.by, period: form.period.trim(), column: sameTable ? (location.query.get('column') ?? undefined) : undefined })}`);
          }}
        >
          <div class="filter-grid">
            <div class="field">
              <label for="a-table">{t('table')}</label>
              <select id="a-table" value={form.table} onChange={(e) => setForm({ ...form, table: (e.target as HTMLSelectElement).value })}>
                {tables.map((tbl) => (
                  <option key={tbl.name} value={tbl.name}>
                    {tableTitle(tbl.name, tbl.title)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="a-by">{t('by')}</label>
              <select id="a-by" value={form.by} onChange={(e) => setForm({ ...form, by: (e.target as HTMLSelectElement).value })}>
                {DIMENSIONS.map((d) => (
                  <option key={d} value={d}>
                    {w('by', d)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="a-period">{t('period')}</label>
              <input id="a-period" type="text" value={form.period} aria-describedby="a-period-help" onInput={(e) => setForm({ ...form, period: (e.target as HTMLInputElement).value })} />
              <p id="a-period-help" class="help">
                {t('periodHelp')}
              </p>
            </div>
          </div>
          <div class="actions">
            <button type="submit">{t('show')}</button>
          </div>
        </form>
      )}

      {table.loading && <Loading />}
      {table.error && <ProblemBox error={table.error} onRetry={table.reload} />}
      {shown && !table.loading && (
        <section aria-labelledby="table-heading">
          <h2 id="table-heading">{tableTitle(shown.table, shown.title)}</h2>
          <p>
            <English>{shown.description}</English>
          </p>
          <p>{t('asOfDate', { date: when(lang, shown.asOf) })}</p>
          <div class="field inline">
            <label for="a-column">{t('measure')}</label>
            <select id="a-column" value={column} onChange={(e) => go({ column: (e.target as HTMLSelectElement).value })}>
              {shown.columns.map((c) => (
                <option key={c.key} value={c.key}>
                  {columnLabel(lang, c.key)}
                </option>
              ))}
            </select>
          </div>
          <figure class="chart">
            <figcaption id="chart-caption">{t('chartTitle', { measure: columnLabel(lang, column), by: w('by', shown.by) })}</figcaption>
            <div class="chart-scroll">
              <BarChart
                id="chart"
                title={t('chartTitle', { measure: columnLabel(lang, column), by: w('by', shown.by) })}
                bars={chartBars}
                summary={t('chartAlt', { measure: columnLabel(lang, column), by: w('by', shown.by), suppressed: suppressedCount, total: chartBars.length })}
              />
            </div>
            <p class="legend">
              <span class="legend-hatch" aria-hidden="true" /> {t('legendSuppressed')}
            </p>
          </figure>
          <p class="disclosure">
            <strong>{t('disclosure')}:</strong> <English>{shown.disclosure.note}</English>
          </p>
          <div class="actions">
            <button
              type="button"
              onClick={() => {
                setCsvError(null);
                download(api, tablePath!, 'text/csv', `${shown.table}.csv`).then(
                  () => announce(t('csvDone')),
                  (e: unknown) => setCsvError(e instanceof ApiError ? e : null),
                );
              }}
            >
              {t('downloadCsv')}
            </button>
          </div>
          {csvError && <ProblemBox error={csvError} />}
          <div class="table-wrap" {...scrollRegion(t('dataTable', { title: tableTitle(shown.table, shown.title) }))}>
            <table class="figures" id="figures">
              <caption>{t('dataTable', { title: tableTitle(shown.table, shown.title) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{w('by', shown.by)}</th>
                  {shown.columns.map((c) => (
                    <th scope="col" key={c.key} class={c.key === column ? 'current' : undefined}>
                      {columnLabel(lang, c.key)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.rows.map((row) => (
                  <tr key={String(row[shown.by])} data-group={String(row[shown.by])}>
                    <th scope="row">{String(row[shown.by])}</th>
                    {shown.columns.map((c) => (
                      <td key={c.key} data-column={c.key}>
                        {cell(row[c.key] as Cell)}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr class="total">
                  <th scope="row">{t('total')}</th>
                  {shown.columns.map((c) => (
                    <td key={c.key}>{cell(shown.total[c.key])}</td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
        </section>
      )}
      {tables.length > 0 && (
        <nav aria-label={t('table')}>
          <ul class="table-links">
            {tables.map((tbl) => (
              <li key={tbl.name}>
                <Link to={`/analytics${query({ table: tbl.name, by })}`} aria-current={tbl.name === chosen ? 'page' : undefined}>
                  {tableTitle(tbl.name, tbl.title)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </Page>
  );
}
