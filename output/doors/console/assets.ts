/**
 * The console's style sheet and its one small script, served from this server (the CSP allows
 * no inline style or script). Kept as strings in the program, so there is no build step and no
 * file to copy beside the compiled code. The script is ES5: the browsers of government offices
 * (360/奇安信 on old Chromium cores) must run it.
 */

export const CONSOLE_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; font-size: 14px; color: #222; background: #f4f6f9; }
a { color: #1f5fa8; }
header.top { background: #1f4e8c; color: #fff; padding: 0 16px; display: flex; align-items: center; flex-wrap: wrap; }
header.top .title { font-size: 16px; font-weight: bold; margin-right: 24px; padding: 10px 0; }
header.top nav a { color: #dfe8f5; text-decoration: none; padding: 12px 10px; display: inline-block; }
header.top nav a.current { color: #fff; background: #163b6b; font-weight: bold; }
header.top a.campaigns { color: #dfe8f5; margin-right: 14px; padding: 10px 12px 10px 0; border-right: 1px solid #4d74a8; text-decoration: none; font-size: 13px; }
tr.archived td { color: #666; }
.s-archived { background: #e9ebee; color: #555; }
#intake p { margin: 4px 0; }
header.top .who { margin-left: auto; font-size: 12px; color: #cdd9ea; }
header.top .who form { display: inline; }
header.top .who button { background: none; border: 0; color: #cdd9ea; text-decoration: underline; cursor: pointer; font-size: 12px; }
main { padding: 14px 18px 40px; }
h1 { font-size: 20px; margin: 4px 0 12px; }
h2 { font-size: 16px; margin: 18px 0 8px; border-left: 4px solid #1f5fa8; padding-left: 8px; }
.flash { padding: 8px 12px; margin-bottom: 12px; border-radius: 3px; }
.flash.ok { background: #e3f3e6; border: 1px solid #9fd0a8; }
.flash.error { background: #fbe7e6; border: 1px solid #e2a29d; }
.flash.info { background: #e8f0fb; border: 1px solid #a9c2e6; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin-bottom: 10px; }
.card { background: #fff; border: 1px solid #d6dce5; border-radius: 4px; padding: 8px 14px; min-width: 110px; }
.card .n { font-size: 22px; font-weight: bold; }
.card .l { color: #666; font-size: 12px; }
.row { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.panel { background: #fff; border: 1px solid #d6dce5; border-radius: 4px; padding: 10px 14px; margin-bottom: 12px; }
table.grid { border-collapse: collapse; background: #fff; width: 100%; }
table.grid th, table.grid td { border: 1px solid #d6dce5; padding: 4px 8px; text-align: left; vertical-align: top; }
table.grid th { background: #eef2f7; font-weight: normal; color: #333; }
table.grid td.num { text-align: right; }
.status { display: inline-block; padding: 1px 6px; border-radius: 3px; font-size: 12px; white-space: nowrap; }
.s-ontime { background: #dff1e2; color: #1d6b2b; }
.s-late { background: #fdf0d8; color: #8a5a00; }
.s-incomplete { background: #fde6d8; color: #94410c; }
.s-invalid { background: #fbdcdc; color: #9b1c1c; }
.s-pending { background: #e5e0f5; color: #4b3796; }
.s-missing { background: #e9ebee; color: #555; }
.problems li.error { color: #9b1c1c; }
.problems li.warning { color: #8a5a00; }
form.inline { display: inline; }
form.inline button { white-space: nowrap; }
button, .button { background: #1f5fa8; color: #fff; border: 1px solid #174b86; border-radius: 3px; padding: 5px 14px; font-size: 14px; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary { background: #fff; color: #1f5fa8; }
button.danger { background: #b03a2e; border-color: #8e2c22; }
button[disabled] { background: #aab4c2; border-color: #99a3b1; cursor: default; }
input[type=text], input[type=password], input[type=number], input[type=date], select { padding: 4px 6px; border: 1px solid #b9c2cf; border-radius: 3px; font-size: 14px; }
input.reason { width: 22em; }
input.reason-short { width: 11em; }
.nowrap { white-space: nowrap; }
.muted { color: #777; }
.small { font-size: 12px; }
pre.mail-lines { white-space: pre-wrap; word-break: break-all; margin: 0; }
.chart { background: #fff; border: 1px solid #d6dce5; border-radius: 4px; max-width: 100%; height: auto; }
.preview { display: flex; flex-wrap: wrap; gap: 10px; margin-top: 8px; }
.preview a.page-thumb { display: block; text-align: center; color: #555; font-size: 12px; text-decoration: none; }
.preview a.page-thumb img { display: block; border: 1px solid #ccc; background: #fff; width: 260px; cursor: zoom-in; }
.preview a.page-thumb:hover img { border-color: #1f5fa8; }
.lightbox { display: none; }
.lightbox:target { display: block; position: fixed; left: 0; top: 0; right: 0; bottom: 0; background: rgba(20, 24, 32, 0.85); overflow: auto; z-index: 10; text-align: center; padding: 0 0 20px; }
.lightbox-bar { position: sticky; top: 0; background: #1f4e8c; color: #fff; padding: 8px; }
.lightbox-bar a { color: #fff; }
.lightbox img { max-width: 96%; background: #fff; margin-top: 10px; }
.filters { margin-bottom: 10px; }
.filters label { margin-right: 10px; }
.message-name .sender { font-weight: bold; }
.message-name .when { color: #555; white-space: nowrap; }
.msg-id { color: #888; font-size: 12px; font-family: Consolas, "Noto Sans Mono CJK SC", monospace; }
.basis.warning { color: #8a5a00; font-size: 12px; margin-left: 4px; }
ul.files { margin: 0; padding-left: 18px; }
.pending-head { font-size: 15px; margin-bottom: 4px; }
.pending-facts { margin-bottom: 6px; }
.pending-item form { margin: 6px 0 0; }
.pending-item form label { margin-right: 6px; }
form.take-out { display: flex; gap: 4px; flex-wrap: wrap; align-items: center; }
form.take-out input.reason-short { width: 9em; }
.state.final { border-left: 4px solid #1d6b2b; }
.state.draft { border-left: 4px solid #c68a00; }
.final-mark { color: #1d6b2b; }
.state p { margin: 4px 0; }
.job.running { border-left: 4px solid #1f5fa8; }
.job.ok { border-left: 4px solid #1d6b2b; }
.job.error { border-left: 4px solid #b03a2e; }
.job progress { width: 320px; height: 14px; }
ul.job-lines { font-size: 12px; color: #444; max-height: 12em; overflow: auto; }
.send-failure { background: #fbe7e6; border: 1px solid #e2a29d; padding: 6px 12px; border-radius: 3px; }
.send-failure code.server-words { background: #fff; padding: 1px 4px; border: 1px solid #e2a29d; white-space: pre-wrap; word-break: break-all; }
.confirm-question { font-size: 15px; }
a.button.secondary { background: #fff; color: #1f5fa8; }
.read-only { border-left: 4px solid #1f5fa8; }
.error-page { max-width: 720px; }
.login { max-width: 420px; }
table#message-log { table-layout: fixed; }
table#message-log col.c-message { width: 36%; }
table#message-log col.c-files { width: 24%; }
table#message-log col.c-outcome { width: 13%; }
table#message-log col.c-basis { width: 27%; }
table#message-log td { overflow-wrap: anywhere; }
td.basis-cell { font-size: 12px; color: #555; }
.editor { display: flex; border: 1px solid #b9c2cf; background: #fff; }
.editor .gutter { flex: none; width: 3.6em; overflow: hidden; height: 420px; background: #eef2f7; color: #888; text-align: right; font-family: Consolas, "Noto Sans Mono CJK SC", monospace; font-size: 13px; line-height: 19.5px; padding: 2px 6px 0 0; user-select: none; }
.editor .gutter div.bad { color: #fff; background: #b03a2e; }
.editor textarea.template { border: 0; flex: 1; height: 420px; font-family: Consolas, "Noto Sans Mono CJK SC", monospace; font-size: 13px; line-height: 19.5px; padding: 2px 6px 0; resize: vertical; white-space: pre; overflow: auto; }
.cards-row { display: flex; flex-wrap: wrap; gap: 10px 24px; align-items: flex-end; }
.cards-label { flex-basis: 100%; color: #555; font-size: 12px; margin-bottom: -4px; }
.card.attention { border-color: #c68a00; background: #fff8e8; }
.mailbox { margin-top: 6px; border-top: 1px solid #e3e7ed; padding-top: 6px; }
.poll-form { margin-top: 6px; }
.table-scroll { overflow-x: auto; max-width: 100%; }
table.as-read td.cell { min-width: 4em; }
table.as-read .addr { display: block; color: #888; font-size: 12px; }
span.addr-inline { color: #888; font-size: 12px; margin-left: 2px; }
table.as-read .typed { display: block; color: #1f5fa8; font-size: 12px; }
table.as-read td.cell-error { background: #fbe2e0; outline: 2px solid #c0392b; outline-offset: -2px; }
table.as-read td.cell-warning { background: #fff3d6; outline: 2px solid #d49a1a; outline-offset: -2px; }
.cell-problem { display: block; font-size: 12px; margin-top: 2px; min-width: 10em; }
.cell-problem.error { color: #9b1c1c; }
.cell-problem.warning { color: #8a5a00; }
ul.materials { list-style: none; padding-left: 0; margin: 4px 0; }
ul.materials li { margin: 2px 0; }
ul.materials li.missing { color: #9b1c1c; }
ul.materials li.received .mark { color: #1d6b2b; }
.live-note { display: none; }
.live-note.shown { display: block; }
`;

export const CONSOLE_JS = `
(function () {
  var body = document.body;

  /* Live updates: reload, or say that new data arrived. */
  var generation = body.getAttribute('data-generation');
  var live = body.getAttribute('data-live');
  var events = body.getAttribute('data-events');
  function changed(next) {
    if (next === generation) return;
    if (live === 'reload') { window.location.reload(); return; }
    var note = document.getElementById('live-note');
    if (note) note.className = 'flash info live-note shown';
  }
  if (generation && events) {
    if (window.EventSource) {
      var source = new window.EventSource(events);
      source.addEventListener('generation', function (event) { changed(event.data); });
    } else {
      setInterval(function () {
        var request = new XMLHttpRequest();
        request.open('GET', events + '/generation');
        request.onload = function () { if (request.status === 200) changed(request.responseText); };
        request.send();
      }, 15000);
    }
  }

  /* 发信: the batch's progress, until it is done (then the page shows the result). */
  var job = document.getElementById('send-job');
  var jobUrl = job && job.getAttribute('data-job-url');
  if (jobUrl) {
    var count = job.querySelector('.job-count');
    var bar = job.querySelector('progress');
    var timer = setInterval(function () {
      var request = new XMLHttpRequest();
      request.open('GET', jobUrl);
      request.onload = function () {
        if (request.status !== 200) return;
        var state = JSON.parse(request.responseText);
        if (!state.running) { clearInterval(timer); window.location.reload(); return; }
        if (state.total !== null && count) count.textContent = '已发 ' + state.done + ' / ' + state.total + ' 封……';
        if (state.total !== null && bar) { bar.max = state.total; bar.value = state.done; }
      };
      request.send();
    }, 700);
  }

  /* 输出: files being written behind a decision; the page shows them once they are finished. */
  var behind = document.querySelector('[data-behind-url]');
  if (behind) {
    var behindUrl = behind.getAttribute('data-behind-url');
    var behindTimer = setInterval(function () {
      var request = new XMLHttpRequest();
      request.open('GET', behindUrl);
      request.onload = function () {
        if (request.status === 200 && request.responseText === 'done') { clearInterval(behindTimer); window.location.reload(); }
      };
      request.send();
    }, 700);
  }

  /* 模板: line numbers kept in step with the text, and a mistake's link puts the cursor on its line. */
  function lineCount(text) { return text.split('\\n').length; }
  function drawGutter(area, gutter) {
    var bad = {};
    var marked = (area.getAttribute('data-error-lines') || '').split(',');
    for (var m = 0; m < marked.length; m++) if (marked[m]) bad[marked[m]] = true;
    var count = lineCount(area.value);
    if (gutter.childNodes.length === count) return;
    var html = [];
    for (var line = 1; line <= count; line++) html.push('<div' + (bad[line] ? ' class="bad"' : '') + '>' + line + '</div>');
    gutter.innerHTML = html.join('');
  }
  var editors = document.querySelectorAll('.editor');
  for (var e = 0; e < editors.length; e++) {
    (function (editor) {
      var area = editor.querySelector('textarea');
      var gutter = editor.querySelector('.gutter');
      if (!area || !gutter) return;
      area.addEventListener('scroll', function () { gutter.scrollTop = area.scrollTop; });
      area.addEventListener('input', function () { drawGutter(area, gutter); });
      drawGutter(area, gutter);
    })(editors[e]);
  }
  var gotos = document.querySelectorAll('a.goto-line');
  for (var g = 0; g < gotos.length; g++) {
    gotos[g].addEventListener('click', function (event) {
      var link = event.currentTarget;
      var area = document.getElementById(link.getAttribute('data-target'));
      if (!area) return;
      event.preventDefault();
      var lines = area.value.split('\\n');
      var wanted = Math.min(Number(link.getAttribute('data-line')), lines.length);
      var start = 0;
      for (var i = 0; i < wanted - 1; i++) start += lines[i].length + 1;
      var column = Math.max(0, Math.min(Number(link.getAttribute('data-column')) - 1, lines[wanted - 1].length));
      area.focus();
      area.setSelectionRange(start + column, start + lines[wanted - 1].length);
      var lineHeight = area.scrollHeight / lines.length;
      area.scrollTop = Math.max(0, (wanted - 4) * lineHeight);
    });
  }
})();
`;
