/* chinaai-learn cards: tap choices on the front, see each marked on the back; type-in
   answers graded by the bank's own rules. Plain ES5, no add-ons: runs in Anki desktop,
   AnkiDroid and AnkiMobile. Without scripts the cards still show everything statically.
   The front remembers what was tapped or typed (sessionStorage, else a window variable,
   keyed by the question id) for the back, which may be a fresh page (AnkiDroid). */
(function () {
  var card = document.querySelector(".cai");
  if (!card) { return; }
  var side = card.getAttribute("data-side");
  var id = card.getAttribute("data-id") || "";
  var lang = card.getAttribute("data-lang") || "en";
  var KEY = "chinaai-learn-answer";
  var EDGE; /* set before any grading runs: letters and digits only at the edges of an answer */
  try { EDGE = new RegExp("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "gu"); } catch (e) {
    EDGE = /^[^0-9A-Za-z\u00c0-\uffff]+|[^0-9A-Za-z\u00c0-\uffff]+$/g;
  }

  function save(value) {
    var data = JSON.stringify({ id: id, value: value });
    window.chinaaiLearnAnswer = data;
    try { window.sessionStorage.setItem(KEY, data); } catch (e) { /* storage blocked: the variable serves */ }
  }
  function load() {
    var data = null;
    try { data = window.sessionStorage.getItem(KEY); } catch (e) { data = null; }
    data = data || window.chinaaiLearnAnswer || null;
    try { data = data ? JSON.parse(data) : null; } catch (e) { data = null; }
    return data && data.id === id ? data.value : null;
  }
  function text(name) {
    var node = card.querySelector('[data-field="' + name + '"]');
    return node ? (node.textContent || "").replace(/^\s+|\s+$/g, "") : "";
  }
  function word(name) { return card.getAttribute("data-" + name) || name; }

  /* --- choices ------------------------------------------------------------------------ */
  var list = card.querySelector("ol.choices");
  if (list) {
    var items = list.querySelectorAll("li.choice");
    var single = list.getAttribute("data-mode") === "single";
    if (side === "front") {
      save([]);
      list.className += " tappable";
      for (var i = 0; i < items.length; i++) {
        items[i].setAttribute("role", single ? "radio" : "checkbox");
        items[i].setAttribute("aria-checked", "false");
        items[i].setAttribute("tabindex", "0");
        items[i].onclick = tap;
      }
    } else {
      markChoices();
    }
  }
  function tap(event) {
    var item = event.currentTarget;
    var on = item.getAttribute("aria-checked") !== "true";
    for (var i = 0; i < items.length; i++) {
      if (items[i] === item) { setPicked(items[i], on); } else if (single) { setPicked(items[i], false); }
    }
    var picked = [];
    for (var j = 0; j < items.length; j++) {
      if (items[j].getAttribute("aria-checked") === "true") { picked.push(items[j].getAttribute("data-letter")); }
    }
    save(picked);
  }
  function setPicked(item, on) {
    item.setAttribute("aria-checked", on ? "true" : "false");
    item.className = item.className.replace(/\s*\bpicked\b/g, "") + (on ? " picked" : "");
  }
  function markChoices() {
    var correct = (list.getAttribute("data-correct") || "").split(/[\s,]+/);
    var picked = load() || [];
    var allRight = true;
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var letter = item.getAttribute("data-letter");
      var isCorrect = correct.indexOf(letter) >= 0;
      var isPicked = picked.indexOf(letter) >= 0;
      if (isCorrect !== isPicked) { allRight = false; }
      item.className += isCorrect ? " correct" : " incorrect";
      if (isPicked) { item.className += " picked"; }
      var mark = document.createElement("span");
      mark.className = "verdict " + (isCorrect ? "right" : "wrong");
      mark.textContent = (isCorrect ? "\u2714 " + word("right") : "\u2718 " + word("wrong")) +
        (isPicked ? " \u00b7 " + word("picked") : "");
      item.insertBefore(mark, item.firstChild);
    }
    if (picked.length) { verdict(allRight); }
  }
  function verdict(right, note) {
    var line = card.querySelector(".verdict-line");
    if (!line) { return; }
    line.textContent = right ? word("right-sentence") : word("wrong-sentence");
    if (note) {
      var extra = document.createElement("div");
      extra.className = "verdict-note";
      extra.textContent = note;
      line.appendChild(extra);
    }
    line.className += right ? " right" : " wrong";
    line.removeAttribute("hidden");
  }

  /* --- ordering and matching backs: the style sheet shows items and pairs in answer order;
     the document follows, so a screen reader reads them in that order too. ------------- */
  if (side === "back") {
    var order = card.querySelector("ol.order");
    if (order) { sortBy(order, order.querySelectorAll("li"), "data-place", 0); }
    var pairs = card.querySelector("div.pairs");
    if (pairs) {
      /* left side before right side within a row */
      sortBy(pairs, pairs.children, "data-row", function (node) { return /pair-right/.test(node.className) ? 1 : 0; });
    }
  }
  function sortBy(parent, nodes, attribute, tie) {
    var list = [];
    for (var i = 0; i < nodes.length; i++) { list.push(nodes[i]); }
    list.sort(function (a, b) {
      var d = parseInt(a.getAttribute(attribute), 10) - parseInt(b.getAttribute(attribute), 10);
      return d || (tie ? tie(a) - tie(b) : 0);
    });
    for (var j = 0; j < list.length; j++) { parent.appendChild(list[j]); }
  }

  /* --- typed answers -------------------------------------------------------------------- */
  if (card.getAttribute("data-kind") === "type_in") {
    if (side === "front") {
      save(null);
      var box = document.getElementById("typeans");
      if (box) {
        var keep = function () { save(box.value); };
        box.addEventListener("input", keep);
        box.addEventListener("change", keep);
      }
    } else {
      var typed = load();
      if (typed !== null && typed.replace(/\s+/g, "") !== "") { gradeTyped(typed); }
    }
  }
  function gradeTyped(typed) {
    var value = text("Number");
    if (value !== "") {
      var number = parseNumber(typed, lang);
      var other = parseNumber(typed, lang === "de" ? "en" : "de");
      if (number === null) {
        verdict(false, other !== null ? word("format-hint") : word("not-a-number"));
        return;
      }
      var tolerance = parseFloat(text("Tolerance") || "0");
      verdict(Math.abs(number - parseFloat(value)) <= tolerance + 1e-9);
      return;
    }
    var accepted = [text("Answer")].concat(text("Accepted") ? text("Accepted").split(/\s*;\s+/) : []);
    var mine = normalize(typed);
    var ok = false;
    for (var i = 0; i < accepted.length; i++) {
      if (mine !== "" && mine === normalize(accepted[i])) { ok = true; }
    }
    verdict(ok);
  }

  /* The same steps as chinaai_learn.textnorm.normalize_answer. */
  function normalize(value) {
    var t = value.normalize ? value.normalize("NFKC") : value;
    t = t.toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss");
    t = t.replace(/[\u2010\u2011\u2012\u2013\u2014\u2212]/g, "-").replace(/[\u201e\u201c\u201d\u00bb\u00ab]/g, '"');
    t = t.replace(/[\u201a\u2018\u2019]/g, "'").replace(/-/g, " ").replace(/\u00a0/g, " ").replace(/\s+/g, " ");
    return t.replace(/^\s+|\s+$/g, "").replace(EDGE, "");
  }
  /* The same rules as chinaai_learn.textnorm.parse_number: de "1.254,5", en "1,254.5". */
  function parseNumber(value, language) {
    var s = (value.normalize ? value.normalize("NFKC") : value).replace(/^\s+|\s+$/g, "").replace(/\u2212/g, "-");
    var match = /^([-+]?\d[\d.,'\u00a0 ]*)(.*)$/.exec(s);
    if (!match) { return null; }
    var digits = match[1].replace(/\s+$/, ""), rest = match[2].replace(/^\s+|\s+$/g, "");
    var last = digits.charAt(digits.length - 1);
    if ((last === "." || last === ",") && (rest === "" || !/^\d/.test(rest))) {
      digits = digits.slice(0, -1).replace(/\s+$/, "");
    }
    if (rest && !/^[^\d\s][^\d]*$/.test(rest)) { return null; }
    digits = digits.replace(/[\u00a0 ']/g, "");
    var decimal = language === "de" ? "," : ".", group = language === "de" ? "." : ",";
    var whole = digits, frac = "";
    var at = digits.lastIndexOf(decimal);
    if (at >= 0) {
      whole = digits.slice(0, at);
      frac = digits.slice(at + 1);
      if (frac.indexOf(group) >= 0 || whole.indexOf(decimal) >= 0) { return null; }
    }
    if (whole.indexOf(group) >= 0) {
      var parts = whole.replace(/^[+-]/, "").split(group);
      if (parts[0].length < 1 || parts[0].length > 3) { return null; }
      for (var i = 1; i < parts.length; i++) { if (parts[i].length !== 3) { return null; } }
      whole = whole.split(group).join("");
    }
    var number = Number(frac ? whole + "." + frac : whole);
    return isNaN(number) || !/\d/.test(whole + frac) ? null : number;
  }
  window.chinaaiLearnCheck = { normalize: normalize, parseNumber: parseNumber };
})();
