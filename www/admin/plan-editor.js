// The draft plan's editor: CodeMirror 6 (from the bundled www/vendor/editor.js) with JSON
// highlighting, completion from the plan's JSON Schema, and the engine's errors and warnings as
// lint marks at their paths.

import {
  EditorView, EditorState, Compartment, basicSetup, keymap, json, lintGutter, setDiagnostics, autocompletion,
} from '../vendor/editor.js';
import { schemaCompletion } from './schema-completion.js';

/**
 * Mounts the editor in `parent`. `onChange(text)` runs after each edit of the text.
 * Returns the handle the page uses.
 */
export function createPlanEditor(parent, { text, schema, onChange, label }) {
  const attributes = new Compartment();
  const labelled = (l) => EditorView.contentAttributes.of({ 'aria-label': l, 'data-testid': 'editor-content' });
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        basicSetup,
        json(),
        lintGutter(),
        autocompletion({ override: [schemaCompletion(schema)], activateOnTyping: true }),
        EditorView.lineWrapping,
        attributes.of(labelled(label)),
        keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => true }]),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChange(u.state.doc.toString());
        }),
      ],
    }),
  });

  return {
    view,
    text: () => view.state.doc.toString(),

    /** Replaces the whole text as one undoable edit. */
    setText(next) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    },

    /** Applies `[{ from, to, insert }]` (offsets in the current text) as one undoable edit. */
    change(changes, select) {
      view.dispatch({ changes, selection: select ? { anchor: select.from, head: select.to } : undefined, scrollIntoView: Boolean(select) });
    },

    /** Shows problems `[{ from, to, severity, message, source }]` as lint marks. */
    mark(problems) {
      const len = view.state.doc.length;
      const diagnostics = problems.map((p) => ({ ...p, from: Math.min(p.from, len), to: Math.min(Math.max(p.to, p.from), len) }));
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },

    /** Moves the cursor to a range and brings it into view. */
    reveal(from, to = from) {
      const len = view.state.doc.length;
      view.dispatch({ selection: { anchor: Math.min(from, len), head: Math.min(to, len) }, scrollIntoView: true });
      view.focus();
    },

    /** After the editor's height changed (a panel below it opened or closed): the cursor stays visible. */
    keepCursorInView() {
      if (!view.hasFocus) return;
      requestAnimationFrame(() => view.dispatch({ effects: EditorView.scrollIntoView(view.state.selection.main.head, { y: 'nearest' }) }));
    },

    setLabel(next) {
      view.dispatch({ effects: attributes.reconfigure(labelled(next)) });
    },
  };
}
