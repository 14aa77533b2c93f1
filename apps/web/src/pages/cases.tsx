import { useState } from 'preact/hooks';
import { query } from '../api';
import { Link, Loading, ProblemBox, scrollRegion } from '../components/common';
import { Page } from '../components/page';
import { useApp, useGet } from '../context';
import { UUID, shortId, when } from '../format';
import { navigate, useLocation } from '../router';

export interface CaseSummary {
  caseId: string;
  revision: number;
  status: 'open' | 'closed';
  stage: string;
  region: string;
  municipality: string | null;
  openedAt: string;
  responsible: Record<string, { organisation: string; professional?: string; role?: string } | null>;
  meldplicht: { status: string; grounds: string[]; since?: string };
  flags: string[];
  nextCheckDue?: string | null;
}

interface CaseList {
  cases: CaseSummary[];
  next: string | null;
}

const REGIONS = Array.from({ length: 25 }, (_, i) => `VR${String(i + 1).padStart(2, '0')}`);
/** The filters of GET /cases, kept in the page's address so that Back returns to the same list. */
const FILTERS = ['region', 'organisation', 'status', 'openedFrom', 'openedTo', 'overdue', 'childKnownToVeiligThuis'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number] | 'cursor', string>>;

export function CasesPage() {
  const { t, w, lang, me } = useApp();
  const location = useLocation();
  const applied: Filters = Object.fromEntries([...FILTERS, 'cursor'].map((name) => [name, location.query.get(name) ?? undefined]));
  const [form, setForm] = useState<Filters>(applied);
  const inspector = me?.role === 'inspector';
  const list = useGet<CaseList>(`/cases${query({ ...applied, limit: 25 })}`);

  const set = (name: keyof Filters) => (event: Event) => {
    const target = event.target as HTMLInputElement;
    setForm({ ...form, [name]: target.type === 'checkbox' ? (target.checked ? 'true' : undefined) : target.value });
  };
  const apply = (filters: Filters) => navigate(`/cases${query(filters)}`);

  return (
    <Page title={t('casesTitle')}>
      <p>{t('casesIntro')}</p>
      <OpenById />
      <form
        class="filters"
        aria-labelledby="filters-heading"
        onSubmit={(event) => {
          event.preventDefault();
          apply({ ...form, cursor: undefined });
        }}
      >
        <h2 id="filters-heading">{t('filters')}</h2>
        <div class="filter-grid">
          {inspector && (
            <div class="field">
              <label for="f-region">{t('region')}</label>
              <select id="f-region" value={form.region ?? ''} onChange={set('region')}>
                <option value="">{t('anyRegion')}</option>
                {REGIONS.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </div>
          )}
          {inspector && (
            <div class="field">
              <label for="f-organisation">{t('organisation')}</label>
              <input id="f-organisation" type="text" value={form.organisation ?? ''} aria-describedby="f-organisation-help" onInput={set('organisation')} />
              <p id="f-organisation-help" class="help">
                {t('organisationHelp')}
              </p>
            </div>
          )}
          <div class="field">
            <label for="f-status">{t('status')}</label>
            <select id="f-status" value={form.status ?? ''} onChange={set('status')}>
              <option value="">{t('anyStatus')}</option>
              <option value="open">{w('status', 'open')}</option>
              <option value="closed">{w('status', 'closed')}</option>
            </select>
          </div>
          {inspector && (
            <div class="field">
              <label for="f-from">{t('openedFrom')}</label>
              <input id="f-from" type="date" value={form.openedFrom ?? ''} onInput={set('openedFrom')} />
            </div>
          )}
          {inspector && (
            <div class="field">
              <label for="f-to">{t('openedTo')}</label>
              <input id="f-to" type="date" value={form.openedTo ?? ''} onInput={set('openedTo')} />
            </div>
          )}
          <div class="field field-check">
            <input id="f-overdue" type="checkbox" checked={form.overdue === 'true'} onChange={set('overdue')} />
            <label for="f-overdue">{t('overdueOnly')}</label>
          </div>
          {me?.role === 'veilig-thuis' && (
            <div class="field field-check">
              <input id="f-known" type="checkbox" checked={form.childKnownToVeiligThuis === 'true'} onChange={set('childKnownToVeiligThuis')} />
              <label for="f-known">{t('childKnownOnly')}</label>
            </div>
          )}
        </div>
        <div class="actions">
          <button type="submit">{t('search')}</button>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setForm({});
              apply({});
            }}
          >
            {t('resetFilters')}
          </button>
        </div>
      </form>

      <section aria-labelledby="results-heading" aria-busy={list.loading}>
        <h2 id="results-heading">{list.data ? t('casesFound', { n: list.data.cases.length }) : t('casesTitle')}</h2>
        {list.loading && <Loading />}
        {list.error && <ProblemBox error={list.error} onRetry={list.reload} />}
        {list.data && list.data.cases.length === 0 && <p role="status">{t('noCases')}</p>}
        {list.data && list.data.cases.length > 0 && (
          <div class="table-wrap" {...scrollRegion(t('casesTitle'))}>
            <table class="cases">
              <caption class="sr-only">{t('casesTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('colCase')}</th>
                  <th scope="col">{t('region')}</th>
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('colStage')}</th>
                  <th scope="col">{t('colOpened')}</th>
                  <th scope="col">{t('colResponsible')}</th>
                  <th scope="col">{t('colFlags')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.cases.map((c) => (
                  <tr key={c.caseId} data-case-id={c.caseId}>
                    <th scope="row">
                      <Link to={`/cases/${c.caseId}`}>
                        <span class="sr-only">{t('colCase')} </span>
                        <code>{shortId(c.caseId)}</code>
                      </Link>
                    </th>
                    <td>{c.region}</td>
                    <td>{w('status', c.status)}</td>
                    <td>{w('stage', c.stage)}</td>
                    <td>{when(lang, c.openedAt)}</td>
                    <td>{c.responsible['zicht-op-veiligheid']?.organisation ?? t('nobody')}</td>
                    <td>{c.flags.length ? c.flags.map((f) => w('flag', f)).join('; ') : t('none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div class="actions">
          {applied.cursor && (
            <button type="button" class="secondary" onClick={() => apply({ ...applied, cursor: undefined })}>
              {t('firstPage')}
            </button>
          )}
          {list.data?.next && (
            <button type="button" onClick={() => apply({ ...applied, cursor: list.data!.next! })}>
              {t('nextPage')}
            </button>
          )}
        </div>
      </section>
    </Page>
  );
}

/** Straight to a case by its number (an inspector often has it from a complaint or a file). */
function OpenById() {
  const { t } = useApp();
  const [id, setId] = useState('');
  const [invalid, setInvalid] = useState(false);
  return (
    <form
      class="open-by-id"
      aria-labelledby="open-by-id-heading"
      onSubmit={(event) => {
        event.preventDefault();
        const given = id.trim();
        setInvalid(!UUID.test(given));
        if (UUID.test(given)) navigate(`/cases/${given.toLowerCase()}`);
      }}
    >
      <h2 id="open-by-id-heading">{t('openById')}</h2>
      <div class="field">
        <label for="case-id">{t('caseNumber')}</label>
        <input id="case-id" type="text" value={id} spellcheck={false} aria-describedby="case-id-help case-id-error" aria-invalid={invalid ? 'true' : undefined} onInput={(e) => setId((e.target as HTMLInputElement).value)} />
        <p id="case-id-help" class="help">
          {t('caseNumberHelp')}
        </p>
        <p id="case-id-error" class="field-error" aria-live="polite">
          {invalid ? t('invalidCaseId') : ''}
        </p>
      </div>
      <button type="submit">{t('open')}</button>
    </form>
  );
}
