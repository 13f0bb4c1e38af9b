import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';

/**
 * Change notices for per-process caches: `publish(id)` tells every process (this one included) that a row changed,
 * `onChange(id)` runs in each when the notice arrives, and `onChange()` (no id) when the subscription comes back
 * after an outage (notices may have been missed, so nothing cached is trusted). Publishing is best effort: while
 * Redis is away the caches' short lifetime bounds how long a stale entry lives.
 */
export class ChangeBroadcast {
  private readonly logger: Logger;
  private subscriber?: Redis;

  constructor(
    private readonly redisUrl: string,
    private readonly publisher: Redis,
    private readonly channel: string,
    private readonly onChange: (id?: string) => void,
  ) {
    this.logger = new Logger(`ChangeBroadcast:${channel}`);
  }

  /** Subscribes, waiting at most 2 s (with Redis away it subscribes when Redis is back). */
  async start(): Promise<void> {
    // Its own connection (a subscribed connection runs no other commands); it queues the subscription while
    // Redis is away and subscribes again on every reconnect.
    const subscriber = new Redis(this.redisUrl, { maxRetriesPerRequest: null });
    this.subscriber = subscriber;
    let warned = false;
    let connected = false;
    subscriber.on('error', (error: Error) => {
      if (!warned) this.logger.warn(`change notices unavailable: ${error.message}`);
      warned = true;
    });
    subscriber.on('ready', () => {
      warned = false;
      if (connected) this.onChange();
      connected = true;
    });
    subscriber.on('message', (_channel: string, id: string) => this.onChange(id));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      subscriber.subscribe(this.channel).catch((error: Error) => {
        this.logger.warn(`could not subscribe to change notices: ${error.message}`);
      }),
      new Promise((resolve) => (timer = setTimeout(resolve, 2000))),
    ]);
    clearTimeout(timer);
  }

  /** After a committed change: forget it here at once, and tell the other processes. */
  async publish(id: string): Promise<void> {
    this.onChange(id);
    try {
      await this.publisher.publish(this.channel, id);
    } catch (error) {
      this.logger.warn(`change of ${id} not broadcast (Redis unavailable): ${(error as Error).message}`);
    }
  }

  stop(): void {
    this.subscriber?.disconnect();
  }
}
