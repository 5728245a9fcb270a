// The page's side of the engine worker: each call is a promise. Drafts are coalesced: while one
// is being computed, only the newest of the drafts typed meanwhile is sent next (the others
// resolve as `{ superseded: true }`), so the comparison follows the typing without a backlog.

import { pageError } from './i18n.js';

export class RemoteEngine {
  #worker;
  #next = 1;
  #waiting = new Map();
  #draftBusy = false;
  #draftPending = null; // { text, resolve }

  constructor(url) {
    this.#worker = new Worker(url, { type: 'module' });
    this.#worker.onmessage = ({ data }) => this.#answer(data);
    this.#worker.onerror = (e) => {
      // Its words in every locale; the browser's own message, if any, as the detail.
      const error = { ...pageError('WORKER_FAILED', '', 'workerFailed', {}, 'page'), detail: e.message || undefined };
      for (const { reject } of this.#waiting.values()) reject(error);
      this.#waiting.clear();
    };
  }

  /** `{ value, ms }`, or rejects with the engine's error data (code, path, messages…). */
  call(type, payload = {}) {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ id, type, ...payload });
    });
  }

  /** Sends a draft now, or after the one being computed (replacing any draft still waiting). */
  draft(text) {
    return new Promise((resolve) => {
      if (this.#draftPending) this.#draftPending.resolve({ superseded: true });
      this.#draftPending = { text, resolve };
      this.#pumpDrafts();
    });
  }

  get drafting() {
    return this.#draftBusy || this.#draftPending != null;
  }

  async #pumpDrafts() {
    if (this.#draftBusy || !this.#draftPending) return;
    const { text, resolve } = this.#draftPending;
    this.#draftPending = null;
    this.#draftBusy = true;
    try {
      resolve(await this.call('draft', { text }));
    } catch (error) {
      resolve({ error });
    } finally {
      this.#draftBusy = false;
      this.#pumpDrafts();
    }
  }

  #answer({ id, ok, value, error, ms }) {
    const waiting = this.#waiting.get(id);
    if (!waiting) return;
    this.#waiting.delete(id);
    if (ok) waiting.resolve({ value, ms });
    else waiting.reject(Object.assign(error, { ms }));
  }
}
