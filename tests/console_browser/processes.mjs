// Starts tts-sandbox and erp-host serve --console for the browser test, each in a private temp
// directory, and stops them (SIGTERM, then SIGKILL) when the test ends.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const APP_KEY = 'console_app_key';
export const APP_SECRET = 'console-test-app-secret-0123456789';
export const SERVICE_ID = '7000000000000000077';
export const CONSOLE_TOKEN = 'console-test-login-token-0123456789';
export const STORE_KEY = 'console-test-store-key-00000000001';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Resolves with the first stdout line that `match` accepts; rejects when the process exits first.
function firstLine(child, match, name, timeoutMs = 30000) {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`${name}: no start-up line in ${timeoutMs} ms`)), timeoutMs);
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      for (const line of buffer.split('\n')) {
        if (match(line)) {
          clearTimeout(timer);
          resolve(line);
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
  });
}

export class Processes {
  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocean-console-browser-'));
    this.children = [];
  }

  spawn(name, argv, env = {}) {
    const err = fs.openSync(path.join(this.dir, `${name}.log`), 'w');
    const child = spawn(argv[0], argv.slice(1), { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', err] });
    child.stdout.setEncoding('utf8');
    this.children.push(child);
    return child;
  }

  async sandbox(binDir, consolePort) {
    const redirect = `http://127.0.0.1:${consolePort}/console/oauth/callback`;
    // Latency makes the order sync take several pages' time, so its progress shows in the page.
    const child = this.spawn('tts-sandbox', [path.join(binDir, 'tts-sandbox'), '--tls-dir', path.join(this.dir, 'tls'),
      '--shops', '1', '--products', '20', '--orders', '500', '--seed', '18', '--latency-ms', '250',
      '--app', `${APP_KEY}:${APP_SECRET}:${SERVICE_ID}:${redirect}`]);
    return JSON.parse(await firstLine(child, (l) => l.startsWith('{'), 'tts-sandbox'));
  }

  writeHostConfig(sandbox) {
    const common = { app_key: APP_KEY, app_secret: APP_SECRET, service_id: SERVICE_ID, region: 'US',
      api_base_url: sandbox.base_https, auth_base_url: sandbox.base_https, authorize_base_url: sandbox.base_https,
      ca_bundle: sandbox.ca_file };
    const config = {
      data_dir: path.join(this.dir, 'data'),
      default_account: 'tiktok-us',
      secrets: { store_key: STORE_KEY },
      accounts: [
        { id: 'tiktok-us', plugin: 'tiktok_shop',
          config: { ...common, sync_interval: 'manual',
            features: { live_shopping: true, affiliate_program: true, shop_analytics: true } } },
        { id: 'tiktok-new', plugin: 'tiktok_shop', config: { app_key: APP_KEY, app_secret: APP_SECRET, region: 'GB' } },
        { id: 'shopee-sg', plugin: 'shopee' },
      ],
    };
    const file = path.join(this.dir, 'host.json');
    fs.writeFileSync(file, JSON.stringify(config, null, 2), { mode: 0o600 });
    return file;
  }

  async serve(binDir, pluginDir, config, port) {
    // Where the console keeps a secret saved from the dialog (the host config gets a reference).
    const secrets = path.join(this.dir, 'secrets.json');
    fs.writeFileSync(secrets, '{}', { mode: 0o600 });
    const child = this.spawn('erp-host', [path.join(binDir, 'erp-host'), '--plugins', pluginDir, '--config', config,
      '--secrets', secrets, 'serve', '--listen', `127.0.0.1:${port}`, '--tick-interval', '500', '--console'],
    { OCEAN_SECRET_CONSOLE_TOKEN: CONSOLE_TOKEN });
    const line = await firstLine(child, (l) => l.startsWith('console at '), 'erp-host serve');
    return line.split(' ')[2].replace(/\/console\/$/, '');
  }

  log(name) {
    try {
      return fs.readFileSync(path.join(this.dir, `${name}.log`), 'utf8');
    } catch {
      return '';
    }
  }

  async stop() {
    await Promise.all(this.children.map((child) => new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 10000);
      child.on('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    })));
  }

  remove() {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
