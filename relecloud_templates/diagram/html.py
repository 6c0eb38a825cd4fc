"""The estate as one self-contained HTML page: the SVG picture and, beside it, what ``--explain`` says about the
zone, unit, service, lake layer or workload under the pointer (click to pin it; the page's address then names it,
so a link opens the page on that element). No script, style or font is loaded from anywhere: it works offline.
"""

from __future__ import annotations

import json

from relecloud_templates.diagram import NOTICE
from relecloud_templates.diagram.model import EstateView
from relecloud_templates.diagram.svg import FONT, render_svg
from relecloud_templates.diagram.text import xml

STYLE = f"""
* {{ box-sizing: border-box; }}
body {{ margin: 0; font-family: {FONT}; color: #1d2733; background: #f4f6f9; }}
main {{ display: flex; align-items: flex-start; gap: 16px; padding: 16px; }}
#picture {{ flex: 1 1 auto; overflow: auto; background: #ffffff; border: 1px solid #d5dbe3; border-radius: 8px; }}
#picture svg {{ display: block; }}
#panel {{ flex: 0 0 420px; position: sticky; top: 16px; max-height: calc(100vh - 32px); overflow: auto;
          background: #ffffff; border: 1px solid #d5dbe3; border-radius: 8px; padding: 12px 14px; }}
#panel h2 {{ font-size: 15px; margin: 0 0 4px; }}
#panel .state {{ display: inline-block; font-size: 11px; padding: 1px 8px; border-radius: 9px; margin-bottom: 8px; }}
#panel .state.kept {{ background: #dff3e4; color: #1b5e20; }}
#panel .state.pruned {{ background: #eeeeee; color: #6b6b6b; }}
#panel pre {{ white-space: pre-wrap; font-size: 12px; line-height: 1.45; margin: 0; }}
#panel .hint {{ color: #6b7785; font-size: 12px; }}
.selected > rect, .selected > path {{ stroke: #ff8f00 !important; stroke-width: 3 !important; }}
"""

SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById("explanations").textContent);
  var panel = document.getElementById("panel");
  var title = document.getElementById("panel-title");
  var state = document.getElementById("panel-state");
  var body = document.getElementById("panel-text");
  var picture = document.getElementById("picture");
  var pinned = null;
  function element(id) {
    var all = picture.querySelectorAll("[data-id]");
    for (var i = 0; i < all.length; i++) { if (all[i].getAttribute("data-id") === id) { return all[i]; } }
    return null;
  }
  function show(id) {
    var lines = data[id];
    if (!lines) { return; }
    var previous = picture.querySelectorAll(".selected");
    for (var i = 0; i < previous.length; i++) { previous[i].classList.remove("selected"); }
    var target = element(id);
    if (target) { target.classList.add("selected"); }
    var first = lines[0].trim();
    var pruned = /^- /.test(first) || (target !== null && target.classList.contains("pruned"));
    var kept = /^\\+ /.test(first);
    title.textContent = first.replace(/^[+-] /, "");
    state.textContent = pruned ? "pruned" : (kept ? "kept" : "");
    state.className = "state " + (pruned ? "pruned" : (kept ? "kept" : ""));
    state.style.display = (pruned || kept) ? "inline-block" : "none";
    body.textContent = lines.slice(1).join("\\n");
    panel.setAttribute("data-shown", id);
    var hints = panel.querySelectorAll(".hint");
    for (var j = 0; j < hints.length; j++) { hints[j].style.display = "none"; }
  }
  function around(event) {
    var node = event.target;
    while (node && node !== picture) {
      if (node.getAttribute && node.getAttribute("data-id")) { return node.getAttribute("data-id"); }
      node = node.parentNode;
    }
    return null;
  }
  picture.addEventListener("mouseover", function (event) {
    var id = around(event);
    if (id && pinned === null) { show(id); }
  });
  picture.addEventListener("click", function (event) {
    var id = around(event);
    pinned = id;
    if (id) {
      show(id);
      history.replaceState(null, "", "#" + encodeURIComponent(id));
    }
  });
  function fromAddress() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id && data[id]) { pinned = id; show(id); }
  }
  window.addEventListener("hashchange", fromAddress);
  fromAddress();
})();
"""


def render_html(view: EstateView) -> str:
    explanations = json.dumps(view.explanations(), sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    explanations = explanations.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    summary = "".join(f"<li>{xml(line)}</li>" for line in view.summary)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<!-- {NOTICE} -->
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{xml(view.title)}</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<div id="picture">
{render_svg(view)}</div>
<aside id="panel" aria-live="polite">
<h2 id="panel-title">{xml(view.title)}</h2>
<span id="panel-state" class="state" style="display:none"></span>
<ul class="hint">{summary}</ul>
<p class="hint">Point at a zone, unit, service, lake layer or workload to see what <code>relecloud plan</code> says
about it: kept or pruned, and why. Click to pin it; the page's address then links to it.</p>
<pre id="panel-text"></pre>
</aside>
</main>
<script type="application/json" id="explanations">{explanations}</script>
<script>{SCRIPT}</script>
</body>
</html>
"""
