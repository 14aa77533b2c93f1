import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, download, getJson, query } from '../api';
import { Badge, English, Link, Loading, ProblemBox, scrollRegion } from '../components/common';
import { Accountability, AccountabilityView, Compliance, ComplianceView } from '../components/gc13';
import { Page } from '../components/page';
import { useApp, useGet } from '../context';
import { fromLocalInput, shortId, when } from '../format';
import type { CaseSummary } from './cases';

interface HistoryEntry {
  revision: number;
  eventId: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string; role: string; organisation: string };
  data: unknown;
  hash: string;
}

interface CaseAsOf {
  asOf: string;
  revision: number;
  summary: CaseSummary;
  accountability: Accountability;
  compliance: Compliance;
}

type Verification = { valid: true; events: number } | { valid: false; events: number; firstInvalidRevision: number; reason: string };

/** One case: what the principal's role works with, each part from its own endpoint. */
export function CasePage({ caseId }: { caseId: string }) {
  const { t, me } = useApp();
  const summary = useGet<CaseSummary>(`/cases/${encodeURIComponent(caseId)}`);
  const inspector = me?.role === 'inspector';
  const title = t('caseTitle', { id: shortId(caseId) });

  if (summary.loading && !summary.data) {
    return (
      <Page title={title}>
        <Loading />
      </Page>
    );
  }
  if (summary.error || !summary.data) {
    return (
      <Page title={title}>
        {summary.error && <ProblemBox error={summary.error} onRetry={summary.reload} />}
        <p>
          <Link to="/cases">{t('backToList')}</Link>
        </p>
      </Page>
    );
  }
  const sections = inspector
    ? (['integrity', 'timeline', 'state', 'access-log', 'radar'] as const)
    : me?.role === 'veilig-thuis'
      ? (['gc13', 'compliance', 'radar'] as const)
      : (['gc13', 'compliance'] as const);
  const label = { integrity: t('integrity'), timeline: t('timeline'), state: t('stateAt'), 'access-log': t('accessLog'), radar: t('radar'), gc13: t('gc13'), compliance: t('compliance') };

  return (
    <Page title={title}>
      <p>
        <Link to="/cases">{t('backToList')}</Link>
      </p>
      <SummaryView data={summary.data} />
      <nav aria-label={t('caseSections')} class="in-page">
        <ul>
          {sections.map((s) => (
            <li key={s}>
              <a href={`#${s}`}>{label[s]}</a>
            </li>
          ))}
        </ul>
      </nav>
      {inspector ? (
        <>
          <IntegritySection caseId={caseId} />
          <InspectorHistory caseId={caseId} head={summary.data.revision} />
          <AccessLogSection caseId={caseId} />
          <RadarSection caseId={caseId} />
        </>
      ) : (
        <>
          <LiveAnswers caseId={caseId} />
          {me?.role === 'veilig-thuis' && <RadarSection caseId={caseId} />}
        </>
      )}
    </Page>
  );
}

function SummaryView({ data }: { data: CaseSummary }) {
  const { t, w, lang } = useApp();
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">{t('summary')}</h2>
      <dl class="kv-list summary">
        <dt>{t('status')}</dt>
        <dd>{w('status', data.status)}</dd>
        <dt>{t('stage')}</dt>
        <dd>{w('stage', data.stage)}</dd>
        <dt>{t('region')}</dt>
        <dd>{data.region}</dd>
        {data.municipality && (
          <>
            <dt>{t('municipality')}</dt>
            <dd>{data.municipality}</dd>
          </>
        )}
        <dt>{t('openedAt')}</dt>
        <dd>{when(lang, data.openedAt)}</dd>
        <dt>{t('revision')}</dt>
        <dd>{data.revision}</dd>
        <dt>{t('colResponsible')}</dt>
        <dd>{data.responsible['zicht-op-veiligheid']?.organisation ?? t('nobody')}</dd>
        <dt>{t('meldplicht')}</dt>
        <dd>
          {data.meldplicht.status === 'open' ? <Badge tone="bad">{w('meldplicht', 'open')}</Badge> : w('meldplicht', data.meldplicht.status)}
          {data.meldplicht.grounds.length > 0 && ` (${data.meldplicht.grounds.map((g) => w('ground', g)).join(', ')})`}
        </dd>
        <dt>{t('flags')}</dt>
        <dd>
          {data.flags.length === 0 ? (
            t('none')
          ) : (
            <ul class="flags">
              {data.flags.map((f) => (
                <li key={f}>
                  <Badge tone="warn">{w('flag', f)}</Badge>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </section>
  );
}

/** For the parties involved: the GC13 answers and compliance as they are now. */
function LiveAnswers({ caseId }: { caseId: string }) {
  const { t } = useApp();
  const gc13 = useGet<Accountability>(`/cases/${caseId}/accountability`);
  const compliance = useGet<Compliance>(`/cases/${caseId}/compliance`);
  return (
    <>
      <section id="gc13" aria-labelledby="gc13-heading" aria-busy={gc13.loading}>
        <h2 id="gc13-heading">{t('gc13')}</h2>
        {gc13.loading && <Loading />}
        {gc13.error && <ProblemBox error={gc13.error} onRetry={gc13.reload} />}
        {gc13.data && <AccountabilityView data={gc13.data} idPrefix="live" />}
      </section>
      <section id="compliance" aria-labelledby="compliance-heading" aria-busy={compliance.loading}>
        <h2 id="compliance-heading">{t('compliance')}</h2>
        {compliance.loading && <Loading />}
        {compliance.error && <ProblemBox error={compliance.error} onRetry={compliance.reload} />}
        {compliance.data && <ComplianceView data={compliance.data} caption={t('compliance')} />}
      </section>
    </>
  );
}

function IntegritySection({ caseId }: { caseId: string }) {
  const { t, api, announce } = useApp();
  const verify = useGet<Verification>(`/cases/${caseId}/verify`);
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const v = verify.data;
  return (
    <section id="integrity" aria-labelledby="integrity-heading">
      <h2 id="integrity-heading">{t('integrity')}</h2>
      <div class="integrity" role="status" aria-live="polite" data-valid={v ? String(v.valid) : undefined}>
        {verify.loading && t('integrityChecking')}
        {!verify.loading && v?.valid === true && <Badge tone="good">{t('integrityValid', { n: v.events })}</Badge>}
        {!verify.loading && v && v.valid === false && (
          <>
            <Badge tone="bad">{t('integrityInvalid', { revision: v.firstInvalidRevision })}</Badge>
            <p>
              {t('integrityReason')}: <English>{v.reason}</English>
            </p>
          </>
        )}
      </div>
      {verify.error && <ProblemBox error={verify.error} onRetry={verify.reload} />}
      <div class="actions">
        <button type="button" class="secondary" onClick={verify.reload}>
          {t('verifyAgain')}
        </button>
        <button
          type="button"
          onClick={() => {
            setExportError(null);
            download(api, `/cases/${caseId}/export`, 'application/json', `case-${caseId}.json`).then(
              () => announce(t('exportDone')),
              (e: unknown) => setExportError(e instanceof ApiError ? e : null),
            );
          }}
        >
          {t('export')}
        </button>
      </div>
      {exportError && <ProblemBox error={exportError} />}
    </section>
  );
}

const HISTORY_PAGE = 200;

/** The inspector's view of the record: every event in a timeline, and the case at any moment. */
function InspectorHistory({ caseId, head }: { caseId: string; head: number }) {
  const { t, api } = useApp();
  const [events, setEvents] = useState<HistoryEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [total, setTotal] = useState(head + 1);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);

  const load = (after: number | null) => {
    setLoading(true);
    setError(null);
    getJson<{ revision: number; events: HistoryEntry[]; next: number | null }>(api, `/cases/${caseId}/history${query({ after: after ?? undefined, limit: HISTORY_PAGE })}`).then(
      (page) => {
        setEvents((old) => (after === null ? page.events : [...old, ...page.events]));
        setNext(page.next);
        setTotal(page.revision + 1);
        setLoading(false);
      },
      (e: unknown) => {
        setError(e instanceof ApiError ? e : null);
        setLoading(false);
      },
    );
  };
  useEffect(() => load(null), [caseId, api.lang]);

  return (
    <>
      <Timeline events={events} total={total} loading={loading} error={error} onMore={next === null ? null : () => load(next)} />
      <StateAt caseId={caseId} head={total - 1} events={events} />
    </>
  );
}

function Timeline({ events, total, loading, error, onMore }: { events: HistoryEntry[]; total: number; loading: boolean; error: ApiError | null; onMore: (() => void) | null }) {
  const { t, w, lang } = useApp();
  return (
    <section id="timeline" aria-labelledby="timeline-heading" aria-busy={loading}>
      <h2 id="timeline-heading">{t('timeline')}</h2>
      <p role="status">{t('timelineCount', { shown: events.length, total })}</p>
      <ol class="timeline">
        {events.map((e) => (
          <li key={e.eventId} id={`event-${e.eventId}`} data-revision={e.revision}>
            <h3>
              <span class="rev">
                {t('revision')} {e.revision}
              </span>{' '}
              {w('event', e.type)}
            </h3>
            <dl class="kv-list">
              <dt>{t('occurredAt')}</dt>
              <dd>
                <time dateTime={e.occurredAt}>{when(lang, e.occurredAt)}</time>
              </dd>
              <dt>{t('recordedAt')}</dt>
              <dd>
                <time dateTime={e.recordedAt}>{when(lang, e.recordedAt)}</time>
              </dd>
              <dt>{t('actor')}</dt>
              <dd>
                {e.actor.id} ({w('role', e.actor.role)}, {e.actor.organisation})
              </dd>
            </dl>
            <details>
              <summary>{t('eventData')}</summary>
              <pre>{JSON.stringify(e.data, null, 2)}</pre>
              <p class="hash">
                hash <code>{e.hash}</code>
              </p>
            </details>
          </li>
        ))}
      </ol>
      {loading && <Loading />}
      {error && <ProblemBox error={error} />}
      {onMore && !loading && (
        <button type="button" onClick={onMore}>
          {t('loadMore')}
        </button>
      )}
    </section>
  );
}

/** The state picker: a revision (slider, arrow keys) or a moment, and the answers as they stood then. */
function StateAt({ caseId, head, events }: { caseId: string; head: number; events: HistoryEntry[] }) {
  const { t, w, lang } = useApp();
  const [revision, setRevision] = useState(head);
  const [moment, setMoment] = useState('');
  const [at, setAt] = useState<{ revision: number } | { asOf: string }>({ revision: head });
  const [momentMissing, setMomentMissing] = useState(false);
  const settle = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(settle.current), []);
  const state = useGet<CaseAsOf>(`/cases/${caseId}/state${query(at)}`);
  const typeOf = (n: number) => {
    const e = events.find((x) => x.revision === n);
    return e ? w('event', e.type) : '';
  };

  return (
    <section id="state" aria-labelledby="state-heading">
      <h2 id="state-heading">{t('stateAt')}</h2>
      <p>{t('stateAtIntro')}</p>
      <div class="state-picker">
        <div class="field">
          <label for="state-revision">{t('byRevision')}</label>
          <input
            id="state-revision"
            type="range"
            min={0}
            max={head}
            step={1}
            value={revision}
            aria-valuetext={`${t('revision')} ${revision}${typeOf(revision) ? `: ${typeOf(revision)}` : ''}`}
            onInput={(e) => {
              // Asked once the slider rests a moment: every answer is a read in the access log.
              const n = Number((e.target as HTMLInputElement).value);
              setRevision(n);
              window.clearTimeout(settle.current);
              settle.current = window.setTimeout(() => setAt({ revision: n }), 250);
            }}
          />
          <output for="state-revision">
            {t('revision')} {revision} {typeOf(revision) && `· ${typeOf(revision)}`}
          </output>
        </div>
        <form
          class="field"
          onSubmit={(event) => {
            event.preventDefault();
            const asOf = fromLocalInput(moment);
            setMomentMissing(asOf === null);
            if (asOf) setAt({ asOf });
          }}
        >
          <label for="state-moment">{t('byMoment')}</label>
          <input id="state-moment" type="datetime-local" value={moment} aria-describedby="state-moment-error" onInput={(e) => setMoment((e.target as HTMLInputElement).value)} />
          <button type="submit">{t('showMoment')}</button>
          <p id="state-moment-error" class="field-error" aria-live="polite">
            {momentMissing ? t('momentRequired') : ''}
          </p>
        </form>
      </div>
      <div class="state-answer" aria-busy={state.loading}>
        {state.loading && <Loading />}
        {state.error && <ProblemBox error={state.error} />}
        {state.data && !state.loading && (
          <>
            <p class="state-shown" role="status" data-revision={state.data.revision}>
              {t('stateShown', { revision: state.data.revision, type: typeOf(state.data.revision) || '…', asOf: when(lang, state.data.asOf) })}
            </p>
            <StateMoment data={state.data} />
          </>
        )}
      </div>
    </section>
  );
}

function StateMoment({ data }: { data: CaseAsOf }) {
  const { t, w } = useApp();
  return (
    <>
      <dl class="kv-list">
        <dt>{t('status')}</dt>
        <dd>{w('status', data.summary.status)}</dd>
        <dt>{t('stage')}</dt>
        <dd>{w('stage', data.summary.stage)}</dd>
        <dt>{t('meldplicht')}</dt>
        <dd>{w('meldplicht', data.summary.meldplicht.status)}</dd>
      </dl>
      <h3 class="h-gc13">{t('gc13')}</h3>
      <AccountabilityView data={data.accountability} idPrefix="asof" />
      <h3>{t('compliance')}</h3>
      <ComplianceView data={data.compliance} caption={t('compliance')} />
    </>
  );
}

interface AccessEntry {
  eventId: string;
  at: string;
  outcome: 'read' | 'refused';
  principal: { id: string; role: string; organisation: string } | null;
  method: string;
  route: string;
  status: number;
}

function AccessLogSection({ caseId }: { caseId: string }) {
  const { t, w, lang, api } = useApp();
  const [entries, setEntries] = useState<AccessEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const load = (after: string | null) => {
    setLoading(true);
    getJson<{ entries: AccessEntry[]; next: string | null }>(api, `/access-log${query({ caseId, after: after ?? undefined, limit: 100 })}`).then(
      (page) => {
        setEntries((old) => (after === null ? page.entries : [...old, ...page.entries]));
        setNext(page.next);
        setLoading(false);
      },
      (e: unknown) => {
        setError(e instanceof ApiError ? e : null);
        setLoading(false);
      },
    );
  };
  useEffect(() => load(null), [caseId, api.lang]);
  return (
    <section id="access-log" aria-labelledby="access-log-heading" aria-busy={loading}>
      <h2 id="access-log-heading">{t('accessLog')}</h2>
      <p>{t('accessLogIntro')}</p>
      {error && <ProblemBox error={error} />}
      {entries.length === 0 && !loading && !error && <p>{t('noEntries')}</p>}
      {entries.length > 0 && (
        <div class="table-wrap" {...scrollRegion(t('accessLog'))}>
          <table>
            <caption class="sr-only">{t('accessLog')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('at')}</th>
                <th scope="col">{t('outcome')}</th>
                <th scope="col">{t('who')}</th>
                <th scope="col">{t('route')}</th>
                <th scope="col">{t('statusCode')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.eventId} data-outcome={e.outcome}>
                  <td>{when(lang, e.at)}</td>
                  <td>{e.outcome === 'refused' ? <Badge tone="bad">{w('outcome', e.outcome)}</Badge> : w('outcome', e.outcome)}</td>
                  <td>{e.principal ? `${e.principal.id} (${w('role', e.principal.role)}, ${e.principal.organisation})` : t('unknown')}</td>
                  <td>
                    <code>
                      {e.method} {e.route}
                    </code>
                  </td>
                  <td>{e.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {loading && <Loading />}
      {next && !loading && (
        <button type="button" onClick={() => load(next)}>
          {t('moreEntries')}
        </button>
      )}
    </section>
  );
}

interface Radar {
  childKnown: boolean;
  priorInvolvement: string | null;
  cases: { caseId: string; region: string; melder: string | null; meldingen: string[]; decisions: unknown[]; monitoring: unknown; signalCategories: string[] }[];
}

/** A decision or monitoring status of another case, in words, whatever shape the server gives it. */
function describe(value: unknown, w: (group: string, code: string) => string, lang: 'nl' | 'en'): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return w('worklist', value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
      .map(([k, v]) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? when(lang, v) : `${k}: ${String(v)}`))
      .join(', ');
  }
  return String(value);
}

function RadarSection({ caseId }: { caseId: string }) {
  const { t, w, lang } = useApp();
  const radar = useGet<Radar>(`/cases/${caseId}/radar`);
  return (
    <section id="radar" aria-labelledby="radar-heading" aria-busy={radar.loading}>
      <h2 id="radar-heading">{t('radar')}</h2>
      {radar.loading && <Loading />}
      {radar.error && (
        <>
          <p>{t('radarUnavailable')}</p>
          <ProblemBox error={radar.error} />
        </>
      )}
      {radar.data && (
        <>
          <p>{radar.data.childKnown ? <Badge tone="warn">{t('radarChildKnown')}</Badge> : t('radarChildUnknown')}</p>
          {radar.data.priorInvolvement && (
            <p>
              {t('priorInvolvement')}: {w('priorInvolvement', radar.data.priorInvolvement)}
            </p>
          )}
          {radar.data.cases.length > 0 && (
            <div class="table-wrap" {...scrollRegion(t('radar'))}>
              <table>
                <caption class="sr-only">{t('radar')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('colCase')}</th>
                    <th scope="col">{t('region')}</th>
                    <th scope="col">{t('melder')}</th>
                    <th scope="col">{t('meldingen')}</th>
                    <th scope="col">{t('decisions')}</th>
                    <th scope="col">{t('monitoring')}</th>
                    <th scope="col">{t('signalCategories')}</th>
                  </tr>
                </thead>
                <tbody>
                  {radar.data.cases.map((c) => (
                    <tr key={c.caseId}>
                      <th scope="row">
                        <code>{shortId(c.caseId)}</code>
                      </th>
                      <td>{c.region}</td>
                      <td>{c.melder ?? '–'}</td>
                      <td>{c.meldingen.map((d) => when(lang, d)).join(', ')}</td>
                      <td>{c.decisions.map((d) => describe(d, w, lang)).join('; ') || '–'}</td>
                      <td>{describe(c.monitoring, w, lang)}</td>
                      <td>{c.signalCategories.map((s) => w('category', s)).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
