// Compares an executed notebook's outputs with the saved ones (used by run-notebooks.js --check).
"use strict";
const fs = require("fs");

/**
 * Outputs of a code cell as comparable text. Only what legitimately changes between runs is
 * normalised: wall-clock figures ("1.1 s wall", "91,075 rows/s", "in 0.8 s"), temporary paths,
 * and PNG renditions (a PNG is rasterised from the SVG beside it, so comparing the SVG covers it;
 * its bytes depend on the machine's fonts).
 */
function normalise(text) {
  return text
    .replace(/\d[\d,]*(\.\d+)? ?s wall/g, "<t> s wall")
    .replace(/\d[\d,]*(\.\d+)? rows\/s/g, "<n> rows/s")
    .replace(/\bin \d+(\.\d+)? s\b/g, "in <t> s")
    .replace(/(\/private)?\/(tmp|var\/folders)\/[\w.\/-]*streamlab[\w.-]*/g, "<tmp>")
    .replace(/data:image\/png;base64,[A-Za-z0-9+\/=]+/g, "data:image/png;base64,<png>");
}

function cellOutputs(cell) {
  return (cell.outputs || []).map((out) => {
    if (out.output_type === "stream") return `${out.name}: ${normalise([].concat(out.text).join(""))}`;
    if (out.output_type === "error") return `error: ${out.ename}: ${out.evalue}`;
    const data = out.data || {};
    return Object.keys(data)
      .filter((mime) => !(mime === "image/png" && ("image/svg+xml" in data || "text/html" in data)))
      .sort()
      .map((mime) => `${mime}: ${normalise([].concat(data[mime]).join(""))}`)
      .join("\n");
  });
}

/** The first code cell whose outputs differ from the saved notebook's, or null. */
function firstDifference(savedFile, executedFile) {
  const saved = JSON.parse(fs.readFileSync(savedFile, "utf8")).cells;
  const executed = JSON.parse(fs.readFileSync(executedFile, "utf8")).cells;
  if (saved.length !== executed.length) return `the notebook has ${executed.length} cells, the saved one ${saved.length}`;
  if (!saved.some((c) => c.cell_type === "code" && (c.outputs || []).length > 0)) {
    return "the saved notebook has no outputs: run `node scripts/run-notebooks.js --save` and commit them";
  }
  for (let i = 0; i < saved.length; i++) {
    if (saved[i].cell_type !== "code") continue;
    const a = cellOutputs(saved[i]);
    const b = cellOutputs(executed[i]);
    if (a.length !== b.length) return `cell ${i}: ${b.length} outputs, saved ${a.length}`;
    for (let k = 0; k < a.length; k++) {
      if (a[k] === b[k]) continue;
      let at = 0;
      while (at < a[k].length && a[k][at] === b[k][at]) at++;
      const around = (t) => JSON.stringify(t.slice(Math.max(0, at - 80), at + 120));
      return `cell ${i}, output ${k} differs from the saved one at character ${at}:\n    saved:    ${around(a[k])}\n    executed: ${around(b[k])}`;
    }
  }
  return null;
}

module.exports = { normalise, cellOutputs, firstDifference };
