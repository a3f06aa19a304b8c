import type { z } from "zod";
import { invalidInput, issuesFromZod } from "./errors";

/** Parse with zod and turn failures into a 400 `invalid_input` with JSON Pointer paths. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = "input"): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = issuesFromZod(result.error.issues);
  const first = details[0];
  const where = first?.path ? ` at ${first.path}` : "";
  throw invalidInput(`The ${what} is not valid${where}: ${first?.message ?? "unknown problem"}`, details);
}
