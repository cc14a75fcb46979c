// Drag and drop for the agenda editor. The Up and Down buttons do the same
// without JavaScript; this only sends the new order of one list to the server
// and swaps in the agenda it sends back.
(function () {
  "use strict";

  function listOrder(list) {
    return Array.from(list.children)
      .map(function (child) { return child.dataset.itemId; })
      .filter(Boolean)
      .join(",");
  }

  function makeSortable(editor) {
    editor.querySelectorAll(".portal-editor-list").forEach(function (list) {
      if (Sortable.get(list)) return;
      Sortable.create(list, {
        handle: ".portal-drag-handle",
        ghostClass: "portal-sortable-ghost",
        forceFallback: true,
        onEnd: function (event) {
          if (event.oldIndex === event.newIndex) return;
          htmx.ajax("POST", editor.dataset.reorderUrl, {
            target: "#agenda-editor",
            swap: "outerHTML",
            values: { order: listOrder(list), parent: list.dataset.parent || "" },
            headers: { "X-CSRFToken": editor.dataset.csrf },
          });
        },
      });
    });
  }

  // Cancel in an item's editor opened in place: its link is to the agenda at the item, the
  // page already open, so following it would leave the form open. Close the editor instead,
  // and give the focus back to the Edit link that opened it.
  document.addEventListener("click", function (event) {
    var cancel = event.target.closest && event.target.closest("[data-closes-editor]");
    var editor = cancel && cancel.closest(".portal-editor-inline");
    if (!editor) return;
    event.preventDefault();
    editor.innerHTML = "";
    var item = editor.closest(".portal-editor-item");
    var edit = item && item.querySelector(".portal-editor-actions a[hx-get]");
    if (edit) edit.focus();
  });

  // Focus after the list is replaced is looked after by in_page_updates.js.
  document.addEventListener("htmx:afterSettle", function () {
    var editor = document.getElementById("agenda-editor");
    if (editor && typeof Sortable !== "undefined") makeSortable(editor);
  });

  document.addEventListener("DOMContentLoaded", function () {
    var editor = document.getElementById("agenda-editor");
    if (editor) makeSortable(editor);
  });
})();
