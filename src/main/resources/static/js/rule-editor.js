// The rule editor of the draft pages: CodeMirror over the page's textarea (the page works without it), a DRL mode,
// the problems of the last validation (and of the last scenario run or preview) marked at their lines, and a click on
// a problem or a failed scenario of the open file moving the cursor there.
(function () {
  'use strict';

  // Forms that undo work ask first (discard a draft, delete a file).
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });

  var textarea = document.getElementById('content');
  if (!textarea || typeof CodeMirror === 'undefined') {
    return;
  }

  CodeMirror.defineSimpleMode('drl', {
    start: [
      {regex: /\/\/.*/, token: 'comment'},
      {regex: /\/\*/, token: 'comment', next: 'comment'},
      {regex: /"(?:[^\\"]|\\.)*?(?:"|$)/, token: 'string'},
      {regex: /'(?:[^\\']|\\.)*?(?:'|$)/, token: 'string'},
      {regex: /(?:ruleflow-group|agenda-group|activation-group|no-loop|lock-on-active|date-effective|date-expires)\b/,
        token: 'keyword'},
      {regex: /(?:rule|when|then|end|package|import|declare|function|global|query|not|exists|forall|accumulate|collect|from|eval|and|or|over|in|matches|memberOf|contains|soundslike|salience|dialect|extends|insert|insertLogical|modify|update|retract|delete|new|null|true|false|this)\b/,
        token: 'keyword'},
      {regex: /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[BbLlDdFfIi]?\b/, token: 'number'},
      {regex: /\$[A-Za-z_][\w$]*/, token: 'variable-2'},
      {regex: /[A-Z][A-Za-z0-9_]*/, token: 'type'},
      {regex: /[A-Za-z_][\w$]*/, token: 'variable'},
      {regex: /[-+\/*=<>!&|:]+/, token: 'operator'},
      {regex: /[\{\[\(]/, indent: true},
      {regex: /[\}\]\)]/, dedent: true}
    ],
    comment: [
      {regex: /.*?\*\//, token: 'comment', next: 'start'},
      {regex: /.*/, token: 'comment'}
    ],
    meta: {lineComment: '//', blockCommentStart: '/*', blockCommentEnd: '*/', dontIndentStates: ['comment']}
  });

  var path = textarea.dataset.path;
  // The same problem may be listed by the validation and by the scenario run or preview: it is marked once.
  var seen = {};
  var problems = Array.prototype.slice.call(document.querySelectorAll('ol.problems li[data-line]'))
    .filter(function (item) {
      var key = [item.dataset.file, item.dataset.line, item.dataset.column, item.dataset.message].join('\u0000');
      var first = !seen[key];
      seen[key] = true;
      return first;
    });
  var form = textarea.form;

  /** Line and column as the validator gives them (1-based, 0 when unknown) as a CodeMirror position. */
  function position(editor, line, column) {
    var lineIndex = Math.min(Math.max(line - 1, 0), editor.lineCount() - 1);
    var columnIndex = Math.max(column - 1, 0);
    return CodeMirror.Pos(lineIndex, Math.min(columnIndex, editor.getLine(lineIndex).length));
  }

  function annotations(text, options, editor) {
    return problems.filter(function (item) {
      return item.dataset.file === path && Number(item.dataset.line) > 0;
    }).map(function (item) {
      var from = position(editor, Number(item.dataset.line), Number(item.dataset.column));
      var lineText = editor.getLine(from.line);
      var to = Number(item.dataset.column) > 0 ? editor.findWordAt(from).head : CodeMirror.Pos(from.line, lineText.length);
      if (to.ch <= from.ch) {
        to = CodeMirror.Pos(from.line, Math.max(lineText.length, from.ch + 1));
      }
      return {from: from, to: to, message: item.dataset.message, severity: item.dataset.severity};
    });
  }

  var editor = CodeMirror.fromTextArea(textarea, {
    mode: textarea.dataset.mode,
    lineNumbers: true,
    indentUnit: 4,
    matchBrackets: true,
    styleActiveLine: true,
    readOnly: textarea.dataset.readonly === 'true',
    screenReaderLabel: 'Contents of ' + path,
    gutters: ['CodeMirror-linenumbers', 'CodeMirror-lint-markers'],
    lint: {getAnnotations: annotations, lintOnChange: false},
    // Tab leaves the editor, as everywhere else on the page; Ctrl-] indents.
    extraKeys: {
      'Tab': false,
      'Shift-Tab': false,
      'Ctrl-S': function () { form.requestSubmit ? form.requestSubmit() : form.submit(); },
      'Cmd-S': function () { form.requestSubmit ? form.requestSubmit() : form.submit(); }
    }
  });
  // The tests (and the console) reach the editor through its wrapper, as CodeMirror documents it.
  window.ruleEditor = editor;

  function moveTo(line, column) {
    var target = position(editor, line, column);
    editor.focus();
    editor.setCursor(target);
    editor.scrollIntoView(target, 80);
  }

  // Links to a place in the open file move the cursor instead of loading the page again.
  document.querySelectorAll('#problems li[data-line] a, a.goto[data-line]').forEach(function (link) {
    var place = link.dataset.line ? link.dataset : link.parentElement.dataset;
    if (place.file === path) {
      link.addEventListener('click', function (event) {
        event.preventDefault();
        moveTo(Number(place.line), Number(place.column));
      });
    }
  });

  if (Number(textarea.dataset.line) > 0) {
    moveTo(Number(textarea.dataset.line), Number(textarea.dataset.column));
  }

  // Unsaved changes are shown, and leaving the page with them asks first.
  var dirty = document.getElementById('dirty');
  var submitting = false;
  editor.on('change', function () {
    if (dirty) {
      dirty.hidden = editor.isClean();
    }
  });
  form.addEventListener('submit', function () {
    submitting = true;
  });
  window.addEventListener('beforeunload', function (event) {
    if (!submitting && !editor.isClean() && !editor.getOption('readOnly')) {
      event.preventDefault();
      event.returnValue = '';
    }
  });
}());
