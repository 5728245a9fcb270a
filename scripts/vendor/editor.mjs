// The admin page's plan editor: CodeMirror 6 with JSON, lint and completion, and jsonc-parser to
// map JSON pointers to text ranges. Bundled by scripts/build.sh into www/vendor/editor.js (the
// page loads it without a build step of its own and works offline).
export { EditorView, basicSetup } from 'codemirror';
export { EditorState, Compartment, StateEffect, StateField } from '@codemirror/state';
export { keymap, hoverTooltip } from '@codemirror/view';
export { json, jsonParseLinter } from '@codemirror/lang-json';
export { linter, lintGutter, setDiagnostics, forceLinting, diagnosticCount } from '@codemirror/lint';
export { autocompletion, startCompletion, currentCompletions, snippetCompletion } from '@codemirror/autocomplete';
export { parseTree, findNodeAtLocation, getLocation, parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
