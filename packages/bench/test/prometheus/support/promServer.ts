import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A Prometheus server of our own: its URL, process id and how to stop it. */
export interface PromServer {
  readonly url: string;
  readonly pid: number;
  readonly dir: string;
  stop(): Promise<void>;
}

async function which(cmd: string): Promise<string> {
  try {
    const { stdout } = await run('sh', ['-c', `command -v ${cmd}`]);
    return stdout.trim();
  } catch {
    throw new Error(`${cmd} not found on PATH: install the Debian package "prometheus" (.ci/run does so when missing)`);
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

/**
 * Backfills `openMetrics` with `promtool tsdb create-blocks-from openmetrics` into a fresh
 * temporary data dir and starts `prometheus` on 127.0.0.1 on a free port with that dir, no
 * scrape targets and a retention long enough for old data. Not the Debian service: our own
 * process, stopped by its pid.
 */
export async function startPrometheus(openMetrics: string): Promise<PromServer> {
  const prometheus = await which('prometheus');
  const promtool = await which('promtool');
  const dir = await mkdtemp(join(tmpdir(), 'hostplan-prom-'));
  const data = join(dir, 'data');
  await writeFile(join(dir, 'input.om'), openMetrics);
  await run(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'input.om'), data], { maxBuffer: 64 * 1024 * 1024 });
  await writeFile(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1h\nscrape_configs: []\n');
  const port = await freePort();
  const child = spawn(prometheus, [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    `--storage.tsdb.path=${data}`,
    '--storage.tsdb.retention.time=36500d',
    '--log.level=warn',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid, 'SIGTERM');
      if (!(await exited(child, 10_000))) process.kill(child.pid, 'SIGKILL');
      await exited(child, 5_000);
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`prometheus exited with code ${child.exitCode}: ${stderr}`);
    }
    try {
      const r = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) });
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus not ready within 60 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, pid: child.pid!, dir, stop };
}
