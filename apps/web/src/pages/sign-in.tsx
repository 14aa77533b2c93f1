import { useState } from 'preact/hooks';
import { ApiError, getJson } from '../api';
import { ProblemBox } from '../components/common';
import { Page } from '../components/page';
import { Me, useApp } from '../context';

/** Sign-in with an API key: the key is checked by an authenticated call (GET /me) before it is kept. */
export function SignInPage({ onSignedIn, expired }: { onSignedIn: (key: string, me: Me) => void; expired: boolean }) {
  const { t, api } = useApp();
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const given = key.trim();
    setError(null);
    setMissing(given === '');
    if (given === '') return;
    setBusy(true);
    try {
      const me = await getJson<Me>({ ...api, key: given, onUnauthorized: undefined }, '/me');
      setKey('');
      onSignedIn(given, me);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ title: 'Error', status: 0, detail: String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('signInTitle')}>
      {expired && (
        <p class="notice" role="alert">
          {t('sessionEnded')}
        </p>
      )}
      <p>{t('signInIntro')}</p>
      <form class="sign-in" onSubmit={submit} noValidate>
        <div class="field">
          <label for="api-key">{t('apiKey')}</label>
          <input
            id="api-key"
            name="api-key"
            type="password"
            autoComplete="off"
            spellcheck={false}
            value={key}
            aria-describedby="api-key-help api-key-error"
            aria-invalid={missing ? 'true' : undefined}
            required
            onInput={(e) => setKey((e.target as HTMLInputElement).value)}
          />
          <p id="api-key-help" class="help">
            {t('apiKeyHelp')}
          </p>
          <p id="api-key-error" class="field-error" aria-live="polite">
            {missing ? t('keyRequired') : ''}
          </p>
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
      {error && <ProblemBox error={error} />}
    </Page>
  );
}
