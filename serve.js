"use strict";
// `require("streamlab/serve")`: the prediction service entry point (src/serve/index.ts, built into dist/).
module.exports = require("./dist/serve/index.js");
