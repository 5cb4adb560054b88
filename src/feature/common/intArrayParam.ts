import { ParamSpec } from "../../params/param";

/**
 * An optional `Integer[]` parameter (Alink's `discreteThresholdsArray`); `Param` has no integer
 * array builder, so this one spec is written out here. Accepts null (the default) or an array of
 * 32-bit integers.
 */
export function intArrayParam(options: { doc: string; aliases?: readonly string[] }): ParamSpec<number[] | null> {
  const isInt32 = (x: unknown) => typeof x === "number" && Number.isInteger(x) && x >= -2147483648 && x <= 2147483647;
  return {
    typeLabel: "Integer[]",
    doc: options.doc,
    defaultValue: null,
    aliases: options.aliases ?? [],
    describe: () => "an array of integers or null",
    check: (value) => {
      if (value === null) return { ok: true, value: null };
      if (Array.isArray(value) && value.every(isInt32)) return { ok: true, value: Object.freeze([...value]) as unknown as number[] };
      return { ok: false, why: `got ${JSON.stringify(value)}` };
    },
    invalidExample: [1.5],
  };
}
