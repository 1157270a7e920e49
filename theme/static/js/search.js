/* The search page: loads the Pagefind index (plugins/search)
   only when the reader types or submits. Results are links, in French. No third-party code. */
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!script || !form || !input || !window.URL) { return; }
  var bundle = new URL(script.getAttribute("data-bundle"), window.location.href);
  var pagefind = null;
  var timer = null;
  var latest = 0;
  // Each result's excerpt is one more request: five at first, five more on demand.
  var PAGE = 5;
  var more = document.createElement("button");
  more.type = "button";
  more.className = "search-more";
  more.textContent = "Afficher plus de résultats";
  more.hidden = true;
  list.parentNode.insertBefore(more, list.nextSibling);
  var pending = [];

  function load() {
    if (!pagefind) {
      pagefind = import(bundle.href).then(function (module) {
        // Results are site paths: resolve them from the site's root, wherever it is served.
        var root = bundle.pathname.replace(/[^/]+\/pagefind\.js$/, "");
        // noWorker: the index is small; a worker would cost one more script (40 KB) to fetch.
        return module.options({ baseUrl: root, excerptLength: 24, noWorker: true }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function plural(n, one, many) {
    return n.toLocaleString("fr-FR") + "\u00a0" + (n < 2 ? one : many);
  }

  function show(results) {
    results.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      var excerpt = document.createElement("p");
      // Pagefind's excerpt is markup with <mark>: parsed in an inert document,
      // only its text and its <mark> are kept.
      var parsed = new DOMParser().parseFromString(data.excerpt, "text/html").body.childNodes;
      Array.prototype.forEach.call(parsed, function (node) {
        if (node.nodeName === "MARK") {
          var mark = document.createElement("mark");
          mark.textContent = node.textContent;
          excerpt.appendChild(mark);
        } else {
          excerpt.appendChild(document.createTextNode(node.textContent));
        }
      });
      item.appendChild(link);
      item.appendChild(excerpt);
      list.appendChild(item);
    });
  }

  function next(ticket) {
    var batch = pending.splice(0, PAGE);
    if (ticket !== undefined) { list.textContent = ""; }
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (data) {
      if (ticket !== undefined && ticket !== latest) { return; }
      show(data);
      more.hidden = pending.length === 0;
    });
  }

  more.addEventListener("click", function () {
    var first = list.children.length;
    next().then(function () {
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) { link.focus(); }
    });
  });

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) { status.textContent = ""; list.textContent = ""; more.hidden = true; return; }
    status.textContent = "Recherche en cours…";
    load().then(function (module) { return module.search(query); }).then(function (found) {
      if (ticket !== latest) { return null; }
      pending = found.results.slice();
      return next(ticket).then(function () {
        if (ticket !== latest) { return; }
        var total = found.results.length;
        status.textContent = total
          ? plural(total, "résultat", "résultats") + "\u00a0pour «\u202f" + query + "\u202f»"
          : "Aucun résultat pour «\u202f" + query + "\u202f». Essayez un autre mot, ou les archives ci-dessous.";
      });
    }).catch(function () {
      status.textContent = "La recherche n’a pas pu se charger. Les archives ci-dessous restent disponibles.";
    });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value.trim());
    window.history.replaceState(null, "", url.href);
  });
  var initial = new URL(window.location.href).searchParams.get("q");
  if (initial) { input.value = initial; run(); }
})();
