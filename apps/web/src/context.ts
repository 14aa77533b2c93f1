import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { ApiContext, ApiError, getJson } from './api';
import { Lang, MessageKey, translate, word } from './i18n';

/** The principal of the key, as GET /me answers it. */
export interface Me {
  id: string;
  name: string;
  role: 'professional' | 'veilig-thuis' | 'inspector' | 'analyst' | 'admin';
  organisation: string;
  region?: string;
  beroepsgroep?: string;
}

export interface AppState {
  lang: Lang;
  me: Me | null;
  api: ApiContext;
  announce: (text: string) => void;
}

export const App = createContext<AppState>(null as unknown as AppState);

export function useApp(): AppState & {
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  w: (group: string, code: string) => string;
} {
  const state = useContext(App);
  return { ...state, t: (key, params) => translate(state.lang, key, params), w: (group, code) => word(state.lang, group, code) };
}

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** A GET of the API, again whenever the path (or the language) changes; the latest answer wins. */
export function useGet<T>(path: string | null): Loaded<T> {
  const { api } = useContext(App);
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: path !== null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    getJson<T>(api, path).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) => current && setState({ data: null, error: error instanceof ApiError ? error : new ApiError({ title: 'Error', status: 0, detail: String(error) }), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [path, api.key, api.lang, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
