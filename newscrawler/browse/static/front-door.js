// Fold a table's column descriptions into a <details>, so its first rows show above the fold.
document.addEventListener("DOMContentLoaded", () => {
  for (const list of document.querySelectorAll("dl.column-descriptions")) {
    const fold = document.createElement("details");
    fold.className = "column-descriptions-fold";
    const summary = document.createElement("summary");
    summary.textContent = `Column descriptions (${list.querySelectorAll("dt").length})`;
    list.replaceWith(fold);
    fold.append(summary, list);
  }
});

// The table's search box (Datasette's table.html): Arabic, Persian or Hebrew words typed
// into it run right to left, as the results' cells do (dir="auto" in _table.html).
document.addEventListener("DOMContentLoaded", () => {
  for (const box of document.querySelectorAll("form.filters input#_search")) {
    box.setAttribute("dir", "auto");
  }
});
