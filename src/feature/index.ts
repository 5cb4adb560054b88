// Public API of src/feature (re-exported by src/index.ts).
export {};
