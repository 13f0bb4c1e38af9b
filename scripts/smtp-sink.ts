import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SunkMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId?: string;
  headers: Record<string, string>;
  receivedAt: Date;
}

/**
 * A local SMTP server that accepts everything and keeps it in memory: the development mail sink of the demo
 * and the one the e2e tests read. `refuse(n)` makes it answer 451 to the next n messages (mail server down);
 * `hold()` keeps senders waiting mid-conversation until `release()`.
 */
export class SmtpSink {
  readonly messages: SunkMail[] = [];
  private server?: SMTPServer;
  private ignored = new Set<string>();
  private refusals = 0;
  private refusingAll = false;
  private listeners: Array<(mail: SunkMail) => void> = [];
  private holding = false;
  private readonly heldSessions: Array<() => void> = [];

  async start(port = 0, host = '127.0.0.1'): Promise<number> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onMailFrom: (_address, _session, callback) => {
        if (this.holding) this.heldSessions.push(() => callback());
        else callback();
      },
      onData: (stream, _session, callback) => {
        if (this.refusingAll || this.refusals > 0) {
          if (this.refusals > 0) this.refusals--;
          stream.resume();
          stream.on('end', () =>
            callback(Object.assign(new Error('Mail server busy, try later'), { responseCode: 451 })),
          );
          return;
        }
        simpleParser(stream)
          .then((parsed) => {
            const mail = toSunkMail(parsed);
            if (this.ignored.has(mail.headers['x-notification-type'] ?? '')) return callback();
            this.messages.push(mail);
            this.listeners.forEach((listener) => listener(mail));
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    return (this.server.server.address() as AddressInfo).port;
  }

  /**
   * Accepts but does not keep messages of these notification types (X-Notification-Type), e.g. the welcome
   * e-mails every registration sends, for a test that counts what else an applicant gets.
   */
  ignoreTypes(types: string[]): this {
    types.forEach((type) => this.ignored.add(type));
    return this;
  }

  refuse(count: number): void {
    this.refusals = count;
  }

  /** Leaves senders waiting after MAIL FROM (a slow server): messages in flight, none accepted. */
  hold(): void {
    this.holding = true;
  }

  /** How many senders are waiting in `hold()`. */
  get held(): number {
    return this.heldSessions.length;
  }

  release(): void {
    this.holding = false;
    this.heldSessions.splice(0).forEach((resume) => resume());
  }

  refuseAll(on: boolean): void {
    this.refusingAll = on;
  }

  onMail(listener: (mail: SunkMail) => void): void {
    this.listeners.push(listener);
  }

  to(address: string): SunkMail[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()));
  }

  clear(): void {
    this.messages.length = 0;
  }

  async waitFor(predicate: (mails: SunkMail[]) => boolean, timeoutMs = 15000): Promise<SunkMail[]> {
    const started = Date.now();
    while (!predicate(this.messages)) {
      if (Date.now() - started > timeoutMs) {
        throw new Error(
          `SMTP sink: condition not met after ${timeoutMs} ms (${this.messages.length} messages)`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.messages;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }
}

function toSunkMail(parsed: ParsedMail): SunkMail {
  const addresses = (field: ParsedMail['to']) =>
    (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) =>
      a.value.map((v) => (v.address ?? '').toLowerCase()),
    );
  const headers: Record<string, string> = {};
  parsed.headers.forEach((value, key) => {
    headers[key] = typeof value === 'string' ? value : JSON.stringify(value);
  });
  return {
    to: [...addresses(parsed.to), ...addresses(parsed.cc)],
    from: parsed.from?.text ?? '',
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    messageId: parsed.messageId,
    headers,
    receivedAt: new Date(),
  };
}
