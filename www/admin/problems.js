// The draft's problems where the admin looks: an error that stops it compiling (marked in the
// editor at its JSON path, with a quick fix when the engine suggests one, and in the panel under
// the editor) and the warnings of a draft that compiles (marks and a list that jumps to each).

import { $, escapeHtml as esc } from '../page.js';
import { errorMessage, locale, t } from './i18n.js';
import { lineOf, rangeOfPointer, syntaxError } from './json-position.js';

/** An error of the draft: marked at its place in the text, and in the panel under the editor. */
export function showDraftError(editor, error, text) {
  const syntax = error.code === 'INVALID_PLAN' ? syntaxError(text) : null;
  const range = syntax ?? rangeOfPointer(text, error.path, { span: error.span, key: error.detail?.name });
  const fix = error.suggestion && range && !syntax ? quickFix(text, range, error.suggestion) : null;
  const apply = fix && (() => editor.change([{ from: range.from, to: range.to, insert: fix.insert }]));
  if (editor.text() === text && range) markError(editor, error, range, fix);
  fillPanel(error, range && { ...range, line: lineOf(text, range.from) }, apply, editor);
  $('#diagnostics').hidden = true;
  editor.keepCursorInView();
}

function markError(editor, error, range, fix) {
  const hint = error.suggestion ? ` ${t('didYouMean', { s: error.suggestion })}` : '';
  // The mark's own range (CodeMirror keeps it in step with later edits) is what the fix replaces.
  const replace = (view, from, to) => view.dispatch({ changes: { from, to, insert: fix.insert } });
  const actions = fix ? [{ name: t('fixTo', { s: error.suggestion }), apply: replace }] : [];
  editor.mark([{ from: range.from, to: range.to, severity: 'error', message: `${error.code}: ${errorMessage(error)}${hint}`, source: 'salescore', actions }]);
}

function fillPanel(error, place, apply, editor) {
  $('#draft-error').hidden = false;
  $('#draft-error-code').textContent = error.code;
  const at = t('at', { path: error.path || t('atRoot') });
  $('#draft-error-where').textContent = place ? `${at} · L${place.line}` : at;
  $('#draft-error-where').dataset.line = place ? String(place.line) : '';
  $('#draft-error-where').onclick = () => place && editor.reveal(place.from, place.to);
  $('#draft-error-message').textContent = errorMessage(error);
  // The engine's hint is written in the locale of the call (shown when it is the page's); the
  // suggestion is worded here.
  const hint = error.suggestion ? t('didYouMean', { s: error.suggestion }) : error.hint && (error.hintLocale ?? 'zh-CN') === locale() ? error.hint : '';
  $('#draft-error-hint').hidden = !hint;
  $('#draft-error-hint').textContent = hint;
  $('#draft-error-fix').hidden = !apply;
  $('#draft-error-fix').textContent = apply ? t('fixTo', { s: error.suggestion }) : '';
  $('#draft-error-fix').onclick = apply || null;
}

/** The suggestion in place of the marked text: a key keeps its quotes. */
function quickFix(text, range, suggestion) {
  const marked = text.slice(range.from, range.to);
  if (/^".*"$/.test(marked)) return { insert: JSON.stringify(suggestion) };
  if (/^[\p{L}\p{N}_.]+$/u.test(marked)) return { insert: suggestion };
  return null;
}

export function clearDraftError(editor) {
  const shown = !$('#draft-error').hidden;
  $('#draft-error').hidden = true;
  editor.mark([]);
  if (shown) editor.keepCursorInView();
}

/** The draft's warnings, as marks and as a list that jumps to each. */
export function showDiagnostics(editor, diagnostics, text, failures = []) {
  const box = $('#diagnostics');
  box.hidden = !diagnostics.length;
  const placed = diagnostics.map((d) => ({ d, range: rangeOfPointer(text, d.path) }));
  const warnings = placed.filter((p) => p.range).map(({ d, range }) => ({
    from: range.from, to: range.to, severity: d.severity === 'info' ? 'info' : 'warning', message: `${d.code}: ${d.message}${d.hint ? ` — ${d.hint}` : ''}`, source: 'salescore',
  }));
  editor.mark([...warnings, ...failureMarks(failures, text)]);
  if (!diagnostics.length) return;
  $('#diagnostics-title').textContent = t('diagnosticsTitle', { n: diagnostics.length });
  $('#diag-list').innerHTML = placed.map(({ d, range }, i) => `<li class="diag" data-severity="${esc(d.severity)}" data-code="${esc(d.code)}">
      <button type="button" class="link-button diag-where" data-i="${i}">${range ? `L${lineOf(text, range.from)}` : esc(d.path)}</button>
      <code class="error-code">${esc(d.code)}</code> <span>${esc(d.message)}</span>${d.hint ? `<span class="muted"> — ${esc(d.hint)}</span>` : ''}</li>`).join('');
  $('#diag-list').onclick = (e) => {
    const b = e.target.closest('[data-i]');
    const r = b && placed[Number(b.dataset.i)].range;
    if (r) editor.reveal(r.from, r.to);
  };
}

/**
 * Where the draft itself makes reps fail (an error whose origin is the plan, such as a division
 * by zero in a formula for some records): one mark per place, saying how many reps and who.
 */
function failureMarks(failures, text) {
  const byPlace = new Map();
  for (const f of failures) {
    if (f.side === 'baseline' || f.error.origin !== 'plan') continue;
    const key = `${f.error.code} ${f.error.path}`;
    byPlace.set(key, [...(byPlace.get(key) ?? []), f]);
  }
  return [...byPlace.values()].flatMap((list) => {
    const { error } = list[0];
    const range = rangeOfPointer(text, error.path, { span: error.span });
    if (!range) return [];
    const who = list.map((f) => f.who).join(locale() === 'en' ? ', ' : '、');
    const message = `${error.code}: ${t('failsFor', { n: list.length, who })} ${errorMessage(error)}`;
    return [{ from: range.from, to: range.to, severity: 'error', message, source: 'salescore' }];
  });
}
