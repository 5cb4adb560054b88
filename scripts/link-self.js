// Makes `require("streamlab")` resolve to this checkout from anywhere inside it (notebooks/,
// test/), exactly as a user's notebook imports the installed package.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const modules = path.join(root, "node_modules");
const link = path.join(modules, "streamlab");
fs.mkdirSync(modules, { recursive: true });
let current = null;
try {
  current = fs.readlinkSync(link);
} catch {
  current = null;
}
if (current !== "..") {
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync("..", link, "dir");
}
