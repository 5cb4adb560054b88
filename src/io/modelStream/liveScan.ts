import { CommittedModel, scanModelFolder } from "./scanner";
import { ModelTimestamp, compareModelTimestamps } from "./timestampName";

/**
 * Live (wall-clock) scanning of a model-stream folder, as Alink's ModelStreamFileScanner does, for
 * sources in a paced run: at most one listing per `intervalSeconds`, and only committed models
 * newer than every model seen so far (and ≥ `start`). Shared by ModelStreamFileSourceStreamOp and
 * the hidden source of operators that follow a folder.
 */
export class LiveFolderScan {
  private lastScan = Date.now();

  constructor(
    private readonly root: string,
    private readonly start: ModelTimestamp | null,
    private readonly intervalSeconds: number,
    /** The newest model already emitted by the replay at the start of the run (null: none). */
    private newest: ModelTimestamp | null,
    private readonly operator: string,
  ) {}

  /**
   * Models committed since the last scan, oldest first — empty when the interval has not passed,
   * nothing is new, or the folder cannot be listed now (the next scan tries again).
   */
  scan(): CommittedModel[] {
    const now = Date.now();
    if (now - this.lastScan < this.intervalSeconds * 1000) return [];
    this.lastScan = now;
    try {
      return scanModelFolder(this.root, this.operator).models.filter(
        (m) => (this.start === null || compareModelTimestamps(m.ts, this.start) >= 0) && (this.newest === null || compareModelTimestamps(m.ts, this.newest) > 0),
      );
    } catch {
      return [];
    }
  }

  /** Records a model as seen: later scans report only newer ones. */
  seen(model: CommittedModel): void {
    if (this.newest === null || compareModelTimestamps(model.ts, this.newest) > 0) this.newest = model.ts;
  }
}
