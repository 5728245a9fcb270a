// Runs the shared suite in the browser against the flavour named in `?build=`: the three entries
// of the package (salescore, salescore/targets, salescore/admin) in that kind of build.
import { loadData } from './data.mjs';
import { combine, runSuite } from './suite.mjs';

const build = new URLSearchParams(location.search).get('build');

function script(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(s);
  });
}

/** Each entry's folder in the package, the stem of its one-file scripts and its IIFE's global. */
const ENTRIES = {
  form: { dir: '/pkg/', file: 'salescore', global: 'SalesScore' },
  targets: { dir: '/pkg/targets/', file: 'salescore-targets', global: 'SalesScoreTargets' },
  admin: { dir: '/pkg/admin/', file: 'salescore-admin', global: 'SalesScoreAdmin' },
};

/** One entry in the flavour of the page, its engine started. */
async function loadEntry({ dir, file, global }) {
  switch (build) {
    case 'web': {
      const m = await import(`${dir}index.js`);
      await m.default();
      return m;
    }
    case 'inline': {
      const m = await import(`${dir}inline.js`);
      await m.init();
      return m;
    }
    case 'nowasm':
      return import(`${dir}nowasm.js`);
    case 'iife':
      await script(`${dir}${file}.iife.js`);
      await globalThis[global].init();
      return globalThis[global];
    case 'nowasm-iife':
      await script(`${dir}${file}.nowasm.iife.js`);
      await globalThis[global].init();
      return globalThis[global];
    default:
      throw new Error(`unknown build ${build}`);
  }
}

async function load() {
  const entries = {};
  for (const [name, entry] of Object.entries(ENTRIES)) entries[name] = await loadEntry(entry);
  return combine(entries);
}

async function main() {
  const tiny = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
  const wasmAllowed = await WebAssembly.compile(tiny).then(() => true, (e) => `${e.name}: ${e.message}`);
  try {
    const api = await load();
    const data = await loadData((p) => fetch(`/${p}`).then((r) => r.text()));
    return { build, wasmAllowed, summary: runSuite(api, data) };
  } catch (e) {
    return { build, wasmAllowed, loadError: `${e.name}: ${e.message}` };
  }
}

window.__result = main();
window.__result.then(() => {
  document.getElementById('status').textContent = 'done';
});
