#!/usr/bin/env node
// Dev server for the demo pages (team scorecard, formula playground, targets & pacing, record
// form, plan preview): serves `www/` at `/`, the built package `pkg/` at `/pkg/` and the sample data
// `samples/` at `/samples/`, uncached. Static files are handled by `sirv`.
//
//   node scripts/serve.mjs            # http://localhost:8080/
//   PORT=3000 node scripts/serve.mjs
//
// Browser tests can start it in-process:
//
//   import { startServer } from '../scripts/serve.mjs';
//   const { url, close } = await startServer({ port: 0 });

import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { realpathSync } from 'node:fs';
import sirv from 'sirv';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function noCache(res) {
  res.setHeader('Cache-Control', 'no-store');
}

/**
 * Starts the dev server.
 * @param {{port?: number, host?: string, root?: string}} [options]
 * @returns {Promise<{url: string, port: number, server: import('node:http').Server, close: () => Promise<void>}>}
 */
export async function startServer({ port = 8080, host = '127.0.0.1', root = ROOT } = {}) {
  // `dev: true` reads files from disk on every request (edits show up on reload)
  // and sends `Cache-Control: no-store`; mrmime maps `.wasm` to `application/wasm`.
  const opts = { dev: true, etag: false, setHeaders: noCache };
  const www = sirv(resolve(root, 'www'), opts);
  const pkg = sirv(resolve(root, 'pkg'), opts);
  const samples = sirv(resolve(root, 'samples'), opts);

  const notFound = (res) => {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('Not found');
  };

  const server = createServer((req, res) => {
    const url = req.url || '/';
    for (const [prefix, handler] of [['/pkg', pkg], ['/samples', samples]]) {
      const rest = url.slice(prefix.length);
      if (!url.startsWith(prefix) || (rest && !/^[/?]/.test(rest))) continue;
      if (!rest.startsWith('/')) {
        res.statusCode = 301;
        res.setHeader('Location', `${prefix}/${rest}`);
        return res.end();
      }
      // Mount: sirv sees the path relative to the mounted directory.
      req.url = rest;
      return handler(req, res, () => notFound(res));
    }
    return www(req, res, () => notFound(res));
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });

  const actual = server.address().port;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${actual}/`,
    port: actual,
    server,
    close: () =>
      new Promise((ok, fail) => {
        server.closeAllConnections?.();
        server.close((err) => (err ? fail(err) : ok()));
      }),
  };
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const port = Number.parseInt(process.env.PORT ?? '', 10);
  const host = process.env.HOST || '127.0.0.1';
  const { url, close } = await startServer({ port: Number.isFinite(port) ? port : 8080, host });
  console.log(`salescore team scorecard (sample data): ${url}`);
  console.log(`  formula playground: ${url}formulas.html`);
  console.log(`  targets & pacing:   ${url}targets.html`);
  console.log(`  record form:        ${url}form.html`);
  console.log(`  plan preview:       ${url}admin.html`);
  console.log(`  www/ at /, pkg/ at /pkg/, samples/ at /samples/  (Ctrl+C to stop)`);
  const stop = () => close().finally(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
