import { EnvError, validateEnv, type Env } from './env.js';

/** Reads the environment or stops the process with one line naming what to fix. */
export function loadEnvOrExit(raw: NodeJS.ProcessEnv = process.env): Env {
  try {
    return validateEnv(raw);
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
