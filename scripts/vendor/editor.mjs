// The admin page's plan editor: CodeMirror 6 with JSON, lint and completion, and jsonc-parser to
// map JSON pointers to text ranges. Bundled by scripts/build.sh into www/vendor/editor.js (the
// page loads it without a build step of its own and works offline).
export { EditorView, basicSetup } from 'codemirror';
export { EditorState, Compartment } from '@codemirror/state';
export { keymap } from '@codemirror/view';
export { json } from '@codemirror/lang-json';
export { lintGutter, setDiagnostics } from '@codemirror/lint';
export { autocompletion } from '@codemirror/autocomplete';
export { parseTree, getLocation, parse as parseJsonc } from 'jsonc-parser';
