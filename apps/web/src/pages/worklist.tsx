import { useState } from 'preact/hooks';
import { Badge, English, Link, Loading, ProblemBox, scrollRegion } from '../components/common';
import { Page } from '../components/page';
import { useApp, useGet } from '../context';
import { shortId, when } from '../format';
import { workingDaysText } from '../i18n';

export interface WorklistItem {
  kind: string;
  caseId: string;
  dueDate: string;
  /** Veilig Thuis' deadlines: the instant (judged in Europe/Amsterdam) and the working days left. */
  dueAt?: string;
  workingDaysLeft?: number;
  overdue: boolean;
  holder: { organisation: string } | null;
  description: string;
}

interface Worklist {
  asOf: string;
  dueBy: string;
  items: WorklistItem[];
}

const HORIZONS = [7, 14, 30, 90];

export function WorklistPage() {
  const { t, lang } = useApp();
  const [days, setDays] = useState(14);
  const list = useGet<Worklist>(`/worklist?days=${days}`);
  const overdue = list.data?.items.filter((i) => i.overdue) ?? [];
  const due = list.data?.items.filter((i) => !i.overdue) ?? [];
  return (
    <Page title={t('worklistTitle')}>
      <p>{t('worklistIntro')}</p>
      <div class="field inline">
        <label for="horizon">{t('horizon')}</label>
        <select id="horizon" value={String(days)} onChange={(e) => setDays(Number((e.target as HTMLSelectElement).value))}>
          {HORIZONS.map((n) => (
            <option key={n} value={String(n)}>
              {t('horizonDays', { n })}
            </option>
          ))}
        </select>
      </div>
      {list.loading && <Loading />}
      {list.error && <ProblemBox error={list.error} onRetry={list.reload} />}
      {list.data && (
        <>
          <p>{t('worklistAsOf', { asOf: when(lang, list.data.asOf) })}</p>
          <Items id="overdue" title={t('overdueItems')} empty={t('noOverdue')} items={overdue} />
          <Items id="due" title={t('dueItems')} empty={t('noDue')} items={due} />
        </>
      )}
    </Page>
  );
}

function Items({ id, title, empty, items }: { id: string; title: string; empty: string; items: WorklistItem[] }) {
  const { t, w, lang } = useApp();
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {title} ({items.length})
      </h2>
      {items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <div class="table-wrap" {...scrollRegion(title)}>
          <table class="worklist" id={`${id}-items`}>
            <caption class="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('colCase')}</th>
                <th scope="col">{t('dueAt')}</th>
                <th scope="col">{t('workingDaysLeft')}</th>
                <th scope="col">{t('holder')}</th>
                <th scope="col">{t('description')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, n) => (
                <tr key={`${item.caseId}-${item.kind}-${n}`} data-kind={item.kind} data-overdue={String(item.overdue)}>
                  <th scope="row">
                    {item.overdue ? <Badge tone="bad">{w('worklist', item.kind)}</Badge> : w('worklist', item.kind)}
                  </th>
                  <td>
                    <Link to={`/cases/${item.caseId}`}>
                      <span class="sr-only">{t('colCase')} </span>
                      <code>{shortId(item.caseId)}</code>
                    </Link>
                  </td>
                  <td>{when(lang, item.dueAt ?? item.dueDate)}</td>
                  <td class="working-days">{item.workingDaysLeft === undefined ? '–' : workingDaysText(lang, item.workingDaysLeft)}</td>
                  <td>{item.holder?.organisation ?? t('nobody')}</td>
                  <td>
                    <English>{item.description}</English>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
