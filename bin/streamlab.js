#!/usr/bin/env node
// `npx streamlab …`: the command line (src/cli/main.ts, built into dist/).
"use strict";
require("../dist/cli/main")
  .main(process.argv)
  .then((code) => process.exit(code));
