// After an in-page (htmx) update: keyboard focus stays somewhere sensible and a polite live
// region says what happened. The server names what happened in an HX-Trigger-After-Settle
// header ({"portal:announce": {"message": "Item 5 moved up to 4"}}); this reads it out.
(function () {
  "use strict";

  var ANNOUNCER = "portal-announcer";
  var lastMessage = null;

  document.addEventListener("portal:announce", function (event) {
    var live = document.getElementById(ANNOUNCER);
    var message = event.detail && event.detail.message;
    if (!live || !message) return;
    if (event.detail.changesOnly && message === lastMessage) return; // a poll, nothing new
    lastMessage = message;
    live.textContent = "";
    // A new text in an emptied region is read out even when it repeats the last one.
    window.setTimeout(function () { live.textContent = message; }, 100);
  });

  // Focus is only looked after for updates of what the person was working in: a pack
  // panel refreshing itself never takes the focus from anything.
  var focused = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail.target;
    var active = document.activeElement;
    focused = null;
    if (target && active && active !== document.body && target.contains(active)) {
      var holder = active.parentElement && active.parentElement.closest("[id]");
      focused = { id: active.id, holder: holder ? holder.id : null, target: target.id };
    }
  });

  function focusOn(element) {
    if (!element) return false;
    if (!element.matches("a[href], button, input, select, textarea, [tabindex]")) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus();
    return true;
  }

  document.addEventListener("htmx:afterSettle", function () {
    if (!focused) return;
    var was = focused;
    focused = null;
    if (document.activeElement && document.activeElement !== document.body) return;
    var byId = function (id) { return id ? document.getElementById(id) : null; };
    var target = byId(was.target);
    // The same control again; else what held it (its agenda item, its row); else the
    // heading of what was updated, or the update itself.
    focusOn(byId(was.id)) ||
      focusOn(byId(was.holder)) ||
      focusOn(target && target.querySelector("h2, h3")) ||
      focusOn(target);
  });
})();
