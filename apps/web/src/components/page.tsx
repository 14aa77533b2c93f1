import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useApp } from '../context';

let firstPage = true;

/**
 * A page: its title in the tab and as the one h1, which takes the focus after a navigation so that
 * keyboard and screen-reader users start at the top of the new content.
 */
export function Page({ title, children }: { title: string; children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { t } = useApp();
  useEffect(() => {
    document.title = `${title} – ${t('appName')}`;
  }, [title]);
  useEffect(() => {
    if (firstPage) firstPage = false;
    else heading.current?.focus();
  }, []);
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </>
  );
}
