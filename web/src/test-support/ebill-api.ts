// Starts a real ebill-api for the page's client tests (on 127.0.0.1, a free
// port, a fresh SQLite file unless `env` says otherwise) and stops it.
// The binary is EBILL_API_BIN (ctest sets it), else ../build/api/ebill-api.
// When there is none: under CI=true `apiBinary()` throws; elsewhere it says
// so on stderr and returns null (the suite reports itself skipped).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export function apiBinary(): string | null {
  const bin = process.env.EBILL_API_BIN || fileURLToPath(new URL('../../../build/api/ebill-api', import.meta.url));
  if (existsSync(bin)) return resolve(bin);
  const why = `no ebill-api at ${bin} (build it, or set EBILL_API_BIN)`;
  if (process.env.CI === 'true') throw new Error(`${why}: CI=true requires the tests against the real API`);
  console.error(`SKIPPED: the API client's tests against ebill-api: ${why}`);
  return null;
}

export interface RunningApi { base: string; stop(): Promise<void> }

/** Polls `${base}/readyz` until it answers 200 (the database is open and migrated), at most 15 s. */
async function untilReady(base: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const status = await fetch(`${base}/readyz`).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`ebill-api: /readyz still ${status} after 15 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts `bin` with `env` added and resolves once it prints "listening on HOST:PORT" and, unless `ready` is
 * false (a database that is meant to be down), once /readyz answers 200.
 */
export async function startApi(bin: string, env: Record<string, string>, ready = true): Promise<RunningApi> {
  const work = mkdtempSync(join(tmpdir(), 'ebill-web-api-'));
  const child: ChildProcess = spawn(bin, [], {
    cwd: work,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', API_THREADS: '1', LOG_LEVEL: 'error', APP_TZ: 'Asia/Shanghai',
      SQLITE_PATH: join(work, 'ebill.db'), WEB_ROOT: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const address = await new Promise<string>((ok, bad) => {
      const timer = setTimeout(() => bad(new Error('ebill-api: no "listening on" within 15 s')), 15_000);
      child.once('error', bad);
      child.once('exit', (code) => bad(new Error(`ebill-api exited with ${code} before listening`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const m = /^listening on (\S+:\d+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          ok(m[1]);
        }
      });
    });
    const base = `http://${address}`;
    if (ready) await untilReady(base);
    return { base, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
