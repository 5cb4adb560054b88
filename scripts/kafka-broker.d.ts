// Types of scripts/kafka-broker.js (a plain Node script, imported by tests and benchmarks).
export interface KafkaBroker {
  /** "127.0.0.1:<port>" */
  readonly bootstrapServers: string;
  readonly port: number;
  readonly logDir: string;
  readonly logFile: string;
  /** The broker JVM's process id (changes on restart). */
  readonly pid: number;
  /** Stops the broker (clean shutdown, SIGKILL after graceMs) and deletes its temporary files. */
  stop(options?: { graceMs?: number }): Promise<void>;
  /** Stops (SIGKILL with kill, else cleanly) and starts the broker again on the same port and data. */
  restart(options?: { kill?: boolean }): Promise<void>;
  /** The same, blocking this thread until the broker is up (from inside a synchronous stream step). */
  restartSync(options?: { kill?: boolean }): void;
}
export interface StartOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** Absent: a fresh temporary log dir (deleted by stop()). Given: the broker's data folder (kept). */
  logDir?: string;
  timeoutMs?: number;
}
export function start(options?: StartOptions): Promise<KafkaBroker>;
/** The broker of KAFKA_BOOTSTRAP_SERVERS when set (stop() does nothing), else a local one started now. */
export function connectOrStart(): Promise<{ bootstrapServers: string; local: boolean; stop(): Promise<void> }>;
export function build(options?: { quiet?: boolean }): { ok: boolean; reason: string; ms: number };
export function brokerAvailable(): boolean;
export function brokerUnavailableReason(): string;
export const CLASSPATH_FILE: string;
