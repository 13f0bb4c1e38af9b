import { randomUUID } from 'node:crypto';
import { PDF } from '../helpers/files.js';
import { sleep } from './cluster.js';

/** One HTTP exchange as the client saw it: when it started and ended, and the status (0 = no answer). */
export interface Exchange {
  method: string;
  path: string;
  startedAt: number;
  endedAt: number;
  status: number;
  error?: string;
  body?: string;
}

/** What the API acknowledged: these writes must be in the database, with their notification, afterwards. */
export interface Acknowledged {
  invitedEmails: string[];
  registeredEmails: string[];
  submittedApplicationIds: string[];
}

const PASSWORD = 'cello og kaffe om morgenen';

/**
 * Virtual users writing through the real API until stopped: staff inviting jurors (an invitation e-mail each)
 * and applicants registering, drafting, uploading and submitting ("application received" e-mail each).
 * Bounded: stops at `stop()`, at `maxRequests`, or after `maxMs`, whichever comes first.
 */
export class Load {
  readonly exchanges: Exchange[] = [];
  readonly acknowledged: Acknowledged = {
    invitedEmails: [],
    registeredEmails: [],
    submittedApplicationIds: [],
  };
  private stopping = false;
  private running: Promise<void>[] = [];
  private started = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly staffToken: string,
    private readonly intakeId: string,
    private readonly birthDate: string,
    /** Marks the address verified, as the link in the verification e-mail would (tested in the accounts specs). */
    private readonly verifyEmail: (email: string) => Promise<void>,
    private readonly options = { users: 6, maxRequests: 20000, maxMs: 240_000 },
  ) {}

  start(): void {
    this.started = Date.now();
    this.running = Array.from({ length: this.options.users }, (_, i) => this.user(i));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running);
  }

  private get done(): boolean {
    return (
      this.stopping ||
      this.exchanges.length >= this.options.maxRequests ||
      Date.now() - this.started > this.options.maxMs
    );
  }

  private async user(index: number): Promise<void> {
    for (let round = 0; !this.done; round++) {
      try {
        if ((round + index) % 3 === 0) await this.applicantFlow();
        else await this.invite();
      } catch {
        // A refused step ends that flow; the exchange is recorded. Don't spin while the server is away.
        await sleep(200);
      }
    }
  }

  private async invite(): Promise<void> {
    const email = `juror-${randomUUID().slice(0, 12)}@example.dk`;
    await this.call(
      'POST',
      '/api/users',
      { email, name: 'Lars Nielsen', role: 'juror' },
      this.staffToken,
      201,
    );
    this.acknowledged.invitedEmails.push(email);
  }

  private async applicantFlow(): Promise<void> {
    const email = `applicant-${randomUUID().slice(0, 12)}@example.dk`;
    await this.call(
      'POST',
      '/api/auth/register',
      {
        email,
        password: PASSWORD,
        name: 'Maja Jensen',
        birthDate: this.birthDate,
      },
      undefined,
      201,
    );
    this.acknowledged.registeredEmails.push(email);
    // Only a verified applicant may submit; a refusal here (the database away) ends the flow like any step.
    await this.verifyEmail(email);
    const login = await this.call('POST', '/api/auth/login', { email, password: PASSWORD }, undefined, 200);
    const token = (login as { accessToken: string }).accessToken;
    const draft = (await this.call(
      'POST',
      '/api/applications',
      {
        intakeId: this.intakeId,
        track: 'production',
        mainSubject: 'elektronisk musik',
        motivation: 'Jeg producerer.',
      },
      token,
      201,
    )) as { id: string };
    for (const [kind, name] of [
      ['work', 'nummer-1.pdf'],
      ['work', 'nummer-2.pdf'],
      ['cv', 'cv.pdf'],
    ]) {
      const form = new FormData();
      form.set('kind', kind);
      form.set('file', new Blob([PDF], { type: 'application/pdf' }), name);
      await this.call('POST', `/api/applications/${draft.id}/materials`, form, token, 201);
    }
    await this.call('POST', `/api/applications/${draft.id}/submit`, undefined, token, 200);
    this.acknowledged.submittedApplicationIds.push(draft.id);
  }

  private async call(
    method: string,
    path: string,
    body: unknown,
    token: string | undefined,
    expected: number,
  ): Promise<unknown> {
    const exchange: Exchange = { method, path, startedAt: Date.now(), endedAt: 0, status: 0 };
    this.exchanges.push(exchange);
    try {
      const headers: Record<string, string> = {};
      if (token) headers.Authorization = `Bearer ${token}`;
      if (body !== undefined && !(body instanceof FormData)) headers['Content-Type'] = 'application/json';
      const res = await fetch(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(20000),
      });
      exchange.status = res.status;
      const text = await res.text();
      exchange.endedAt = Date.now();
      if (res.status !== expected) {
        exchange.body = text.slice(0, 300);
        throw new Error(`${method} ${path} → ${res.status}`);
      }
      return text ? JSON.parse(text) : undefined;
    } catch (error) {
      exchange.endedAt ||= Date.now();
      exchange.error ??= (error as Error).message;
      throw error;
    }
  }
}
