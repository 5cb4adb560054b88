// Types of `streamlab/serve` (src/serve/index.ts).
export * from "./dist/serve/index";
