// Runs the shared suite in the browser against the build named in `?build=`.
import { loadData } from './data.mjs';
import { runSuite } from './suite.mjs';

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

async function load() {
  switch (build) {
    case 'web': {
      const m = await import('/pkg/index.js');
      await m.default();
      return m;
    }
    case 'inline': {
      const m = await import('/pkg/inline.js');
      await m.init();
      return m;
    }
    case 'nowasm':
      return import('/pkg/nowasm.js');
    case 'iife':
      await script('/pkg/salescore.iife.js');
      await globalThis.SalesScore.init();
      return globalThis.SalesScore;
    case 'nowasm-iife':
      await script('/pkg/salescore.nowasm.iife.js');
      await globalThis.SalesScore.init();
      return globalThis.SalesScore;
    default:
      throw new Error(`unknown build ${build}`);
  }
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
