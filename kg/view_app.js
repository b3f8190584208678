(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("kg-data").textContent);
  var NI = D.info.nodes, EI = D.info.edges;
  var byId = function (id) { return document.getElementById(id); };
  var meta = document.querySelector('meta[name="kg-lang"]');
  var LANG = meta && D.ui[meta.content] ? meta.content : D.lang;
  var W = D.ui[LANG];
  var api = { ready: false, readyMs: null, focused: null, data: D, lang: LANG };
  window.kgView = api;

  function t(key, vars) {
    var s = W[key] !== undefined ? W[key] : key;
    if (vars) Object.keys(vars).forEach(function (k) { s = s.split("{" + k + "}").join(vars[k]); });
    return s;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function fmt(c) { return c === null || c === undefined ? "n/a" : Number(c).toFixed(2); }
  function term(iri, fallback) {
    var x = D.terms[iri]; return x && x[LANG] ? x[LANG] : fallback;
  }
  document.querySelectorAll("[data-t]").forEach(function (e) { e.textContent = t(e.dataset.t); });
  document.querySelectorAll("[data-tp]").forEach(function (e) {
    e.placeholder = t(e.dataset.tp); e.setAttribute("aria-label", t(e.dataset.tp));
  });
  var KGO = "https://w3id.org/kgnews/ontology#";
  function classLabel(key) { return term(KGO + key, key); }
  // what the page carries compactly, unfolded: predicates by number, articles' mentions as
  // lists, evidence naming the article it comes from
  EI.forEach(function (e) {
    e.iri = D.preds[e.pi];
    if (e.kind !== "open" || !e.p) e.p = term(e.iri, e.iri.replace(/^.*[\/#]/, ""));
    e.ev.forEach(function (ev) {
      if (ev.ai !== null && ev.ai !== undefined) { ev.a = NI[ev.ai].label; ev.f = NI[ev.ai].source; }
    });
  });
  var MENTIONS = KGO + "mentions";
  NI.forEach(function (n, i) {
    (n.m || []).forEach(function (t) {
      EI.push({ f: i, t: t, iri: MENTIONS, p: term(MENTIONS, "mentions"), kind: "mentions",
        conf: null, nev: 0, refs: [], ev: [] });
    });
  });

  byId("kg-title").textContent = D.title;
  var iriIndex = {};
  var adj = [];
  function indexNode(i) { iriIndex[NI[i].iri] = i; adj[i] = adj[i] || []; }
  function indexEdge(j) { var e = EI[j]; adj[e.f].push(j); if (e.t !== e.f) adj[e.t].push(j); }
  NI.forEach(function (n, i) { indexNode(i); });
  EI.forEach(function (e, j) { indexEdge(j); });
  var edgeKey = {};
  EI.forEach(function (e, j) { edgeKey[e.f + " " + e.iri + " " + e.t] = j; });

  // ------------------------------------------------------------------ the network
  var nodes = new vis.DataSet([]), edges = new vis.DataSet([]);
  var container = byId("kg-canvas");
  var options = {
    autoResize: true, height: "100%", width: "100%",
    physics: { enabled: false }, layout: { improvedLayout: false, randomSeed: 7 },
    nodes: { borderWidth: 1, borderWidthSelected: 3 },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.6 } },
      color: { color: "#8a9aa6", highlight: "#d62728", hover: "#d62728", inherit: false },
      smooth: { enabled: false }, selectionWidth: 2, hoverWidth: 1
    },
    interaction: { hover: true, tooltipDelay: 200, dragNodes: true, multiselect: false,
      navigationButtons: false, keyboard: false, hideEdgesOnDrag: false }
  };
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  api.network = network; api.nodes = nodes; api.edges = edges;
  var shown = {}, shownCount = 0, edgeShown = {};
  var SPACING = 90;

  function colourOf(n) { return D.colours[n.cls] || "#999999"; }
  function sizeOf(n) {
    // relative to the page's most connected entity: in an archive they all have many facts
    return n.article ? 12 : Math.min(40, 8 + 32 * Math.sqrt((n.facts || 0) / D.fmax));
  }
  function visNode(i) {
    var n = NI[i], c = colourOf(n);
    return { id: i, shape: n.article ? "square" : "dot", size: sizeOf(n), x: n.x, y: n.y,
      color: { background: c, border: n.article ? "#555555" : c,
        highlight: { background: c, border: "#111111" }, hover: { background: c, border: "#111111" } } };
  }
  var pairCount = {};
  function visEdge(j) {
    var e = EI[j], o = { id: j, from: e.f, to: e.t };
    var key = Math.min(e.f, e.t) + " " + Math.max(e.f, e.t), k = pairCount[key] || 0;
    pairCount[key] = k + 1;
    if (k) {
      o.smooth = { enabled: true, type: ((k % 2 === 1) === (e.f <= e.t)) ? "curvedCW" : "curvedCCW",
        roundness: 0.25 * Math.floor((k + 1) / 2) };
    }
    if (e.kind === "mentions") {
      o.color = { color: "#d4d4d4", highlight: "#777777" }; o.width = 0.6;
    } else if (e.kind === "open") {
      o.dashes = true; o.color = { color: "#9a9a9a", highlight: "#555555" };
      o.width = 1 + (e.conf || 0);
    } else {
      o.width = 1 + 2 * (e.conf || 0);
    }
    return o;
  }
  // free places near (x, y): a sunflower around it, skipping places already taken
  var grid = {};
  function cell(x, y) { return Math.floor(x / SPACING) + ":" + Math.floor(y / SPACING); }
  function taken(x, y) {
    var cx = Math.floor(x / SPACING), cy = Math.floor(y / SPACING);
    for (var a = -1; a <= 1; a++) for (var b = -1; b <= 1; b++) {
      var list = grid[(cx + a) + ":" + (cy + b)];
      if (list) for (var k = 0; k < list.length; k++) {
        var p = list[k]; if (Math.abs(p[0] - x) < SPACING * 0.8 && Math.abs(p[1] - y) < SPACING * 0.6) return true;
      }
    }
    return false;
  }
  function occupy(x, y) { var c = cell(x, y); (grid[c] = grid[c] || []).push([x, y]); }
  var GOLDEN = Math.PI * (3 - Math.sqrt(5));
  function placeNear(x, y) {
    for (var i = 1; i < 5000; i++) {
      var r = SPACING * 0.75 * Math.sqrt(i), a = i * GOLDEN;
      var px = x + r * Math.cos(a), py = y + r * Math.sin(a);
      if (!taken(px, py)) return [px, py];
    }
    return [x + Math.random() * 50, y + Math.random() * 50];
  }
  function posOf(i) {  // where a drawn node is (it may have been dragged)
    var b = network.body.nodes[i];
    return b ? { x: b.x, y: b.y } : { x: NI[i].x, y: NI[i].y };
  }
  NI.forEach(function (n) { if (n.x !== undefined) { n.px = n.x; n.py = n.y; } });
  function addNodes(ids, around) {
    var add = [], addE = [];
    var centre = null;
    if (around !== undefined && around !== null && shown[around]) {
      var p = posOf(around); centre = [p.x, p.y];
    }
    ids.forEach(function (i) {
      if (shown[i]) return;
      var n = NI[i], xy;
      if (n.px !== undefined) xy = [n.px, n.py];  // the overview's layout, from the page
      else if (n.x !== undefined && !taken(n.x, n.y)) xy = [n.x, n.y];  // where it was before
      else {
        if (!centre) {
          // next to a shown neighbour, else the middle of the view
          var near = null;
          (adj[i] || []).some(function (j) {
            var o = EI[j].f === i ? EI[j].t : EI[j].f;
            if (shown[o]) { near = o; return true; } return false;
          });
          var q = near !== null ? posOf(near) : network.getViewPosition();
          xy = placeNear(q.x, q.y);
        } else xy = placeNear(centre[0], centre[1]);
      }
      n.x = xy[0]; n.y = xy[1]; occupy(n.x, n.y);
      shown[i] = true; shownCount++;
      var v = visNode(i); v.hidden = !passNode(i); add.push(v);
    });
    if (!add.length) return 0;
    nodes.add(add);
    add.forEach(function (v) {
      adj[v.id].forEach(function (j) {
        var e = EI[j];
        if (edgeShown[j] || !shown[e.f] || !shown[e.t]) return;
        edgeShown[j] = true;
        var o = visEdge(j); o.hidden = !passEdge(j); addE.push(o);
      });
    });
    if (addE.length) edges.add(addE);
    return add.length;
  }
  api.addNodes = addNodes;

  // ------------------------------------------------------------------ filters
  var state = { classes: {}, minConf: 0, articles: false, open: true, from: "", to: "",
    article: null };
  var scoped = false, scopeNode = null, scopeEdge = null;
  function dateOk(d) {
    if (!state.from && !state.to) return true;
    if (!d) return false;
    d = String(d).slice(0, 10);
    return (!state.from || d >= state.from) && (!state.to || d <= state.to);
  }
  function refOk(r) {
    var ai = r[0], d = r[1] || (ai >= 0 && NI[ai] ? NI[ai].date : null);
    return (state.article === null || ai === state.article) && dateOk(d);
  }
  function articleOk(i) {
    return (state.article === null || i === state.article) && dateOk(NI[i].date);
  }
  function computeScope() {
    scoped = !!(state.from || state.to || state.article !== null);
    if (!scoped) { scopeNode = scopeEdge = null; return; }
    scopeNode = new Uint8Array(NI.length); scopeEdge = new Uint8Array(EI.length);
    for (var j = 0; j < EI.length; j++) {
      var e = EI[j], ok;
      if (e.kind === "mentions") ok = articleOk(e.f);
      else ok = e.refs.some(refOk);
      if (ok) { scopeEdge[j] = 1; scopeNode[e.f] = 1; scopeNode[e.t] = 1; }
    }
    for (var i = 0; i < NI.length; i++) if (NI[i].article && !articleOk(i)) scopeNode[i] = 0;
  }
  function passNode(i) {
    var n = NI[i];
    if (n.article ? !state.articles : state.classes[n.cls] === false) return false;
    return !scoped || scopeNode[i] === 1;
  }
  var nodeHidden = {}, edgeHidden = {};
  function passEdge(j) {
    var e = EI[j];
    if (!passNode(e.f) || !passNode(e.t)) return false;
    if (e.kind !== "mentions") {
      if (e.conf === null || e.conf === undefined ? state.minConf > 0 : e.conf < state.minConf - 1e-9) return false;
    }
    if (e.kind === "open" && !state.open) return false;
    return !scoped || scopeEdge[j] === 1;
  }
  var status = byId("kg-status"), msg = byId("kg-msg");
  function applyFilters() {
    computeScope();
    var nu = [], eu = [], shownN = 0, shownE = 0, id, h;
    nodes.getIds().forEach(function (i) {
      h = !passNode(i);
      if (h !== !!nodeHidden[i]) { nodeHidden[i] = h; nu.push({ id: i, hidden: h }); }
      if (!h) shownN++;
    });
    edges.getIds().forEach(function (j) {
      h = !passEdge(j);
      if (h !== !!edgeHidden[j]) { edgeHidden[j] = h; eu.push({ id: j, hidden: h }); }
      if (!h) shownE++;
    });
    if (nu.length) nodes.update(nu);
    if (eu.length) edges.update(eu);
    var entities = NI.length - NI.filter(function (n) { return n.article; }).length;
    status.textContent = D.total.entities > entities
      ? t("status", { n: shownN, shown: shownCount, e: shownE, pn: entities, tn: D.total.entities })
      : t("status_small", { n: shownN, shown: shownCount, e: shownE });
  }
  function syncHidden() {  // after nodes were added
    nodes.getIds().forEach(function (i) { nodeHidden[i] = !passNode(i); });
    edges.getIds().forEach(function (j) { edgeHidden[j] = !passEdge(j); });
  }
  api.applyFilters = applyFilters;
  api.visibleNodeCount = function () {
    var n = 0; nodes.getIds().forEach(function (i) { if (passNode(i)) n++; }); return n;
  };
  api.visibleNodes = function () {
    return nodes.getIds().filter(passNode).map(function (i) { return NI[i].iri; });
  };
  api.shownNodes = function () { return nodes.getIds().map(function (i) { return NI[i].iri; }); };

  var legend = byId("kg-legend"), boxes = {}, hasArticles = false;
  D.classes.forEach(function (c) {
    if (c.key === "NewsArticle") { hasArticles = true; return; }
    state.classes[c.key] = true;
    var lab = el("label"), box = el("input"), sw = el("span", "sw");
    box.type = "checkbox"; box.checked = true; box.setAttribute("data-cls", c.key);
    sw.style.background = c.color;
    box.addEventListener("change", function () { state.classes[c.key] = box.checked; applyFilters(); });
    lab.appendChild(box); lab.appendChild(sw); lab.appendChild(el("span", "", classLabel(c.key)));
    lab.appendChild(el("span", "cnt", c.count));
    legend.appendChild(lab); boxes[c.key] = box;
  });
  var openBox = byId("kg-open");
  if (!EI.some(function (e) { return e.kind === "open"; })) openBox.disabled = true;
  openBox.addEventListener("change", function () { state.open = openBox.checked; applyFilters(); });
  var artBox = byId("kg-articles");
  if (D.colours.NewsArticle) byId("kg-art-sw").style.background = D.colours.NewsArticle;
  if (!hasArticles) artBox.disabled = true;
  var ARTICLES_DRAWN = 200;
  function showArticles() {
    // the page's articles that mention what is drawn: those mentioning most of it, 200 at most
    var count = {};
    nodes.getIds().forEach(function (i) {
      if (NI[i].article) return;
      adj[i].forEach(function (j) {
        var e = EI[j];
        if (e.kind === "mentions" && !shown[e.f]) count[e.f] = (count[e.f] || 0) + 1;
      });
    });
    var ids = Object.keys(count).map(Number);
    ids.sort(function (a, b) { return count[b] - count[a] || a - b; });
    addNodes(ids.slice(0, ARTICLES_DRAWN));
  }
  artBox.addEventListener("change", function () {
    state.articles = artBox.checked;
    if (state.articles) showArticles();
    applyFilters();
  });
  var conf = byId("kg-conf"), confVal = byId("kg-conf-val"), confTimer = null;
  function readConf() { state.minConf = Number(conf.value); confVal.textContent = fmt(state.minConf); }
  conf.addEventListener("input", function () {
    readConf(); clearTimeout(confTimer); confTimer = setTimeout(applyFilters, 60);
  });
  conf.addEventListener("change", function () { clearTimeout(confTimer); readConf(); applyFilters(); });
  var from = byId("kg-from"), to = byId("kg-to");
  if (D.dates) { from.min = to.min = D.dates[0]; from.max = to.max = D.dates[1]; }
  else { from.disabled = to.disabled = true; }
  function readDates() { state.from = from.value || ""; state.to = to.value || ""; applyFilters(); }
  from.addEventListener("change", readDates); to.addEventListener("change", readDates);
  api.setDates = function (a, b) { from.value = a || ""; to.value = b || ""; readDates(); };

  // filter by article: the article's entities are drawn, the others hidden
  var artQ = byId("kg-art-q"), artResults = byId("kg-art-results"), chip = byId("kg-art-chip");
  function norm(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function setArticle(i) {
    state.article = i === null || i === undefined ? null : i;
    clear(artResults); artQ.value = "";
    if (state.article !== null) {
      var n = NI[state.article];
      byId("kg-art-name").textContent = n.label + (n.date ? " (" + n.date + ")" : "");
      chip.hidden = false;
      var ids = [];
      adj[state.article].forEach(function (j) { var e = EI[j]; if (e.kind === "mentions") ids.push(e.t); });
      EI.forEach(function (e) {
        if (e.kind !== "mentions" && e.refs.some(function (r) { return r[0] === state.article; })) ids.push(e.f, e.t);
      });
      addNodes(ids);
    } else chip.hidden = true;
    applyFilters();
    if (state.article !== null) network.fit({ nodes: api.visibleNodes().map(function (iri) { return iriIndex[iri]; }), animation: false });
  }
  api.setArticle = setArticle;
  byId("kg-art-clear").addEventListener("click", function () { setArticle(null); });
  artQ.addEventListener("input", function () {
    clear(artResults);
    var q = norm(artQ.value.trim()); if (!q) return;
    var hits = 0;
    for (var i = 0; i < NI.length && hits < 20; i++) {
      var n = NI[i];
      if (!n.article || (norm(n.label).indexOf(q) < 0 && norm(n.source || "").indexOf(q) < 0)) continue;
      hits++;
      (function (i) {
        var li = el("li"), b = el("button", "", NI[i].label + (NI[i].date ? " · " + NI[i].date : ""));
        b.type = "button"; b.addEventListener("click", function () { setArticle(i); });
        li.appendChild(b); artResults.appendChild(li);
      })(i);
    }
  });

  // ------------------------------------------------------------------ labels
  // vis-network draws no text: names are drawn here, at a constant size on screen, each only
  // where it overlaps no name already drawn (the most connected first), so that they never
  // cover one another; the others show on hover, or when zooming in makes room.
  var widths = {}, hovered = null, labelBoxes = [];
  var FONT = 13, FONT_FAMILY = 'system-ui,-apple-system,"Segoe UI",Roboto,sans-serif';
  function short(s) { s = String(s); return s.length <= 40 ? s : s.slice(0, 39) + "…"; }
  function drawLabels(ctx) {
    var scale = network.getScale(), fs = FONT / scale, selected = {};
    network.getSelectedNodes().forEach(function (i) { selected[i] = true; });
    var cands = [];
    nodes.getIds().forEach(function (i) {
      if (nodeHidden[i]) return;
      var n = NI[i];
      var pri = i === hovered ? 0 : selected[i] ? 1 : i === api.focused ? 2 : n.article ? 4 : 3;
      cands.push([pri, -(n.facts || 0), i]);
    });
    cands.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    var view = network.DOMtoCanvas({ x: 0, y: 0 }), view2 = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
    var cellSize = 120 / scale, occ = {}, out = [];
    function hit(b) {
      var x0 = Math.floor(b[0] / cellSize), x1 = Math.floor(b[2] / cellSize);
      var y0 = Math.floor(b[1] / cellSize), y1 = Math.floor(b[3] / cellSize);
      for (var cx = x0; cx <= x1; cx++) for (var cy = y0; cy <= y1; cy++) {
        var l = occ[cx + ":" + cy];
        if (l) for (var k = 0; k < l.length; k++) {
          var o = l[k];
          if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) return true;
        }
      }
      return false;
    }
    function put(b) {
      var x0 = Math.floor(b[0] / cellSize), x1 = Math.floor(b[2] / cellSize);
      var y0 = Math.floor(b[1] / cellSize), y1 = Math.floor(b[3] / cellSize);
      for (var cx = x0; cx <= x1; cx++) for (var cy = y0; cy <= y1; cy++) (occ[cx + ":" + cy] = occ[cx + ":" + cy] || []).push(b);
    }
    ctx.save();
    ctx.font = "100px " + FONT_FAMILY;
    var texts = [];
    // a name may cross a node (its white outline keeps it readable), never another name
    cands.forEach(function (c) {
      var i = c[2], body = network.body.nodes[i];
      if (!body) return;
      var text = short(NI[i].label);
      if (widths[text] === undefined) widths[text] = ctx.measureText(text).width / 100;
      var w = widths[text] * fs, r = sizeOf(NI[i]);
      var x = body.x, y = body.y + r + 2 / scale;
      var b = [x - w / 2 - 2 / scale, y, x + w / 2 + 2 / scale, y + fs * 1.25];
      if (b[2] < view.x || b[0] > view2.x || b[3] < view.y || b[1] > view2.y) return;
      if (c[0] > 0 && hit(b)) return;
      put(b); texts.push([text, x, y, b, i]);
    });
    // names of relations, where room is left
    if (scale > 0.55 || edges.length <= 60) {
      edges.getIds().forEach(function (j) {
        if (edgeHidden[j] || EI[j].kind === "mentions") return;
        var be = network.body.edges[j];
        if (!be || !be.edgeType) return;
        var m = be.edgeType.getPoint(0.5), text = short(EI[j].p);
        if (widths[text] === undefined) widths[text] = ctx.measureText(text).width / 100;
        var efs = fs * 0.85, w = widths[text] * efs;
        var b = [m.x - w / 2, m.y - efs * 0.65, m.x + w / 2, m.y + efs * 0.65];
        if (b[2] < view.x || b[0] > view2.x || b[3] < view.y || b[1] > view2.y || hit(b)) return;
        put(b); texts.push([text, m.x, m.y - efs * 0.6, b, -1 - j]);
      });
    }
    ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.lineJoin = "round";
    texts.forEach(function (x) {
      var edge = x[4] < 0, size = edge ? fs * 0.85 : fs;
      ctx.font = size + "px " + FONT_FAMILY;
      ctx.lineWidth = 3 / scale; ctx.strokeStyle = "#ffffff";
      ctx.fillStyle = edge ? "#4a4a4a" : "#222222";
      ctx.strokeText(x[0], x[1], x[2]); ctx.fillText(x[0], x[1], x[2]);
      out.push({ text: x[0], node: edge ? null : x[4], edge: edge ? -1 - x[4] : null,
        box: x[3].map(function (v) { return Math.round(v * scale * 10) / 10; }) });
    });
    ctx.restore();
    labelBoxes = out;
  }
  network.on("afterDrawing", drawLabels);
  api.labels = function () { return labelBoxes; };
  api.labelOverlaps = function () {
    var n = 0;
    for (var a = 0; a < labelBoxes.length; a++) for (var b = a + 1; b < labelBoxes.length; b++) {
      var p = labelBoxes[a].box, q = labelBoxes[b].box;
      if (p[0] < q[2] && q[0] < p[2] && p[1] < q[3] && q[1] < p[3]) n++;
    }
    return n;
  };

  // ------------------------------------------------------------------ the server (kg serve)
  var remote = /^https?:$/.test(location.protocol);
  api.remote = remote;
  var SAFE_IRI = /^[^<>"{}|^`\\\s]+$/;
  var NOT_FACTS = ["rdf:type", "owl:sameAs", "skos:exactMatch", "skos:closeMatch", "rdfs:seeAlso",
    "rdfs:label", "skos:altLabel", "kgo:mentions"];
  var PREFIXES = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n" +
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX owl: <http://www.w3.org/2002/07/owl#>\n" +
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n" +
    "PREFIX dcterms: <http://purl.org/dc/terms/>\nPREFIX kgo: <" + KGO + ">\n";
  function sparql(query) {
    return fetch("sparql", { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json" },
      body: PREFIXES + query }).then(function (r) {
        if (!r.ok) return r.text().then(function (x) { throw new Error(r.status + " " + x.slice(0, 200)); });
        return r.json();
      }).then(function (j) { return j.results.bindings; });
  }
  api.sparql = sparql;
  var DEPTH = { AIModel: 2, Company: 1, Software: 1 };
  function pickClass(list) {
    var best = null;
    list.split(" ").forEach(function (c) {
      if (c.indexOf(KGO) !== 0) return;
      var k = c.slice(KGO.length);
      if (best === null || (DEPTH[k] || 0) > (DEPTH[best] || 0) || ((DEPTH[k] || 0) === (DEPTH[best] || 0) && k < best)) best = k;
    });
    return best || "Thing";
  }
  function v(row, k) { return row[k] ? row[k].value : null; }
  // two small queries (joined here: one query joining both is a hundred times slower on a
  // hub): the neighbours with their names and classes, and the facts' evidence in figures
  function neighbourQuery(iri) {
    return "SELECT ?s ?p ?o ?n (SAMPLE(?l) AS ?label)" +
      " (GROUP_CONCAT(DISTINCT STR(?c); separator=\" \") AS ?cls) WHERE {\n" +
      " { <" + iri + "> ?p ?n . BIND(<" + iri + "> AS ?s) BIND(?n AS ?o) } UNION\n" +
      " { ?n ?p <" + iri + "> . BIND(?n AS ?s) BIND(<" + iri + "> AS ?o) }\n" +
      " FILTER(isIRI(?n) && ?p NOT IN (" + NOT_FACTS.join(", ") + "))\n" +
      " ?n a ?c . FILTER(STRSTARTS(STR(?c), \"" + KGO + "\")" +
      " && ?c NOT IN (kgo:NewsArticle, kgo:Mention, kgo:Extractor))\n" +
      " OPTIONAL { ?n rdfs:label ?l }\n" +
      "} GROUP BY ?s ?p ?o ?n LIMIT 5000";
  }
  function factQuery(iri) {
    return "SELECT ?s ?p ?o (MAX(?cf) AS ?conf) (COUNT(DISTINCT ?st) AS ?nev)" +
      " (GROUP_CONCAT(DISTINCT STR(?doc); separator=\" \") AS ?docs)" +
      " (GROUP_CONCAT(DISTINCT STR(?dt); separator=\" \") AS ?dates) (SAMPLE(?rt) AS ?words)" +
      " WHERE {\n" +
      " { ?st rdf:subject <" + iri + "> ; rdf:object ?o . BIND(<" + iri + "> AS ?s) } UNION\n" +
      " { ?st rdf:object <" + iri + "> ; rdf:subject ?s . BIND(<" + iri + "> AS ?o) }\n" +
      " ?st rdf:predicate ?p .\n" +
      " OPTIONAL { ?st kgo:confidence ?cf } OPTIONAL { ?st kgo:relationText ?rt }\n" +
      " OPTIONAL { ?st prov:wasDerivedFrom ?doc } OPTIONAL { ?st kgo:assertedOn ?dt }\n" +
      "} GROUP BY ?s ?p ?o LIMIT 5000";
  }
  var fetched = {};
  function fetchNeighbours(i) {
    var iri = NI[i].iri;
    if (fetched[i] || !SAFE_IRI.test(iri)) return Promise.resolve(0);
    msg.textContent = t("fetching");
    return Promise.all([sparql(neighbourQuery(iri)), sparql(factQuery(iri))]).then(function (got) {
      fetched[i] = true;
      var figures = {}, count = 0;
      got[1].forEach(function (row) { figures[v(row, "s") + " " + v(row, "p") + " " + v(row, "o")] = row; });
      got[0].forEach(function (row) {
        var n = v(row, "n");
        var other = iriIndex[n];
        if (other === undefined) {
          other = NI.length;
          NI.push({ iri: n, label: v(row, "label") || n.replace(/^.*[\/#]/, ""),
            cls: pickClass(v(row, "cls") || ""), alt: [], wd: null, facts: 0, article: false,
            attrs: [], remote: true });
          indexNode(other);
        }
        var f = v(row, "s") === iri ? i : other, to = f === i ? other : i;
        if (v(row, "s") === v(row, "o")) { f = to = i; }
        var p = v(row, "p"), key = f + " " + p + " " + to;
        if (edgeKey[key] !== undefined) return;
        var fig = figures[v(row, "s") + " " + p + " " + v(row, "o")] || {};
        var words = v(fig, "words"), open = p === KGO + "relatedTo";
        // articles and dates come apart here: a reference matches when either does
        var refs = [];
        (v(fig, "docs") || "").split(" ").filter(Boolean).forEach(function (d) {
          var ai = iriIndex[d]; refs.push([ai === undefined ? -1 : ai, ""]);
        });
        (v(fig, "dates") || "").split(" ").filter(Boolean).forEach(function (d) {
          refs.push([-1, d.slice(0, 10)]);
        });
        EI.push({ f: f, t: to, iri: p, kind: open ? "open" : "fact",
          p: open && words ? words : term(p, p.replace(/^.*[\/#]/, "")),
          conf: v(fig, "conf") !== null ? Number(v(fig, "conf")) : null,
          nev: Number(v(fig, "nev") || 0), refs: refs, ev: [], remote: true });
        edgeKey[key] = EI.length - 1; indexEdge(EI.length - 1);
        NI[other].facts = Math.max(NI[other].facts || 0, 1);
        count++;
      });
      msg.textContent = t("fetched", { label: NI[i].label, n: got[0].length });
      return count;
    });
  }
  function evidenceQuery(e) {
    var s = NI[e.f].iri, o = NI[e.t].iri;
    return "SELECT ?st ?text ?doc ?title ?file ?ddate ?adate ?conf ?xl ?x ?start ?ss ?se ?os ?oe ?rt WHERE {\n" +
      " ?st rdf:subject <" + s + "> ; rdf:predicate <" + e.iri + "> ; rdf:object <" + o + "> .\n" +
      " OPTIONAL { ?st kgo:evidenceText ?text } OPTIONAL { ?st kgo:confidence ?conf }\n" +
      " OPTIONAL { ?st prov:wasDerivedFrom ?doc OPTIONAL { ?doc dcterms:title ?title }\n" +
      "   OPTIONAL { ?doc kgo:sourceFile ?file } OPTIONAL { ?doc dcterms:date ?ddate } }\n" +
      " OPTIONAL { ?st kgo:assertedOn ?adate }\n" +
      " OPTIONAL { ?st prov:wasAttributedTo ?x OPTIONAL { ?x rdfs:label ?xl } }\n" +
      " OPTIONAL { ?st kgo:startOffset ?start } OPTIONAL { ?st kgo:relationText ?rt }\n" +
      " OPTIONAL { ?st kgo:subjectMention ?sm . ?sm kgo:startOffset ?ss ; kgo:endOffset ?se }\n" +
      " OPTIONAL { ?st kgo:objectMention ?om . ?om kgo:startOffset ?os ; kgo:endOffset ?oe }\n" +
      "} ORDER BY DESC(?conf) ?st LIMIT 300";
  }
  function fetchEvidence(j) {
    var e = EI[j];
    if (e.evFetched || ![NI[e.f].iri, NI[e.t].iri, e.iri].every(function (x) { return SAFE_IRI.test(x); })) return Promise.resolve();
    return sparql(evidenceQuery(e)).then(function (rows) {
      var seen = {}, ev = [];
      rows.forEach(function (r) {
        var st = v(r, "st"); if (seen[st]) return; seen[st] = true;
        var start = v(r, "start") !== null ? Number(v(r, "start")) : null;
        function span(a, b) {
          return start === null || v(r, a) === null || v(r, b) === null ? null
            : [Number(v(r, a)) - start, Number(v(r, b)) - start];
        }
        var doc = v(r, "doc");
        ev.push({ t: v(r, "text") || "", a: v(r, "title") || v(r, "file") || doc, f: v(r, "file"),
          ai: doc && iriIndex[doc] !== undefined ? iriIndex[doc] : null,
          d: (v(r, "adate") || v(r, "ddate") || "").slice(0, 10) || null,
          c: v(r, "conf") !== null ? Number(v(r, "conf")) : null, x: v(r, "xl") || v(r, "x"),
          s: span("ss", "se"), o: span("os", "oe"), r: v(r, "rt") });
      });
      e.ev = ev; e.nev = Math.max(e.nev || 0, ev.length); e.evFetched = true;
    });
  }

  // ------------------------------------------------------------------ expanding
  function factEdges(i) { return adj[i].filter(function (j) { return EI[j].kind !== "mentions"; }); }
  function neighbours(i) {
    var out = [], seen = {};
    adj[i].forEach(function (j) {
      var e = EI[j], o = e.f === i ? e.t : e.f;
      if (o === i || seen[o]) return;
      if (NI[i].article ? e.kind !== "mentions" : e.kind === "mentions") return;
      seen[o] = true; out.push(o);
    });
    return out;
  }
  function isCut(i) {
    var n = NI[i];
    return !n.article && (n.facts || 0) > factEdges(i).length;
  }
  api.isCut = isCut;
  function expandLocal(i) {
    var todo = neighbours(i).filter(function (o) { return !shown[o]; });
    todo.sort(function (a, b) { return (NI[b].facts || 0) - (NI[a].facts || 0) || a - b; });
    var now = todo.slice(0, D.limits.step);
    var added = addNodes(now, i);
    syncHidden(); applyFilters();
    var text = t("added", { label: NI[i].label, n: added });
    if (todo.length > now.length) text += " — " + t("more", { n: todo.length - now.length });
    if (isCut(i) && !remote) text += " — " + t("cut", { a: factEdges(i).length, b: NI[i].facts, max: D.limits.entities });
    msg.textContent = text;
    return added;
  }
  function expand(i) {
    if (remote && !NI[i].article && (isCut(i) || NI[i].remote) && !fetched[i]) {
      return fetchNeighbours(i).then(function () { return expandLocal(i); }, function (err) {
        msg.textContent = t("fetch_failed", { err: String(err && err.message || err) });
        return expandLocal(i);
      });
    }
    return Promise.resolve(expandLocal(i));
  }
  api.expand = function (i) { return expand(i).then(function (n) { if (!panel.hidden && panel.getAttribute("data-node") === String(i)) showNode(i); return n; }); };

  // ------------------------------------------------------------------ tooltip
  var tip = byId("kg-tip"), tipTimer = null, overTip = false;
  function wikidataLink(qid) {
    var a = el("a", "", qid);
    a.href = "https://www.wikidata.org/wiki/" + encodeURIComponent(qid);
    a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }
  function placeTip(pointer) {
    var w = container.clientWidth, hgt = container.clientHeight;
    var x = Math.min(pointer.x + 14, Math.max(0, w - tip.offsetWidth - 4));
    var y = Math.min(pointer.y + 14, Math.max(0, hgt - tip.offsetHeight - 4));
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }
  function showNodeTip(id, pointer) {
    var n = NI[id];
    clear(tip);
    tip.appendChild(el("div", "tt", n.label));
    tip.appendChild(el("div", "muted", classLabel(n.cls) + (n.date ? " · " + n.date : "")));
    if (n.alt.length) {
      var more = n.alt.length > 8 ? " (+" + (n.alt.length - 8) + ")" : "";
      tip.appendChild(el("div", "", t("also") + ": " + n.alt.slice(0, 8).join(", ") + more));
    }
    if (n.wd) {
      var d = el("div", "", "Wikidata: "); d.appendChild(wikidataLink(n.wd)); tip.appendChild(d);
    }
    tip.appendChild(el("div", "", (n.article ? t("facts_evidenced") : t("facts")) + ": " + n.facts));
    tip.hidden = false;
    placeTip(pointer);
  }
  function evCount(n) { return t(n === 1 ? "evidence_one" : "evidence_many", { n: n }); }
  function showEdgeTip(id, pointer) {
    var e = EI[id];
    clear(tip);
    tip.appendChild(el("div", "tt", NI[e.f].label + " → " + e.p + " → " + NI[e.t].label));
    if (e.kind !== "mentions") {
      tip.appendChild(el("div", "muted", (e.kind === "open" ? t("open_relation") + ", " : "") +
        t("confidence") + " " + fmt(e.conf) + ", " + evCount(e.nev) + " (" + t("click_details") + ")"));
    }
    tip.hidden = false;
    placeTip(pointer);
  }
  function pointerOf(params, fallbackId) {
    if (params && params.pointer && params.pointer.DOM) return params.pointer.DOM;
    return network.canvasToDOM(network.getPosition(fallbackId));
  }
  function hideTipSoon() {
    clearTimeout(tipTimer);
    tipTimer = setTimeout(function () { if (!overTip) tip.hidden = true; }, 250);
  }
  tip.addEventListener("mouseenter", function () { overTip = true; clearTimeout(tipTimer); });
  tip.addEventListener("mouseleave", function () { overTip = false; hideTipSoon(); });
  network.on("hoverNode", function (p) {
    clearTimeout(tipTimer); hovered = p.node; showNodeTip(p.node, pointerOf(p, p.node)); network.redraw();
  });
  network.on("hoverEdge", function (p) {
    clearTimeout(tipTimer);
    if (p.pointer && p.pointer.DOM) showEdgeTip(p.edge, p.pointer.DOM);
  });
  network.on("blurNode", function () { hovered = null; hideTipSoon(); });
  network.on("blurEdge", hideTipSoon);
  network.on("dragStart", function () { tip.hidden = true; });
  network.on("zoom", function () { tip.hidden = true; });

  // ------------------------------------------------------------------ side panel
  var panel = byId("kg-panel");
  function openPanel() {
    clear(panel);
    panel.removeAttribute("data-node"); panel.removeAttribute("data-edge");
    var close = el("button", "", "×");
    close.id = "kg-close"; close.title = t("close"); close.type = "button";
    close.addEventListener("click", function () {
      panel.hidden = true; network.unselectAll(); resizeCanvas();
    });
    panel.appendChild(close);
    if (panel.hidden) { panel.hidden = false; resizeCanvas(); }
    return panel;
  }
  function resizeCanvas() { network.setSize("100%", "100%"); network.redraw(); }
  function kv(key, value) {
    var d = el("div", "kv");
    d.appendChild(el("b", "", key + ": "));
    if (value instanceof Node) d.appendChild(value);
    else d.appendChild(document.createTextNode(String(value)));
    return d;
  }
  function highlighted(text, spans) {
    // offsets are Unicode code points (Python str indices): index an array of code points
    var cps = Array.from(text), marks = new Uint8Array(cps.length), out = el("blockquote");
    spans.forEach(function (s) {
      var r = s[0];
      if (!r || r[0] < 0 || r[1] > cps.length || r[0] >= r[1]) return;
      for (var k = r[0]; k < r[1]; k++) marks[k] |= s[1];
    });
    var i = 0;
    while (i < cps.length) {
      var j = i;
      while (j < cps.length && marks[j] === marks[i]) j++;
      var chunk = cps.slice(i, j).join("");
      if (marks[i]) {
        var m = el("mark", "m" + marks[i], chunk);
        m.title = marks[i] === 1 ? t("subject") : marks[i] === 2 ? t("object") : t("subject_object");
        out.appendChild(m);
      } else out.appendChild(document.createTextNode(chunk));
      i = j;
    }
    return out;
  }
  function factHeading(e) {
    var h = el("h2", "fact");
    h.appendChild(el("span", "", NI[e.f].label));
    h.appendChild(document.createTextNode(" → "));
    h.appendChild(el("span", "p", e.p));
    h.appendChild(document.createTextNode(" → "));
    h.appendChild(el("span", "", NI[e.t].label));
    return h;
  }
  function showEdge(id) {
    var e = EI[id], p = openPanel();
    p.setAttribute("data-edge", String(id));
    p.appendChild(factHeading(e));
    if (e.kind === "mentions") { p.appendChild(el("div", "muted", t("mentions_note"))); return; }
    p.appendChild(kv(t("conf_highest"), fmt(e.conf)));
    p.appendChild(kv(t("property"), e.iri));
    if (e.kind === "open") p.appendChild(el("div", "muted", t("open_note")));
    p.appendChild(el("div", "sec", evCount(Math.max(e.nev || 0, e.ev.length))));
    var key = el("div", "kv");
    key.appendChild(el("mark", "m1", t("subject"))); key.appendChild(document.createTextNode(" "));
    key.appendChild(el("mark", "m2", t("object")));
    p.appendChild(key);
    e.ev.slice(0, 300).forEach(function (ev) {
      var box = el("div", "ev");
      box.appendChild(highlighted(ev.t, [[ev.s, 1], [ev.o, 2]]));
      if (ev.r) box.appendChild(kv(t("predicate"), ev.r));
      var art = ev.a || t("unknown_article");
      if (ev.f && ev.f !== ev.a) art += " (" + ev.f + ")";
      box.appendChild(kv(t("article"), art));
      var d = ev.d || (ev.ai !== null && ev.ai !== undefined && NI[ev.ai] ? NI[ev.ai].date : null);
      if (d) box.appendChild(kv(t("date"), d));
      box.appendChild(kv(t("confidence").charAt(0).toUpperCase() + t("confidence").slice(1), fmt(ev.c)));
      box.appendChild(kv(t("extractor"), ev.x || t("unknown")));
      p.appendChild(box);
    });
    var missing = (e.nev || 0) - e.ev.length;
    if (missing > 0) {
      if (remote && !e.evFetched) {
        p.appendChild(el("div", "muted", t("ev_fetching")));
        fetchEvidence(id).then(function () {
          if (!panel.hidden && panel.getAttribute("data-edge") === String(id)) showEdge(id);
        }, function (err) { msg.textContent = t("fetch_failed", { err: String(err && err.message || err) }); });
      } else p.appendChild(el("div", "cut", t("ev_cut", { n: missing, k: D.limits.evidence })));
    }
  }
  function showNode(id) {
    var n = NI[id], p = openPanel();
    p.setAttribute("data-node", String(id));
    p.appendChild(el("h2", "fact", n.label));
    p.appendChild(kv(t("class"), classLabel(n.cls)));
    p.appendChild(kv("IRI", n.iri));
    if (n.source) p.appendChild(kv(t("source_file"), n.source));
    if (n.date) p.appendChild(kv(t("date"), n.date));
    if (n.alt.length) p.appendChild(kv(t("other_names"), n.alt.join(", ")));
    if (n.wd) p.appendChild(kv("Wikidata", wikidataLink(n.wd)));
    n.attrs.forEach(function (a) { p.appendChild(kv(a[0], a[1])); });
    p.appendChild(kv(n.article ? t("facts_evidenced") : t("facts"), n.facts));
    if (isCut(id) && !(remote && fetched[id])) {
      p.appendChild(el("div", "cut", t("cut", { a: factEdges(id).length, b: n.facts, max: D.limits.entities })));
    }
    var conn = adj[id];
    if (conn.length) p.appendChild(el("div", "sec", t("edges")));
    conn.slice(0, 200).forEach(function (eid) {
      var e = EI[eid];
      var txt = e.f === id ? "→ " + e.p + " → " + NI[e.t].label : "← " + e.p + " ← " + NI[e.f].label;
      var b = el("button", "linkish", txt);
      b.type = "button";
      b.addEventListener("click", function () {
        addNodes([e.f, e.t], id); syncHidden(); applyFilters();
        network.selectEdges([eid]); showEdge(eid);
      });
      p.appendChild(b);
    });
    if (conn.length > 200) p.appendChild(el("div", "muted", t("more_items", { n: conn.length - 200 })));
  }
  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      showNode(id);
      api.expand(id);
    } else if (params.edges.length) showEdge(params.edges[0]);
  });
  api.showEdge = function (id) { addNodes([EI[id].f, EI[id].t]); syncHidden(); applyFilters(); showEdge(id); };
  api.showNode = showNode;

  // ------------------------------------------------------------------ search
  var search = byId("kg-search"), results = byId("kg-results"), searchTimer = null;
  var index = [];
  function find(q) {
    q = norm(q.trim());
    if (!q) return [];
    for (var k0 = index.length; k0 < NI.length; k0++) index.push([norm(NI[k0].label)].concat(NI[k0].alt.map(norm)));
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var best = 9;
      for (var k = 0; k < index[i].length; k++) {
        var s = index[i][k], r = s === q ? 0 : s.indexOf(q) === 0 ? 1 : s.indexOf(q) > 0 ? 2 : 9;
        if (r < best) best = r + (k ? 0.5 : 0);
      }
      if (best < 9) hits.push([best, NI[i].label.length, i]);
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return hits.slice(0, 20).map(function (h) { return h[2]; });
  }
  function focusNode(id) {
    var n = NI[id];
    if (!shown[id]) { addNodes([id]); syncHidden(); }
    if (!passNode(id)) {
      if (n.article) { state.articles = true; artBox.checked = true; }
      else if (boxes[n.cls]) { state.classes[n.cls] = true; boxes[n.cls].checked = true; }
      if (scoped && !scopeNode[id]) { state.from = state.to = ""; from.value = to.value = ""; setArticle(null); }
    }
    applyFilters();
    showNode(id);
    network.selectNodes([id], false);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2),
      animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    api.focused = id;
  }
  function remoteFind(q) {
    var lit = JSON.stringify(q.trim().toLowerCase().slice(0, 100));  // accents as written
    return sparql("SELECT ?e (SAMPLE(?l) AS ?label) (GROUP_CONCAT(DISTINCT STR(?c); separator=\" \") AS ?cls) WHERE {\n" +
      " ?e rdfs:label ?l . FILTER(CONTAINS(LCASE(STR(?l)), " + lit + "))\n" +
      " ?e a ?c . FILTER(STRSTARTS(STR(?c), \"" + KGO + "\") && ?c NOT IN (kgo:NewsArticle, kgo:Mention, kgo:Extractor))\n" +
      "} GROUP BY ?e LIMIT 20").then(function (rows) {
        return rows.map(function (row) {
          var iri = v(row, "e"), i = iriIndex[iri];
          if (i === undefined) {
            i = NI.length;
            NI.push({ iri: iri, label: v(row, "label") || iri, cls: pickClass(v(row, "cls") || ""),
              alt: [], wd: null, facts: 0, article: false, attrs: [], remote: true });
            indexNode(i);
          }
          return i;
        });
      });
  }
  function renderResults(list) {
    clear(results);
    list.forEach(function (i) {
      var li = el("li"), b = el("button", "", NI[i].label);
      b.type = "button";
      var facts = NI[i].remote && !fetched[i] ? "" : " · " + NI[i].facts + " " + t(NI[i].facts === 1 ? "fact_one" : "fact_many");
      b.appendChild(el("span", "muted", " · " + classLabel(NI[i].cls) + facts));
      b.addEventListener("click", function () { focusNode(i); });
      li.appendChild(b); results.appendChild(li);
    });
  }
  function lookUp(thenFocus) {
    var q = search.value, hits = find(q);
    var exact = function (i) { return norm(NI[i].label) === norm(q.trim()); };
    if (!remote || !q.trim() || (hits.length && exact(hits[0]))) {
      renderResults(hits); if (thenFocus && hits.length) focusNode(hits[0]); return;
    }
    // served: the server's entities of that name too (the page carries only some)
    remoteFind(q).then(function (list) {
      if (search.value !== q) return;
      var seen = {}, merged = [];
      list.filter(exact).concat(hits, list).forEach(function (i) {
        if (!seen[i]) { seen[i] = true; merged.push(i); }
      });
      merged = merged.slice(0, 20);
      renderResults(merged); if (thenFocus && merged.length) focusNode(merged[0]);
    }, function (err) {
      msg.textContent = t("fetch_failed", { err: String(err && err.message || err) });
      renderResults(hits); if (thenFocus && hits.length) focusNode(hits[0]);
    });
  }
  search.addEventListener("input", function () {
    clearTimeout(searchTimer); searchTimer = setTimeout(function () { lookUp(false); }, 150);
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    ev.preventDefault(); clearTimeout(searchTimer); lookUp(true);
  });
  api.find = find; api.focusNode = focusNode;

  // ------------------------------------------------------------------ the overview
  function overview() {
    nodes.clear(); edges.clear();
    shown = {}; shownCount = 0; edgeShown = {}; grid = {}; pairCount = {}; nodeHidden = {}; edgeHidden = {};
    addNodes(D.overview);
    if (state.articles) showArticles();
    syncHidden(); applyFilters();
    network.fit({ animation: false });
  }
  byId("kg-reset").addEventListener("click", function () { overview(); msg.textContent = ""; });
  api.overview = overview;
  function markReady() {
    if (api.ready) return;
    api.ready = true;
    api.readyMs = performance.now();
    document.body.setAttribute("data-ready", "1");
  }
  overview();
  network.once("afterDrawing", function () { setTimeout(markReady, 0); });
  network.redraw();
  var hashFocus = /^#(?:e|focus)=(.+)$/.exec(location.hash);
  if (hashFocus) {
    var want = decodeURIComponent(hashFocus[1]);
    if (iriIndex[want] !== undefined) { focusNode(iriIndex[want]); api.expand(iriIndex[want]); }
  } else if (D.focus !== null && D.focus !== undefined) {
    network.selectNodes([D.focus], false); api.focused = D.focus;
  }
})();
