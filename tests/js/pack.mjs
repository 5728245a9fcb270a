// The package as a user gets it: `npm pack pkg/` and `npm install <tarball>` into a throwaway
// project, offline (npm is pointed at a registry that does not exist, so any network access
// fails). Shared by tarball.test.mjs and cli.test.mjs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** npm's environment for a run in `tmp`: a fresh cache, no registry, no notifier. */
export const npmEnv = (tmp) => ({
  ...process.env,
  npm_config_cache: join(tmp, 'npm-cache'), // a fresh cache: nothing comes from an earlier install
  npm_config_registry: 'http://127.0.0.1:9/', // nothing listens there: a registry request would fail
  npm_config_update_notifier: 'false',
  npm_config_loglevel: 'error',
});

/** Runs npm with `env`: `(args, cwd) => stdout`. */
export const npmWith = (env) => (args, cwd) => execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** `npm pack pkgDir` into `dest`: npm's report of the packed file and the tarball's path. */
export function pack(npm, pkgDir, dest, cwd) {
  mkdirSync(dest, { recursive: true });
  const [packed] = JSON.parse(npm(['pack', pkgDir, '--pack-destination', dest, '--json', '--ignore-scripts'], cwd));
  const tarball = join(dest, packed.filename);
  assert.ok(existsSync(tarball), `npm pack wrote no ${packed.filename}`);
  return { packed, tarball };
}

/** A fresh project `dir` with the tarball installed, offline. */
export function install(npm, dir, tarball, pkgJson) {
  const name = dir.split(/[\\/]/).pop();
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, ...pkgJson }, null, 2));
  npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], dir);
  const installed = join(dir, 'node_modules', 'salescore');
  assert.ok(existsSync(join(installed, 'package.json')), `npm installed nothing in ${name}`);
  assert.match(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies.salescore, /^file:.*\.tgz$/, 'installed from the tarball');
  return dir;
}
