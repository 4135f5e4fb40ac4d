// Draw every chart in a page (and in content htmx swaps in) with vega-embed.
// The specifications are JSON in the page; their data are published cells, already
// formatted the Danish way on the server, so the tooltips show them as they are.
(function () {
  "use strict";
  var DA_DK = {
    decimal: ",", thousands: ".", grouping: [3], currency: ["", "\u00a0kr."],
    percent: "\u00a0%"
  };
  var TOOLTIP = { theme: "custom", offsetX: 12, offsetY: 12 };

  function draw(root) {
    var scope = root || document;
    scope.querySelectorAll("div.chart[data-spec-id]").forEach(function (el) {
      if (el.dataset.drawn) { return; }
      var source = document.getElementById(el.dataset.specId);
      if (!source) { return; }
      el.dataset.drawn = "1";
      var spec = JSON.parse(source.textContent);
      vegaEmbed(el, spec, {
        actions: false, renderer: "svg", formatLocale: DA_DK, tooltip: TOOLTIP,
        ast: false
      }).then(function (result) {
        el.classList.add("drawn");
        var svg = el.querySelector("svg");
        if (svg) {
          // The figure carries the text alternative; the drawing itself is decoration
          // for screen readers (the table under it has every number).
          svg.setAttribute("aria-hidden", "true");
          svg.removeAttribute("aria-label");
          svg.removeAttribute("aria-roledescription");
          svg.removeAttribute("role");
          svg.removeAttribute("tabindex");
        }
        return result;
      }).catch(function (error) {
        el.classList.add("failed");
        el.textContent = "Figuren kunne ikke tegnes; se tabellen herunder.";
        console.error(error);
      });
    });
  }

  function start() {
    draw(document);
    if (window.htmx) {
      htmx.onLoad(function (elt) { draw(elt); });
      document.body.addEventListener("htmx:afterSettle", function () {
        var main = document.getElementById("indhold");
        if (main) { main.focus({ preventScroll: false }); }
      });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
