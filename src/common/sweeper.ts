import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env.js';
import { Clock } from './clock.js';

export const PROCESS_ROLE = 'PROCESS_ROLE';

interface Task {
  name: string;
  run: () => Promise<unknown>;
}

/**
 * Periodic work that falls due by the clock (reminders, expiries): every OUTBOX_SWEEP_MS and at once when a test
 * moves the clock. Runs only in processes with the worker role; each task must be safe on several workers at
 * once (claim rows with SKIP LOCKED or a conditional UPDATE), since every worker sweeps.
 */
@Injectable()
export class Sweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Sweeper.name);
  private readonly tasks: Task[] = [];
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly config: ConfigService<Env, true>,
    @Inject(PROCESS_ROLE) private readonly role: { worker: boolean },
  ) {}

  every(name: string, run: () => Promise<unknown>): void {
    this.tasks.push({ name, run });
  }

  onApplicationBootstrap(): void {
    if (!this.role.worker) return;
    this.timer = setInterval(() => this.kick(), this.config.get('OUTBOX_SWEEP_MS'));
    this.clock.onChange(() => this.kick());
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs every task once now (tests and the demo call this to not wait for the next tick). */
  async runOnce(): Promise<void> {
    for (const task of this.tasks) {
      if (this.stopped) return;
      try {
        await task.run();
      } catch (error) {
        this.logger.warn(`sweep ${task.name} failed: ${(error as Error).message}`);
      }
    }
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runOnce().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }
}
