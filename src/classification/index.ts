// Public API of src/classification (re-exported by src/index.ts).
export {};
