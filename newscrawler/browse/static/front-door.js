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
