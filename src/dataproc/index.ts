// Public API of src/dataproc (re-exported by src/index.ts).
export {};
