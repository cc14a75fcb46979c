// Rich text for descriptions and written papers. A textarea marked
// data-rich-text gets a Trix editor that writes its HTML back into the
// textarea, so the form posts exactly as it does without JavaScript. The
// server cleans the HTML either way (meetings/sanitise.py).
(function () {
  "use strict";

  if (typeof Trix === "undefined") return;

  // Headings are printed as h3, which the sanitiser keeps; h1 would be removed.
  Trix.config.blockAttributes.heading1.tagName = "h3";

  var counter = 0;

  function enhance(textarea) {
    if (textarea.dataset.richTextReady) return;
    textarea.dataset.richTextReady = "true";
    if (!textarea.id) textarea.id = "rich-text-" + ++counter;
    var editor = document.createElement("trix-editor");
    editor.setAttribute("input", textarea.id);
    editor.className = "trix-content portal-rich-text";
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label) {
      if (!label.id) label.id = textarea.id + "-label";
      editor.setAttribute("aria-labelledby", label.id);
    }
    var hint = textarea.getAttribute("aria-describedby");
    if (hint) editor.setAttribute("aria-describedby", hint);
    textarea.hidden = true;
    textarea.style.display = "none"; // govuk-textarea would show it despite hidden
    editor.id = textarea.id + "-editor";
    textarea.insertAdjacentElement("afterend", editor);
    // The error summary's link to the hidden textarea goes to the editor instead.
    document.querySelectorAll('.govuk-error-summary a[href="#' + textarea.id + '"]').forEach(
      function (link) { link.setAttribute("href", "#" + editor.id); }
    );
  }

  function enhanceWithin(root) {
    root.querySelectorAll("textarea[data-rich-text]").forEach(enhance);
  }

  // Papers are PDFs uploaded as papers; nothing is attached inside the text.
  document.addEventListener("trix-file-accept", function (event) {
    event.preventDefault();
  });

  // Trix takes its toolbar buttons out of the tab order and acts on mousedown only. Here
  // they are in the tab order, a button pressed with Enter or Space acts as a click
  // would, the typing goes back to the text, and each button says whether it is on.
  var BUTTONS = "button[data-trix-attribute], button[data-trix-action]";

  function showPressed(toolbar) {
    toolbar.querySelectorAll("button[data-trix-attribute]").forEach(function (button) {
      button.setAttribute("aria-pressed", button.classList.contains("trix-active"));
    });
  }

  document.addEventListener("trix-initialize", function (event) {
    var editor = event.target;
    var toolbar = editor.toolbarElement;
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "Formatting");
    toolbar.querySelectorAll(".trix-button-group--file-tools").forEach(function (group) {
      group.style.display = "none";
    });
    toolbar.querySelectorAll("button[tabindex='-1']").forEach(function (button) {
      button.removeAttribute("tabindex");
    });
    toolbar.addEventListener("click", function (click) {
      var button = click.target.closest(BUTTONS);
      if (!button || click.detail !== 0) return; // a mouse click has had its mousedown
      button.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, cancelable: true }));
      if (!toolbar.querySelector("[data-trix-dialog][data-trix-active]")) editor.focus();
    });
    showPressed(toolbar);
    // Trix marks the buttons that are on with a class: say so in aria-pressed too.
    new MutationObserver(function () { showPressed(toolbar); }).observe(toolbar, {
      subtree: true,
      attributeFilter: ["class"],
    });
  });


  document.addEventListener("DOMContentLoaded", function () {
    enhanceWithin(document);
  });
  // Forms that htmx puts in the page, such as an agenda item edited in place.
  document.addEventListener("htmx:load", function (event) {
    enhanceWithin(event.detail.elt);
  });
})();
