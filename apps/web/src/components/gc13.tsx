import { useApp } from '../context';
import { when } from '../format';
import { Badge, English, scrollRegion } from './common';

type Party = { organisation: string; professional?: string; role?: string } | null;

export interface Accountability {
  revision: number;
  status: string;
  asOf: string;
  responsible: {
    current: Record<string, Party>;
    timeline: { scope: string; party: NonNullable<Party>; from: string; until: string | null; via: string }[];
    gaps: { scope: string; from: string; until: string | null }[];
  };
  plan: {
    mode: string;
    decidedBy: string;
    decidedAt: string;
    responsible: NonNullable<Party>;
    aims: string[];
    discussedWith: string[];
    childInvolvement: Involvement | null;
  } | null;
  childConversations?: Involvement[];
  interventions: {
    kind: string;
    provider?: string;
    startsOn?: string;
    deadline: string;
    intendedDurationWeeks?: number;
    status?: string;
    overdue: boolean;
    doneAt?: string | null;
    runsPastDeadline?: boolean;
  }[];
  evaluation: {
    method?: string;
    intervalDays?: number;
    nextCheckDue: string | null;
    overdue: boolean;
    monitoringHeldBy?: Party;
    norm?: { id: string; version: string; maxIntervalDays: number; minDurationDays: number };
    checks: { eventId: string; occurredAt: string; safety: string; helpEffective: boolean; wasDue: string; onTime: boolean }[];
  } | null;
}

interface Involvement {
  type: 'child-heard' | 'child-not-heard';
  moment: string;
  occurredAt: string;
  heardAlone?: boolean;
  interviewerTrained?: boolean;
  reason?: string;
  revisitBy?: string;
}

export interface Compliance {
  checks: { id: string; status: string; evidence: string[]; explanation: string }[];
}

const SCOPES = ['zicht-op-veiligheid', 'hulp', 'monitoring'];

function partyText(party: Party, nobody: string): string {
  if (!party) return nobody;
  return [party.organisation, party.role, party.professional].filter(Boolean).join(' · ');
}

/** The four questions of General Comment 13 par. 53, as one answer (now, or as the record stood then). */
export function AccountabilityView({ data, idPrefix }: { data: Accountability; idPrefix: string }) {
  const { t, w, lang } = useApp();
  const involvement = (i: Involvement) =>
    i.type === 'child-heard'
      ? `${w('event', 'child-heard')} (${i.moment}, ${when(lang, i.occurredAt)})${i.heardAlone ? `, ${t('heardAlone')}` : ''}${i.interviewerTrained === undefined ? '' : `, ${i.interviewerTrained ? t('trainedInterviewer') : t('untrainedInterviewer')}`}`
      : `${i.moment}, ${when(lang, i.occurredAt)}: ${t('notHeardBecause', { reason: w('reason', i.reason ?? ''), date: when(lang, i.revisitBy) })}`;
  return (
    <div class="gc13">
      <h3 id={`${idPrefix}-a`}>{t('gcA')}</h3>
      <table class="kv" aria-labelledby={`${idPrefix}-a`}>
        <caption class="sr-only">{t('currentlyResponsible')}</caption>
        <tbody>
          {SCOPES.map((scope) => (
            <tr key={scope} data-scope={scope}>
              <th scope="row">{w('scope', scope)}</th>
              <td>{partyText(data.responsible.current[scope] ?? null, t('nobody'))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.responsible.timeline.length > 0 && (
        <details>
          <summary>{t('responsibilityTimeline')}</summary>
          <div class="table-wrap" {...scrollRegion(t('responsibilityTimeline'))}>
            <table>
              <caption class="sr-only">{t('responsibilityTimeline')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('scope')}</th>
                  <th scope="col">{t('party')}</th>
                  <th scope="col">{t('from')}</th>
                  <th scope="col">{t('until')}</th>
                  <th scope="col">{t('via')}</th>
                </tr>
              </thead>
              <tbody>
                {data.responsible.timeline.map((p, i) => (
                  <tr key={i}>
                    <td>{w('scope', p.scope)}</td>
                    <td>{partyText(p.party, t('nobody'))}</td>
                    <td>{when(lang, p.from)}</td>
                    <td>{p.until ? when(lang, p.until) : '–'}</td>
                    <td>{w('via', p.via)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      {data.responsible.gaps.length === 0 ? (
        <p>{t('noGaps')}</p>
      ) : (
        <>
          <p>
            <Badge tone="bad">{t('gaps')}</Badge>
          </p>
          <ul>
            {data.responsible.gaps.map((g, i) => (
              <li key={i}>
                {w('scope', g.scope)}: {when(lang, g.from)} – {g.until ? when(lang, g.until) : t('latest')}
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>{t('gcB')}</h3>
      {data.plan === null ? (
        <p>{t('noPlan')}</p>
      ) : (
        <dl class="kv-list">
          <dt>{t('aims')}</dt>
          <dd>
            <ul>
              {data.plan.aims.map((aim, i) => (
                <li key={i}>{aim}</li>
              ))}
            </ul>
          </dd>
          <dt>{t('mode')}</dt>
          <dd>{w('mode', data.plan.mode)}</dd>
          <dt>{t('decidedBy')}</dt>
          <dd>
            {w('decidedBy', data.plan.decidedBy)}, {when(lang, data.plan.decidedAt)}
          </dd>
          <dt>{t('party')}</dt>
          <dd>{partyText(data.plan.responsible, t('nobody'))}</dd>
          <dt>{t('discussedWith')}</dt>
          <dd>{data.plan.discussedWith.length ? data.plan.discussedWith.join(', ') : t('none')}</dd>
          <dt>{t('childInvolvement')}</dt>
          <dd>{data.plan.childInvolvement ? involvement(data.plan.childInvolvement) : t('none')}</dd>
        </dl>
      )}
      {data.childConversations && data.childConversations.length > 0 && (
        <>
          <h4>{t('childConversations')}</h4>
          <ul>
            {data.childConversations.map((c, i) => (
              <li key={i}>{involvement(c)}</li>
            ))}
          </ul>
        </>
      )}

      <h3 id={`${idPrefix}-c`}>{t('gcC')}</h3>
      {data.interventions.length === 0 ? (
        <p>{t('noInterventions')}</p>
      ) : (
        <div class="table-wrap" {...scrollRegion(t('gcC'))}>
          <table aria-labelledby={`${idPrefix}-c`}>
            <thead>
              <tr>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('provider')}</th>
                <th scope="col">{t('startsOn')}</th>
                <th scope="col">{t('deadline')}</th>
                <th scope="col">{t('duration')}</th>
                <th scope="col">{t('interventionStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {data.interventions.map((i, n) => (
                <tr key={n} data-kind={i.kind}>
                  <td>{w('worklist', i.kind)}</td>
                  <td>{i.provider ?? '–'}</td>
                  <td>{i.startsOn ? when(lang, i.startsOn) : '–'}</td>
                  <td>{when(lang, i.deadline)}</td>
                  <td>{i.intendedDurationWeeks !== undefined ? t('weeks', { n: i.intendedDurationWeeks }) : '–'}</td>
                  <td>
                    {i.doneAt ? <Badge tone="good">{t('done', { date: when(lang, i.doneAt) })}</Badge> : i.overdue ? <Badge tone="bad">{t('overdue')}</Badge> : <Badge tone="neutral">{t('onTime')}</Badge>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3 id={`${idPrefix}-d`}>{t('gcD')}</h3>
      {data.evaluation === null ? (
        <p>{t('noEvaluation')}</p>
      ) : (
        <>
          <dl class="kv-list">
            {data.evaluation.method && (
              <>
                <dt>{t('method')}</dt>
                <dd>{data.evaluation.method}</dd>
              </>
            )}
            {data.evaluation.intervalDays !== undefined && (
              <>
                <dt>{t('interval')}</dt>
                <dd>{t('days', { n: data.evaluation.intervalDays })}</dd>
              </>
            )}
            <dt>{t('nextCheckDue')}</dt>
            <dd>
              {when(lang, data.evaluation.nextCheckDue)} {data.evaluation.overdue ? <Badge tone="bad">{t('overdue')}</Badge> : null}
            </dd>
            {data.evaluation.monitoringHeldBy !== undefined && (
              <>
                <dt>{t('monitoringHeldBy')}</dt>
                <dd>{partyText(data.evaluation.monitoringHeldBy ?? null, t('nobody'))}</dd>
              </>
            )}
            {data.evaluation.norm && (
              <>
                <dt>{t('norm')}</dt>
                <dd>
                  {t('normText', { id: data.evaluation.norm.id, version: data.evaluation.norm.version, max: data.evaluation.norm.maxIntervalDays, min: data.evaluation.norm.minDurationDays })}
                </dd>
              </>
            )}
          </dl>
          <h4>{t('checks')}</h4>
          {data.evaluation.checks.length === 0 ? (
            <p>{t('noChecks')}</p>
          ) : (
            <ul>
              {data.evaluation.checks.map((c) => (
                <li key={c.eventId}>
                  {when(lang, c.occurredAt)}: {t('safety')} {w('safety', c.safety)}, {t('helpEffective')} {c.helpEffective ? t('yes') : t('no')},{' '}
                  {c.onTime ? t('onTime') : t('overdue')}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

const TONES: Record<string, 'good' | 'bad' | 'warn' | 'neutral'> = { met: 'good', 'not-met': 'bad', pending: 'warn', 'not-applicable': 'neutral' };

export function ComplianceView({ data, caption }: { data: Compliance; caption: string }) {
  const { t, w } = useApp();
  return (
    <div class="table-wrap" {...scrollRegion(caption)}>
      <table class="compliance">
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('complianceNorm')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('complianceExplanation')}</th>
            <th scope="col">{t('complianceEvidence')}</th>
          </tr>
        </thead>
        <tbody>
          {data.checks.map((c) => (
            <tr key={c.id} data-check={c.id}>
              <th scope="row">{w('compliance', c.id)}</th>
              <td>
                <Badge tone={TONES[c.status] ?? 'neutral'}>{w('complianceStatus', c.status)}</Badge>
              </td>
              <td>
                <English>{c.explanation}</English>
              </td>
              <td>{t('evidenceCount', { n: c.evidence.length })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
