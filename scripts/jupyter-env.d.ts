// Types for scripts/jupyter-env.js (plain CommonJS), so TypeScript tests can start the project's kernel.
export declare const ROOT: string;
/** The Python that has Jupyter (Debian's /usr/bin/python3 when present). */
export declare const SYSTEM_PYTHON: string;
export declare function ensureJupyter(): void;
export declare function ensureTestSystem(): void;
/** Registers (or refreshes) the tslab kernel under .jupyter/. */
export declare function ensureKernel(): void;
/** Environment in which Jupyter finds the project's kernel. */
export declare function jupyterEnv(): NodeJS.ProcessEnv;
export declare function ensureBuilt(): void;
