import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();

// A table wider than the screen scrolls inside its container (portal.css): then the
// container is a labelled region a keyboard can reach and scroll.
function reachScrollingTables() {
  document.querySelectorAll(".portal-table-scroll").forEach(function (box) {
    if (box.scrollWidth > box.clientWidth + 1) {
      var caption = box.querySelector("caption");
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", (caption ? caption.textContent.trim() + ": " : "") + "table, scrolls sideways");
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  });
}

reachScrollingTables();
window.addEventListener("resize", reachScrollingTables);
document.addEventListener("htmx:afterSettle", reachScrollingTables);
