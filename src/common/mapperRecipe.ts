import { StreamlabError } from "../core/errors";
import { Schema } from "../core/schema";
import { TypeName } from "../core/types";
import { Mapper } from "./mapper";

/**
 * How to build a mapper in another thread: a compiled module, the factory it exports and
 * structured-cloneable arguments. A stream source that parses in a worker thread (the CSV source)
 * uses one to run, on that thread, the row-wise transform its consumers would run on the stream's
 * thread (a fitted feature pipeline), chunk by chunk, when that thread is the busier one. The
 * factory must build the very mapper the consumer builds, so that it does not matter which thread
 * mapped a chunk.
 */
export interface MapperRecipe {
  /** Absolute path of the compiled module (a `.js` file) that exports `factory`. */
  readonly module: string;
  /** Name of the export: `(args, inputSchema) => Mapper`. */
  readonly factory: string;
  /** Plain data (structured-cloneable): what the factory needs besides the input schema. */
  readonly args: unknown;
  /** The schema of the rows the mapper maps. */
  readonly inputNames: readonly string[];
  readonly inputTypes: readonly TypeName[];
}

/** Builds the mapper a recipe describes (in whatever thread calls it). */
export function mapperFromRecipe(recipe: MapperRecipe): Mapper {
  // A path known only at run time: the module sits in a higher layer than whoever runs the recipe.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = (require(recipe.module) as Record<string, unknown>)[recipe.factory];
  if (typeof factory !== "function") throw new StreamlabError(`Mapper recipe: ${recipe.module} does not export a function "${recipe.factory}".`);
  return (factory as (args: unknown, schema: Schema) => Mapper)(recipe.args, new Schema(recipe.inputNames, recipe.inputTypes));
}
