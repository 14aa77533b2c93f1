/**
 * The one way the app talks to the platform: same origin, the key from the session as a bearer
 * token (never in a URL), the app's language in Accept-Language so that problems come back in it.
 */
import type { Lang } from './i18n';

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail: string;
  rule?: string;
  errors?: { field: string; messages: string[] }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
}

export interface ApiContext {
  key: string | null;
  lang: Lang;
  /** Called when the server no longer knows the key (401): the session ends. */
  onUnauthorized?: () => void;
}

/** A query string of the parameters that are set (empty strings and undefined are left out). */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '' && value !== false) search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function problemOf(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Problem;
    if (body && typeof body.status === 'number') return body;
  } catch {
    // not a problem document
  }
  return { title: response.statusText || 'Error', status: response.status, detail: `HTTP ${response.status}` };
}

export async function request(ctx: ApiContext, path: string, accept = 'application/json', key = ctx.key): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept, 'Accept-Language': ctx.lang === 'nl' ? 'nl, en;q=0.5' : 'en, nl;q=0.5' };
  if (key) headers.Authorization = `Bearer ${key}`;
  let response: Response;
  try {
    response = await fetch(path, { headers, credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });
  } catch {
    throw new ApiError({ title: ctx.lang === 'nl' ? 'Geen verbinding' : 'No connection', status: 0, detail: ctx.lang === 'nl' ? 'De server is niet bereikbaar.' : 'The server cannot be reached.' });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && key === ctx.key) ctx.onUnauthorized?.();
    throw new ApiError(problem);
  }
  return response;
}

export async function getJson<T>(ctx: ApiContext, path: string): Promise<T> {
  return (await (await request(ctx, path)).json()) as T;
}

/** Fetches with the key and hands the answer to the browser as a file download. */
export async function download(ctx: ApiContext, path: string, accept: string, fallbackName: string): Promise<void> {
  const response = await request(ctx, path, accept);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
