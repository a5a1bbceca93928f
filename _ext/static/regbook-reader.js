/* Inline formulas wider than their line (added to every page by _ext/reader.py).
 * MathJax 3 does not break inline math, so at phone width a long inline formula runs past the
 * right edge. Such a formula (and only such: a scroll box on every inline formula would move its
 * baseline) gets the class regbook-wide-math, which makes it scroll in its own box
 * (regbook-reader.css). Re-checked when the window changes size. */
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll('.bd-article mjx-container:not([display="true"])').forEach(function (m) {
      m.classList.remove("regbook-wide-math");
      var line = m.parentElement.closest("p, li, dd, dt, td, th, figcaption, div") || m.parentElement;
      var box = line.getBoundingClientRect(), r = m.getBoundingClientRect();
      if (r.right > box.right + 0.5 || r.width > box.width + 0.5) m.classList.add("regbook-wide-math");
    });
  }
  function afterMath() {
    // MathJax's web fonts can arrive after typesetting and widen a formula: check again then.
    var typeset = (window.MathJax && MathJax.startup && MathJax.startup.promise) || Promise.resolve();
    typeset.then(mark).then(function () { return document.fonts ? document.fonts.ready : null; })
      .then(mark).then(function () { setTimeout(mark, 1000); });
  }
  window.addEventListener("load", afterMath);
  window.addEventListener("resize", mark);
})();
