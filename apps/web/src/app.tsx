import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ApiContext, ApiError, getJson } from './api';
import { Link, Loading } from './components/common';
import { App, AppState, Me } from './context';
import { Lang, storeLang, storedLang, translate, word } from './i18n';
import { AdminPage } from './pages/admin';
import { AnalyticsPage } from './pages/analytics';
import { CasePage } from './pages/case';
import { CasesPage } from './pages/cases';
import { NotFoundPage } from './pages/not-found';
import { SignInPage } from './pages/sign-in';
import { WorklistPage } from './pages/worklist';
import { match, navigate, useLocation } from './router';
import { forgetKey, rememberKey, storedKey } from './session';

/** Where each role starts, and what its menu holds (the server still decides what each may see). */
const MENUS: Record<Me['role'], { path: string; label: 'navCases' | 'navWorklist' | 'navAnalytics' | 'navAdmin' }[]> = {
  inspector: [{ path: '/cases', label: 'navCases' }],
  'veilig-thuis': [
    { path: '/worklist', label: 'navWorklist' },
    { path: '/cases', label: 'navCases' },
  ],
  professional: [
    { path: '/worklist', label: 'navWorklist' },
    { path: '/cases', label: 'navCases' },
  ],
  analyst: [{ path: '/analytics', label: 'navAnalytics' }],
  admin: [{ path: '/admin', label: 'navAdmin' }],
};

export function Root() {
  const [lang, setLang] = useState<Lang>(() => storedLang(window.localStorage));
  const [key, setKey] = useState<string | null>(() => storedKey(window.sessionStorage));
  const [me, setMe] = useState<Me | null>(null);
  const [ended, setEnded] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const location = useLocation();

  const signOut = useCallback((expired = false) => {
    forgetKey(window.sessionStorage);
    setKey(null);
    setMe(null);
    setEnded(expired);
  }, []);

  const api: ApiContext = useMemo(() => ({ key, lang, onUnauthorized: () => signOut(true) }), [key, lang, signOut]);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // The principal behind a key kept from before in this tab.
  useEffect(() => {
    if (key === null || me !== null) return;
    getJson<Me>(api, '/me').then(setMe, (error: unknown) => {
      if (!(error instanceof ApiError) || error.status !== 401) signOut(false);
    });
  }, [key]);

  const state: AppState = { lang, me, api, announce: setAnnouncement };
  const t = (k: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(lang, k, params);
  const switchLang = () => {
    const next: Lang = lang === 'nl' ? 'en' : 'nl';
    storeLang(window.localStorage, next);
    setLang(next);
  };

  const signedIn = (newKey: string, principal: Me) => {
    rememberKey(window.sessionStorage, newKey);
    setKey(newKey);
    setMe(principal);
    setEnded(false);
    const home = MENUS[principal.role][0].path;
    if (location.path === '/' || location.path === '') navigate(home, { replace: true });
  };

  let content;
  if (key === null) content = <SignInPage onSignedIn={signedIn} expired={ended} />;
  else if (me === null) content = <Loading />;
  else content = route(location.path, me);

  return (
    <App.Provider value={state}>
      <a class="skip-link" href="#main" onClick={(event) => {
        event.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        {t('skipToContent')}
      </a>
      <header class="site-header">
        <p class="brand">
          <Link to="/">{t('appName')}</Link>
        </p>
        {me && (
          <nav aria-label={t('mainNav')}>
            <ul>
              {MENUS[me.role].map((item) => (
                <li key={item.path}>
                  <Link to={item.path} aria-current={location.path.startsWith(item.path) ? 'page' : undefined}>
                    {t(item.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div class="header-tools">
          {me && (
            <p class="who">
              {t('signedInAs', { name: me.name, role: word(lang, 'role', me.role), organisation: me.organisation })}
            </p>
          )}
          <button type="button" class="lang-switch" lang={lang === 'nl' ? 'en' : 'nl'} aria-label={t('switchLanguageLabel')} onClick={switchLang}>
            {t('switchLanguage')}
          </button>
          {me && (
            <button type="button" onClick={() => { signOut(false); navigate('/'); }}>
              {t('signOut')}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {content}
      </main>
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </App.Provider>
  );
}

/** Sends the start address on to the role's first screen. */
function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading />;
}

function route(path: string, me: Me) {
  if (path === '/' || path === '') return <Redirect to={MENUS[me.role][0].path} />;
  if (match('/cases', path)) return <CasesPage />;
  const opened = match('/cases/:id', path);
  if (opened) return <CasePage key={opened.id} caseId={opened.id} />;
  if (match('/worklist', path)) return <WorklistPage />;
  if (match('/analytics', path)) return <AnalyticsPage />;
  if (match('/admin', path)) return <AdminPage />;
  return <NotFoundPage />;
}
