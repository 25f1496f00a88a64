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
table.grid .src { display: block; color: #888; font-size: 11px; }
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
button, .button { background: #1f5fa8; color: #fff; border: 1px solid #174b86; border-radius: 3px; padding: 5px 14px; font-size: 14px; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary { background: #fff; color: #1f5fa8; }
button.danger { background: #b03a2e; border-color: #8e2c22; }
button[disabled] { background: #aab4c2; border-color: #99a3b1; cursor: default; }
input[type=text], input[type=password], input[type=number], input[type=date], select { padding: 4px 6px; border: 1px solid #b9c2cf; border-radius: 3px; font-size: 14px; }
input.reason { width: 22em; }
input.reason-short { width: 11em; }
.nowrap { white-space: nowrap; }
textarea.template { width: 100%; height: 420px; font-family: "SimSun", "Noto Sans Mono CJK SC", monospace; font-size: 13px; line-height: 1.5; }
.muted { color: #777; }
.small { font-size: 12px; }
pre.mail-lines { white-space: pre-wrap; word-break: break-all; margin: 0; }
.chart { background: #fff; border: 1px solid #d6dce5; border-radius: 4px; max-width: 100%; height: auto; }
.preview img { border: 1px solid #ccc; margin: 0 8px 8px 0; background: #fff; width: 300px; }
.filters { margin-bottom: 10px; }
.filters label { margin-right: 10px; }
.live-note { display: none; }
.live-note.shown { display: block; }
`;

export const CONSOLE_JS = `
(function () {
  var body = document.body;
  var generation = body.getAttribute('data-generation');
  var live = body.getAttribute('data-live');
  if (!generation) return;
  function changed(next) {
    if (next === generation) return;
    if (live === 'reload') { window.location.reload(); return; }
    var note = document.getElementById('live-note');
    if (note) note.className = 'flash info live-note shown';
  }
  if (window.EventSource) {
    var source = new window.EventSource('/events');
    source.addEventListener('generation', function (event) { changed(event.data); });
    return;
  }
  setInterval(function () {
    var request = new XMLHttpRequest();
    request.open('GET', '/events/generation');
    request.onload = function () { if (request.status === 200) changed(request.responseText); };
    request.send();
  }, 15000);
})();
`;
