// Waymark coding page: selecting words in an answer fills that answer's coding form with the words and
// their place. An enhancement only: without it, a coder types or pastes the words and the server finds
// them. Offsets are counted in Unicode code points, as the server stores them (JavaScript strings count
// some characters, emoji among them, as two).
(function () {
  "use strict";

  function codePoints(text) {
    return Array.from(text).length;
  }

  function fill(answer) {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return;
    }
    var range = selection.getRangeAt(0);
    if (!answer.contains(range.startContainer) || !answer.contains(range.endContainer)) {
      return;
    }
    var before = document.createRange();
    before.selectNodeContents(answer);
    before.setEnd(range.startContainer, range.startOffset);
    var words = range.toString();
    var start = codePoints(before.toString());
    var form = document.getElementById(answer.getAttribute("data-coding-form"));
    if (!form || words.trim() === "") {
      return;
    }
    // The server codes the words as typed, stripped; keep the offsets on the same stripped words.
    var leading = words.length - words.replace(/^\s+/, "").length;
    var stripped = words.trim();
    start += codePoints(words.substring(0, leading));
    form.elements.words.value = stripped;
    form.elements.start.value = String(start);
    form.elements.end.value = String(start + codePoints(stripped));
  }

  document.querySelectorAll("[data-coding-form]").forEach(function (answer) {
    answer.addEventListener("mouseup", function () { fill(answer); });
    answer.addEventListener("keyup", function () { fill(answer); });
    answer.addEventListener("touchend", function () { fill(answer); });
  });

  // Words typed by hand replace a selection: their offsets are no longer known.
  document.querySelectorAll("form.code-form input[name=words]").forEach(function (input) {
    input.addEventListener("input", function () {
      input.form.elements.start.value = "";
      input.form.elements.end.value = "";
    });
  });
})();
