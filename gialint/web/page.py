"""The one page of ``gialint serve``: choose or drop report files, read the checklist.

Everything is inline (no network resources). Report text reaches the page only as JSON and is
put in with ``textContent``, never as HTML.
"""

from __future__ import annotations

PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>政府信息公开工作年度报告检查 · gialint</title>
<style>
  body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; margin: 0; background: #f4f6f8; color: #1d2733; }
  header { background: #9b1c1c; color: #fff; padding: 16px 32px; }
  header h1 { margin: 0; font-size: 22px; }
  header p { margin: 4px 0 0; opacity: .9; }
  main { max-width: 1100px; margin: 24px auto; padding: 0 16px; }
  #drop { border: 2px dashed #9aa5b1; border-radius: 8px; background: #fff; padding: 32px; text-align: center; }
  #drop.over { border-color: #9b1c1c; background: #fff5f5; }
  #drop button { font-size: 16px; padding: 8px 20px; margin-top: 12px; }
  .hint { color: #52606d; font-size: 14px; }
  .report { background: #fff; border-radius: 8px; margin: 20px 0; padding: 16px 24px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
  .report h2 { font-size: 18px; margin: 0 0 8px; }
  .summary { margin: 0 0 12px; }
  .ok { color: #1e7b34; font-weight: bold; }
  .problem { color: #9b1c1c; font-weight: bold; }
  .group h3 { font-size: 16px; border-bottom: 1px solid #d9e2ec; padding-bottom: 4px; }
  ol.items { padding-left: 22px; }
  ol.items li { margin: 10px 0; }
  .sev { display: inline-block; min-width: 3em; text-align: center; border-radius: 4px; padding: 0 6px; margin-right: 6px; font-size: 13px; color: #fff; }
  .sev.error { background: #c53030; } .sev.warning { background: #b7791f; } .sev.info { background: #2b6cb0; }
  .where { color: #52606d; font-size: 13px; }
  .quote { background: #fffbea; border-left: 3px solid #f0b429; padding: 2px 8px; margin: 4px 0; font-family: inherit; }
  .right { color: #1e7b34; }
  .error-box { background: #fff5f5; border: 1px solid #feb2b2; color: #9b1c1c; padding: 12px 16px; border-radius: 6px; }
  a.download { display: inline-block; margin: 4px 0 12px; }
</style>
</head>
<body>
<header>
  <h1>政府信息公开工作年度报告检查</h1>
  <p>选择或拖入报告文件（Word、PDF、网页、文本），逐条查看需要修改的地方。文件只在本机检查，不会保存。</p>
</header>
<main>
  <div id="drop">
    <p>把报告文件拖到这里，或者</p>
    <input type="file" id="files" multiple accept="__ACCEPT__">
    <br><button id="check" type="button">开始检查</button>
    <p class="hint">支持的文件：__KINDS__；单个文件不超过 __LIMIT__。</p>
  </div>
  <div id="results" aria-live="polite"></div>
</main>
<script>
(function () {
  "use strict";
  var input = document.getElementById("files");
  var results = document.getElementById("results");
  var drop = document.getElementById("drop");
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function showError(name, message) {
    var box = el("section", "report");
    box.appendChild(el("h2", null, name));
    box.appendChild(el("div", "error-box", message));
    results.appendChild(box);
  }
  function show(data, file) {
    var box = el("section", "report");
    box.setAttribute("data-file", data.file);
    box.appendChild(el("h2", null, data.file));
    var summary = el("p", "summary");
    if (data.total === 0) {
      summary.appendChild(el("span", "ok", "没有发现问题。"));
    } else {
      summary.appendChild(el("span", "problem", "发现 " + data.total + " 处需要检查："));
      summary.appendChild(document.createTextNode(" 错误 " + data.counts.error + "，警告 " + data.counts.warning + "，提示 " + data.counts.info));
    }
    box.appendChild(summary);
    if (data.annotate && file) {
      var button = el("button", "download", "下载带批注的 Word 文件（在 Word/WPS 中逐条查看批注）");
      button.type = "button";
      button.addEventListener("click", function () {
        fetch("api/annotate?name=" + encodeURIComponent(file.name), { method: "POST", body: file })
          .then(function (r) { if (!r.ok) { throw new Error("annotate"); } return r.blob(); })
          .then(function (blob) {
            var a = el("a");
            a.href = URL.createObjectURL(blob);
            a.download = data.annotate_name;
            document.body.appendChild(a);
            a.click();
            a.remove();
          })
          .catch(function () { showError(file.name, "生成带批注的文件失败，请重试。"); });
      });
      box.appendChild(button);
    }
    data.groups.forEach(function (group) {
      var g = el("div", "group");
      g.appendChild(el("h3", null, group.title));
      var list = el("ol", "items");
      group.items.forEach(function (item) {
        var li = el("li", "item");
        li.setAttribute("data-rule", item.rule);
        li.appendChild(el("span", "sev " + item.severity, item.severity_word));
        li.appendChild(el("span", "wrong", item.wrong));
        if (item.right) { li.appendChild(el("div", "right", item.right)); }
        if (item.quote) { li.appendChild(el("div", "quote", item.quote)); }
        li.appendChild(el("div", "where", item.where + " · " + item.code + " " + item.rule));
        list.appendChild(li);
      });
      g.appendChild(list);
      box.appendChild(g);
    });
    results.appendChild(box);
  }
  function check(files) {
    results.textContent = "";
    Array.prototype.forEach.call(files, function (file) {
      fetch("api/check?name=" + encodeURIComponent(file.name), { method: "POST", body: file })
        .then(function (response) {
          return response.json().then(function (data) { return { ok: response.ok, data: data }; });
        })
        .then(function (r) { if (r.ok) { show(r.data, file); } else { showError(file.name, r.data.message); } })
        .catch(function () { showError(file.name, "检查失败：无法连接检查程序，请确认 gialint serve 仍在运行。"); });
    });
  }
  document.getElementById("check").addEventListener("click", function () {
    if (!input.files.length) { showError("", "请先选择报告文件。"); return; }
    check(input.files);
  });
  drop.addEventListener("dragover", function (e) { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
  drop.addEventListener("drop", function (e) { e.preventDefault(); drop.classList.remove("over"); check(e.dataTransfer.files); });
})();
</script>
</body>
</html>
"""


def render(accept: str, kinds: str, limit: str) -> str:
    return PAGE.replace("__ACCEPT__", accept).replace("__KINDS__", kinds).replace("__LIMIT__", limit)
