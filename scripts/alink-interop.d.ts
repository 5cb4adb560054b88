// Types for scripts/alink-interop.js (the real-Alink interop harness used by test/interop/).
export type AlinkCell = string | number | boolean | null;
export type AlinkCommand =
  | { op: "read"; path: string }
  | { op: "write"; rows: unknown[][]; schemaStr: string; path: string; numFiles?: number }
  | { op: "appendModelStream"; modelPath: string; root: string; modelTime: string; numFiles?: number }
  | { op: "readModelStream"; root: string; schemaStr?: string }
  | { op: "pipelineTransform"; modelPath: string; rows: unknown[][]; schemaStr: string }
  /** Alink's LocalPredictor on rows: from a saved pipeline model, or (modelPath null) from the newest packed pipeline model of modelStreamFilePath. */
  | { op: "localPredict"; modelPath: string | null; rows: unknown[][]; schemaStr: string; modelStreamFilePath?: string }
  /** Loads a packed pipeline model, sets modelStreamFilePath (+ scan interval / start time) and saves it to outPath. */
  | { op: "pipelineFollow"; modelPath: string; outPath: string; modelStreamFilePath: string; scanInterval?: number; startTime?: string };
export interface AlinkResult {
  ok: boolean;
  command?: string;
  error?: string;
  ms: number;
  /** read: Alink's schema string (Alink 1.6.0 writes VARCHAR for STRING). */
  schema?: string;
  /** read: cells as JSON: vectors as Alink text, TIMESTAMP as epoch ms, NaN/±Infinity as numbers. */
  rows?: AlinkCell[][];
}
export interface AlinkRunOptions {
  timeoutMs?: number;
}
export function alinkAvailable(): boolean;
export function alinkUnavailableReason(): string;
export function alinkBatch(commands: AlinkCommand[], options?: AlinkRunOptions): Promise<AlinkResult[]>;
export function alinkRead(path: string, options?: AlinkRunOptions): Promise<{ schema: string; rows: AlinkCell[][] }>;
export function alinkWrite(rows: unknown[][], schemaStr: string, path: string, numFiles?: number, options?: AlinkRunOptions): Promise<void>;
/** Compiles a Java file against Alink 1.6.0 + Flink 1.13 and runs its main class (cwd: the file's folder). */
export function runAlinkJavaFile(javaFile: string, className: string, args?: string[], options?: AlinkRunOptions & { compileOnly?: boolean }): Promise<{ stdout: string; stderr: string }>;
export function build(options?: { quiet?: boolean }): { ok: boolean; reason: string; ms: number };
export const JVM_ARGS: string[];
export const INTEROP_DIR: string;
