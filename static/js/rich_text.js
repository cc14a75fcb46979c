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
    textarea.insertAdjacentElement("afterend", editor);
  }

  function enhanceWithin(root) {
    root.querySelectorAll("textarea[data-rich-text]").forEach(enhance);
  }

  // Papers are PDFs uploaded as papers; nothing is attached inside the text.
  document.addEventListener("trix-file-accept", function (event) {
    event.preventDefault();
  });

  document.addEventListener("DOMContentLoaded", function () {
    enhanceWithin(document);
  });
  // Forms that htmx puts in the page, such as an agenda item edited in place.
  document.addEventListener("htmx:load", function (event) {
    enhanceWithin(event.detail.elt);
  });
})();
