import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api';
import { useApp } from '../context';
import { href, navigate } from '../router';

/** A link inside the app: a real href (new tab, copy link), navigated in place on a plain click. */
export function Link({ to, children, class: className, ...rest }: { to: string; children: ComponentChildren; class?: string; 'aria-current'?: 'page' | undefined }) {
  return (
    <a
      href={href(to)}
      class={className}
      {...rest}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

/** A loading message for screen readers and eyes alike. */
export function Loading() {
  const { t } = useApp();
  return (
    <p class="loading" role="status">
      {t('loading')}
    </p>
  );
}

/** A problem from the server, as the server put it (in the app's language), with its rule and fields. */
export function ProblemBox({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useApp();
  const p = error.problem;
  return (
    <div class="problem" role="alert">
      <p>
        <strong>
          {t('errorPrefix')} {p.status || ''}: {p.title}
        </strong>
      </p>
      <p>{p.detail}</p>
      {p.rule && (
        <p>
          <code>{p.rule}</code>
        </p>
      )}
      {p.errors && (
        <ul>
          {p.errors.map((e) => (
            <li key={e.field}>
              <code>{e.field}</code>: <span lang="en">{e.messages.join('; ')}</span>
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** A status as a badge that says it in words, never by colour alone. */
export function Badge({ tone, children }: { tone: 'good' | 'bad' | 'warn' | 'neutral'; children: ComponentChildren }) {
  const mark = tone === 'good' ? '✓' : tone === 'bad' ? '✗' : tone === 'warn' ? '!' : '•';
  return (
    <span class={`badge badge-${tone}`}>
      <span aria-hidden="true">{mark} </span>
      {children}
    </span>
  );
}

/** Text that comes from the server in English, marked so for screen readers. */
export function English({ children }: { children: ComponentChildren }) {
  return <span lang="en">{children}</span>;
}

/**
 * The props of a table's scroll container (`.table-wrap` scrolls sideways on a narrow screen): a
 * keyboard user can focus it to scroll it (WCAG 2.1.1, axe's scrollable-region-focusable), and a
 * screen reader names the table it holds.
 */
export function scrollRegion(label: string) {
  return { role: 'region', 'aria-label': label, tabIndex: 0 } as const;
}
