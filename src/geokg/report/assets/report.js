// geokg report: the evidence of a chosen claim, and sortable, filterable tables. No library, nothing fetched.
"use strict";
(function () {
  const claims = JSON.parse(document.getElementById("claims").textContent);
  const panel = document.getElementById("evidence");

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function show(iri, chosen) {
    const claim = claims[iri];
    if (!claim) return;
    document.querySelectorAll(".chosen").forEach((node) => node.classList.remove("chosen"));
    if (chosen) chosen.classList.add("chosen");
    panel.replaceChildren(element("h2", "Evidence"), element("h3", claim.label));
    const count = claim.documents + (claim.documents === 1 ? " document reports it" : " documents report it");
    panel.append(element("p", count, "sources"));
    const list = element("ol", undefined, "reports");
    for (const report of claim.reports) {
      const item = element("li");
      item.append(element("blockquote", report.quote));
      item.append(element("p", report.document + ", characters " + report.start + "–" + report.end, "cite"));
      if (report.chain.length) {
        const chain = report.chain.map(([source, cue]) => (cue ? source + " (" + cue + ")" : source));
        item.append(element("p", "says so: " + chain.join(" → "), "chain"));
      }
      list.append(item);
    }
    panel.append(list);
    panel.setAttribute("data-claim-shown", iri);
  }

  document.querySelectorAll("[data-claim]").forEach((node) => {
    node.addEventListener("click", () => show(node.dataset.claim, node));
    node.addEventListener("keydown", (event) => {
      if ((event.key === "Enter" || event.key === " ") && node.tagName !== "BUTTON") {
        event.preventDefault();
        show(node.dataset.claim, node);
      }
    });
  });

  function cellText(row, column) {
    return row.cells[column] ? row.cells[column].textContent.trim() : "";
  }

  document.querySelectorAll("table.sortable").forEach((table) => {
    table.querySelectorAll("thead th").forEach((header, column) => {
      const button = element("button", header.textContent);
      button.type = "button";
      header.replaceChildren(button);
      button.addEventListener("click", () => {
        const ascending = header.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach((other) => other.removeAttribute("aria-sort"));
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        const numeric = rows.every((row) => /^\d+$/.test(cellText(row, column)));
        rows.sort((a, b) => {
          const x = cellText(a, column), y = cellText(b, column);
          const order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
          return ascending ? order : -order;
        });
        body.append(...rows);
      });
    });
  });

  document.querySelectorAll("input[data-filter]").forEach((input) => {
    const table = document.getElementById(input.dataset.filter);
    input.addEventListener("input", () => {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      for (const row of table.tBodies[0].rows) {
        const text = row.textContent.toLowerCase();
        row.hidden = !words.every((word) => text.includes(word));
      }
    });
  });
})();
