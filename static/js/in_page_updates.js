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

  // Focus is only looked after for updates of what the person was working in, or of what
  // they opened: a pack panel refreshing itself never takes the focus from anything.
  var focused = null;
  var opened = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail.target;
    var active = document.activeElement;
    if (!target || !active || active === document.body) return;
    if (target.contains(active)) {
      var holder = active.parentElement && active.parentElement.closest("[id]");
      focused = {
        id: active.id, holder: holder ? holder.id : null, target: target.id, xhr: event.detail.xhr,
      };
      opened = null;
    } else if (event.detail.elt === active && target.id) {
      // The person pressed a control that opens something elsewhere (an item's editor
      // under it): the focus follows, to what opened.
      opened = { trigger: active, target: target.id, xhr: event.detail.xhr };
      focused = null;
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

  // A save in place that answers "HX-Redirect" to the page it is on, at an anchor (the
  // agenda at the item just edited): htmx would only scroll there, and the page would still
  // show the open form and the old text. Load the page again, at that anchor.
  document.addEventListener("htmx:beforeOnLoad", function (event) {
    var xhr = event.detail.xhr;
    var to = xhr && xhr.getResponseHeader("HX-Redirect");
    if (!to) return;
    var url = new URL(to, window.location.href);
    var here = window.location;
    if (url.hash && url.origin + url.pathname + url.search === here.origin + here.pathname + here.search) {
      event.preventDefault();
      here.hash = url.hash;
      here.reload();
    }
  });

  var HEADINGS = "h2, h3, h4";
  var FIELD_IN_ERROR = ".govuk-form-group--error :is(input:not([type=hidden]), select, " +
    "textarea:not([hidden]), trix-editor)";
  var byId = function (id) { return id ? document.getElementById(id) : null; };

  document.addEventListener("htmx:afterSettle", function (event) {
    // Only the update of the request the person made (not a poll, not an earlier request).
    var settled = event.detail && event.detail.xhr;
    if (opened && settled === opened.xhr) {
      var what = opened;
      opened = null;
      var place = byId(what.target);
      var active = document.activeElement;
      if (place && place.firstElementChild && (active === what.trigger || active === document.body)) {
        focusOn(place.querySelector(".govuk-error-summary")) ||
          focusOn(place.querySelector(HEADINGS)) ||
          focusOn(place);
      }
      return;
    }
    if (!focused || settled !== focused.xhr) return;
    var was = focused;
    focused = null;
    var target = byId(was.target);
    // A form sent back with mistakes: its error summary, as on a page of its own, or else
    // the first field in error, whose message is then read out with it.
    if (target && (focusOn(target.querySelector(".govuk-error-summary")) ||
        focusOn(target.querySelector(FIELD_IN_ERROR)))) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    // The same control again; else what held it (its agenda item, its row); else the
    // heading of what was updated, or the update itself.
    focusOn(byId(was.id)) ||
      focusOn(byId(was.holder)) ||
      focusOn(target && target.querySelector(HEADINGS)) ||
      focusOn(target);
  });
})();
