// The `web: e2e` ctest: sets up the real parts and runs dashboard.test.mjs.
//
//   node tests/web/e2e/run.mjs --api build/api/ebill-api --sim build/tests/sim/ebill-meter-sim \
//        --collector build/collector/ebill-collector [--build-dir build]
//
// 1. writes the known series (fixture.mjs) and loads it with `ebill-collector import`
//    into a fresh SQLite file (the storage layer's own write path);
// 2. starts ebill-meter-sim and an ebill-api on it: meters E2EA (一楼) and
//    E2EB (二楼), FETCH_TOKEN set, /fetch pointed at the simulator, the clock
//    pinned at the fixture's NOW (EBILL_API_TEST_NOW), serving web/dist; the
//    simulator's clock is frozen (--speed 0) so its page is known during the run;
// 3. starts a second ebill-api with no meters and an empty database, and a
//    third on the series serving a copy of web/dist (pwa.test.mjs upgrades it);
//    one on 1,000 meters (fleet-fixture.mjs) and one on 14 months of one meter
//    (calendar-fixture.mjs);
// 4. starts one with ACCESS_MODE=shared on the series and makes a share
//    link of E2EA with `ebill-api share create` (access.test.mjs);
// 5. runs `node --test` on the overview, calendar, dashboard, pwa and access
//    tests (the dashboard stops the first API last) and exits with its status.
//    Every process it started is stopped.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { NOW, TZ } from './fixture.mjs';
import { fleetCsv, fleetMeters } from './fleet-fixture.mjs';
import { CAL_METER, calendarCsv } from './calendar-fixture.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SOURCE_DIR = resolve(here, '../../..');

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const bin = { api: arg('--api'), sim: arg('--sim'), collector: arg('--collector') };
if (bin.api && bin.sim && bin.collector) for (const k of Object.keys(bin)) bin[k] = resolve(bin[k]);
else {
  console.error('usage: run.mjs --api EBILL_API --sim EBILL_METER_SIM --collector EBILL_COLLECTOR [--build-dir DIR]');
  process.exit(2);
}
const buildDir = resolve(arg('--build-dir') ?? join(SOURCE_DIR, 'build'));
const work = mkdtempSync(join(tmpdir(), 'ebill-e2e-run-'));
const children = [];

/** Starts `cmd` and resolves with "HOST:PORT" from its first "listening on" line. */
function startServer(name, cmd, args, env) {
  const child = spawn(cmd, args, { cwd: work, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  child.stderr.on('data', (d) => process.stderr.write(`[${name}] ${d}`));
  return new Promise((ok, bad) => {
    const timer = setTimeout(() => bad(new Error(`${name}: no "listening on" within 15 s`)), 15_000);
    child.on('exit', (code) => bad(new Error(`${name} exited with ${code} before listening`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^listening on (\S+:\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        ok({ child, address: m[1] });
      }
    });
  });
}

function stopAll() {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
}

async function main() {
  const t0 = Date.now();
  const fx = spawnSync(process.execPath, [join(here, 'fixture.mjs'), '--out', work], { stdio: 'inherit' });
  if (fx.status !== 0) throw new Error('fixture.mjs failed');

  const dist = join(SOURCE_DIR, 'web', 'dist');
  const common = { APP_TZ: TZ, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', API_THREADS: '2', WEB_ROOT: dist };
  const dbPath = join(work, 'ebill.db');
  const seeded = spawnSync(bin.collector, ['import', join(work, 'readings.csv')],
    { cwd: work, env: { ...process.env, APP_TZ: TZ, LOG_LEVEL: 'warn', SQLITE_PATH: dbPath }, stdio: 'inherit' });
  if (seeded.status !== 0) throw new Error(`ebill-collector import failed: ${seeded.error?.message ?? seeded.status}`);

  const sim = await startServer('sim', bin.sim, ['--host', '127.0.0.1', '--port', '0', '--threads', '1', '--tz', TZ, '--speed', '0'], {});
  const token = randomBytes(12).toString('hex');
  const series = { SQLITE_PATH: dbPath, METERS: 'E2EA:一楼,E2EB:二楼', EBILL_API_TEST_NOW: NOW };
  const api = await startServer('api', bin.api, [], {
    ...common, ...series, FETCH_TOKEN: token, METER_SOURCE_URL: `http://${sim.address}/nat/pay.aspx?mid={meter}`,
  });
  const empty = await startServer('api-empty', bin.api, [], { ...common, SQLITE_PATH: join(work, 'empty.db') });
  const pwaRoot = join(work, 'pwa-root');
  cpSync(dist, pwaRoot, { recursive: true });
  const pwa = await startServer('api-pwa', bin.api, [], { ...common, ...series, WEB_ROOT: pwaRoot });

  // access.test.mjs: ACCESS_MODE=shared on the series, with a share link of
  // E2EA made by `ebill-api share create` (the meter table is the first API's).
  const adminToken = randomBytes(12).toString('hex');
  const shared = await startServer('api-shared', bin.api, [], {
    ...common, ...series, ACCESS_MODE: 'shared', ADMIN_TOKEN: adminToken,
  });
  const share = spawnSync(bin.api, ['share', 'create', 'E2EA', '--label', '一楼租客'],
    { cwd: work, env: { ...process.env, ...common, ...series }, encoding: 'utf8' });
  if (share.status !== 0) throw new Error(`ebill-api share create failed: ${share.stderr}`);

  // A series of its own in a database of its own: the CSV through `ebill-collector import`.
  const seedDb = (name, csv) => {
    const db = join(work, `${name}.db`);
    writeFileSync(join(work, `${name}.csv`), csv);
    const r = spawnSync(bin.collector, ['import', join(work, `${name}.csv`)],
      { cwd: work, env: { ...process.env, APP_TZ: TZ, LOG_LEVEL: 'warn', SQLITE_PATH: db }, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`ebill-collector import of ${name}.csv failed`);
    return db;
  };
  // overview.test.mjs: 1,000 meters; calendar.test.mjs: one meter, 2025-01-01 … today.
  const fleet = await startServer('api-fleet', bin.api, [], {
    ...common, SQLITE_PATH: seedDb('fleet', fleetCsv()), METERS: fleetMeters(), EBILL_API_TEST_NOW: NOW,
    ALERT_STALE_MINUTES: '240',
  });
  const cal = await startServer('api-calendar', bin.api, [], {
    ...common, SQLITE_PATH: seedDb('calendar', calendarCsv()), METERS: `${CAL_METER.id}:${CAL_METER.name}`,
    EBILL_API_TEST_NOW: NOW,
  });

  const files = ['overview.test.mjs', 'calendar.test.mjs', 'dashboard.test.mjs', 'pwa.test.mjs', 'access.test.mjs'].map((f) => join(here, f));
  const test = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
    stdio: 'inherit',
    env: {
      ...process.env,
      EBILL_BUILD_DIR: buildDir,
      EBILL_E2E_BASE_URL: `http://${api.address}/`,
      EBILL_E2E_FIXTURE: join(work, 'fixture.json'),
      EBILL_E2E_FETCH_TOKEN: token,
      EBILL_E2E_SIM_URL: `http://${sim.address}/`,
      EBILL_E2E_STOP_CMD: `kill -TERM ${api.child.pid}`,
      EBILL_E2E_EMPTY_BASE_URL: `http://${empty.address}/`,
      EBILL_E2E_PWA_BASE_URL: `http://${pwa.address}/`,
      EBILL_E2E_PWA_ROOT: pwaRoot,
      EBILL_E2E_FLEET_BASE_URL: `http://${fleet.address}/`,
      EBILL_E2E_CAL_BASE_URL: `http://${cal.address}/`,
      EBILL_E2E_SHARED_BASE_URL: `http://${shared.address}/`,
      EBILL_E2E_ADMIN_TOKEN: adminToken,
      EBILL_E2E_SHARE_PATH: share.stdout.trim(),
    },
  });
  const code = await new Promise((ok) => test.on('exit', (c, sig) => ok(c ?? (sig ? 1 : 0))));
  console.log(`web e2e: ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return code;
}

let status = 1;
try {
  status = await main();
} catch (e) {
  console.error(`web e2e: ${e.message}`);
} finally {
  stopAll();
  rmSync(work, { recursive: true, force: true });
}
process.exit(status);
