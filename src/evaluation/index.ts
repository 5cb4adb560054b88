// Public API of src/evaluation (re-exported by src/index.ts).
export {};
