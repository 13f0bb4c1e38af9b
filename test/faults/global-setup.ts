import { execFileSync } from 'node:child_process';

/** The fault suite runs the real entry points from dist/; it starts its own servers, so only a build is needed. */
export default function globalSetup(): void {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
