/** A small HTTP client for the demo: it speaks the public API only, like an integrating system. */
export class DemoClient {
  constructor(
    private readonly baseUrl: string,
    private readonly keys: Record<'professional' | 'veilig-thuis' | 'inspector', string>,
  ) {}

  async command(as: 'professional' | 'veilig-thuis', path: string, body: unknown): Promise<{ caseId: string; revision: number; events: { eventId: string; type: string }[]; conclusion?: string }> {
    const res = await this.send(as, 'POST', path, body);
    if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as never;
  }

  /** A command the platform must refuse; returns the rule that refused it. */
  async refused(as: 'professional' | 'veilig-thuis', path: string, body: unknown): Promise<string> {
    const res = await this.send(as, 'POST', path, body);
    if (res.status < 400) throw new Error(`POST ${path} should have been refused but answered ${res.status}`);
    return String((res.body as { rule?: string }).rule ?? res.status);
  }

  async read(as: 'professional' | 'veilig-thuis' | 'inspector', path: string): Promise<any> {
    const res = await this.send(as, 'GET', path);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    return res.body;
  }

  private async send(as: keyof DemoClient['keys'], method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.keys[as]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
}
