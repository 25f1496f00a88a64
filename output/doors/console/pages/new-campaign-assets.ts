/**
 * The style and the small script of the 新建活动 and 活动设置 pages, served by their own routes
 * (the CSP allows no inline style or script), beside the console's own console.css/console.js.
 * The script is ES5 (the offices' 360/奇安信 browsers): it sends the rules as typed to the page's
 * check address and lists what `huizong check` would say, and shows the answer of 测试连接.
 */

export const NEW_CAMPAIGN_CSS = `
ol.steps { list-style: none; padding: 0; margin: 0 0 12px; display: flex; flex-wrap: wrap; gap: 6px; }
ol.steps li { background: #e9edf3; color: #555; padding: 4px 12px; border-radius: 12px; font-size: 13px; }
ol.steps li.current { background: #1f4e8c; color: #fff; font-weight: bold; }
ol.steps li.done { background: #dff1e2; color: #1d6b2b; }
.xl-wrap { overflow-x: auto; max-width: 100%; }
table.xl { border-collapse: collapse; background: #fff; font-size: 13px; }
table.xl th, table.xl td { border: 1px solid #c8ccd2; padding: 3px 6px; text-align: center; vertical-align: middle; }
table.xl th.xl-letter, table.xl th.xl-corner, table.xl th.xl-row { background: #eef0f3; color: #666; font-weight: normal; font-size: 12px; }
table.xl th.xl-row { min-width: 34px; white-space: nowrap; }
nav.toc { margin: 0 0 10px; }
nav.toc a { margin-right: 12px; white-space: nowrap; }
table.xl th.xl-head { background: #fff; font-weight: bold; min-width: 64px; }
table.xl tr.xl-types td { background: #f9fbfd; }
table.xl select { max-width: 120px; }
select.unsure, input.unsure { background: #fff6cc; }
.unsure-note { color: #8a5a00; background: #fff6cc; padding: 0 3px; }
table.fields th { width: 90px; white-space: nowrap; }
table.fields input { max-width: 100%; }
textarea.rules, textarea.lines { font-family: Consolas, "Courier New", monospace; width: 100%; max-width: 760px; }
ul.rule-check { margin: 4px 0; color: #9b1c1c; }
ul.rule-check li.ok { color: #1d6b2b; list-style: none; }
.draft-table h3 input { font-size: 15px; font-weight: bold; }
.settings .panel h2 { margin-top: 4px; }
.settings label { display: inline-block; margin: 3px 12px 3px 0; }
.conn-answer { margin: 6px 0; padding: 6px 10px; border-radius: 3px; white-space: pre-wrap; }
.conn-answer.ok { background: #e3f3e6; border: 1px solid #9fd0a8; }
.conn-answer.error { background: #fbe7e6; border: 1px solid #e2a29d; }
button.secondary { background: #fff; color: #1f4e8c; border: 1px solid #1f4e8c; }
`;

export const NEW_CAMPAIGN_JS = `
(function () {
  function csrfOf(form) { var input = form && form.querySelector('input[name=_csrf]'); return input ? input.value : ''; }
  function post(url, body, done) {
    var request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('Content-Type', 'application/json');
    request.onload = function () { var answer = null; try { answer = JSON.parse(request.responseText); } catch (e) {} done(answer); };
    request.onerror = function () { done(null); };
    request.send(JSON.stringify(body));
  }
  function show(list, mistakes) {
    list.innerHTML = '';
    if (!mistakes) return;
    if (mistakes.length === 0) { var ok = document.createElement('li'); ok.className = 'ok'; ok.textContent = '✓ 规则都能读懂'; list.appendChild(ok); return; }
    for (var i = 0; i < mistakes.length; i++) { var li = document.createElement('li'); li.textContent = mistakes[i]; list.appendChild(li); }
  }
  var areas = document.querySelectorAll('textarea[data-check]');
  for (var i = 0; i < areas.length; i++) (function (area) {
    var list = area.parentNode.querySelector('ul.rule-check');
    var timer = null;
    function check() { post(area.getAttribute('data-check'), { _csrf: csrfOf(area.form), rules: area.value }, function (answer) { show(list, answer && answer.mistakes); }); }
    area.addEventListener('input', function () { if (timer) clearTimeout(timer); timer = setTimeout(check, 400); });
  })(areas[i]);
  var tests = document.querySelectorAll('button[data-test]');
  for (var j = 0; j < tests.length; j++) (function (button) {
    button.addEventListener('click', function (event) {
      event.preventDefault();
      var form = button.form, box = document.getElementById(button.getAttribute('data-answer'));
      var body = { _csrf: csrfOf(form) };
      var inputs = form.querySelectorAll('input[name], select[name]');
      for (var k = 0; k < inputs.length; k++) { var input = inputs[k]; if (input.name !== '_csrf') body[input.name] = input.type === 'checkbox' ? (input.checked ? 'on' : '') : input.value; }
      box.className = 'conn-answer'; box.textContent = '正在连接……';
      post(button.getAttribute('data-test'), body, function (answer) {
        box.className = 'conn-answer ' + (answer && answer.ok ? 'ok' : 'error');
        box.textContent = answer ? answer.text : '没有得到控制台的回答';
      });
    });
  })(tests[j]);
})();
`;
