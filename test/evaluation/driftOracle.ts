/**
 * River 0.26 (`river.drift`) as a test-time oracle for the drift detectors: each case's values go
 * through River's detector with the given parameters, and River's own `drift_detected` /
 * `warning_detected` flags say at which indices it signalled. The venv is made by
 * `node scripts/python-tools.js build river`; without it the River tests skip with the reason,
 * unless STREAMLAB_REQUIRE_PYTHON_TOOLS=1 (CI), where they fail.
 */
import { execFileSync } from "child_process";

/* eslint-disable @typescript-eslint/no-require-imports */
const { toolPython } = require("../../scripts/python-tools.js") as { toolPython: (name: string) => string | null };

export const RIVER_PYTHON = toolPython("river");
export const REQUIRE_TOOLS = process.env.STREAMLAB_REQUIRE_PYTHON_TOOLS === "1";
export const RIVER_SKIP_REASON = RIVER_PYTHON === null ? "River venv absent (node scripts/python-tools.js build river)" : null;

export interface RiverCase {
  detector: "ADWIN" | "PageHinkley" | "DDM";
  /** River's keyword arguments (snake_case). */
  params?: Record<string, unknown>;
  values: readonly number[];
}

export interface RiverResult {
  drifts: number[];
  /** DDM: indices where warning_detected turned from false to true. */
  warnings: number[];
}

// The venv sees Debian's scikit-learn (--system-site-packages), built against an older numpy than
// River's: importing it fails with a ValueError that river.stream does not catch (it catches
// ImportError), and river.drift imports river.stream. The detectors need no scikit-learn, so the
// oracle hides it: River then skips its optional sklearn helpers.
const ORACLE = String.raw`
import json, sys
sys.modules["sklearn"] = None
from river import drift
cases = json.load(sys.stdin)
out = []
for case in cases:
    kind = case["detector"]
    params = case.get("params") or {}
    if kind == "ADWIN":
        det = drift.ADWIN(**params)
    elif kind == "PageHinkley":
        det = drift.PageHinkley(**params)
    else:
        det = drift.binary.DDM(**params)
    drifts, warnings, warned = [], [], False
    for i, x in enumerate(case["values"]):
        det.update(bool(x) if kind == "DDM" else x)
        if det.drift_detected:
            drifts.append(i)
        w = getattr(det, "warning_detected", False)
        if w and not warned:
            warnings.append(i)
        warned = w
    out.append({"drifts": drifts, "warnings": warnings})
print(json.dumps(out))
`;

/** Runs every case through River in one Python process. */
export function riverDetections(cases: readonly RiverCase[]): RiverResult[] {
  if (RIVER_PYTHON === null) throw new Error(`STREAMLAB_REQUIRE_PYTHON_TOOLS=1 but ${RIVER_SKIP_REASON}`);
  const out = execFileSync(RIVER_PYTHON, ["-c", ORACLE], { input: JSON.stringify(cases), encoding: "utf8", maxBuffer: 1 << 28 });
  return JSON.parse(out.trim().split("\n").pop()!);
}
