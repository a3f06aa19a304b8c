// Shared pieces of the response contracts. Every `schemas.ts` under lib/core imports only zod, other schema files
// and constant lists without imports (tests/unit/response-contracts.test.ts checks it), so the browser can use them.
// Output objects are strict: an answer with a key the contract does not name fails the check in tests.
import { z } from "zod";

/** A keyset page: the items and the cursor of the next page (null on the last). */
export const page = <T extends z.ZodType>(item: T) =>
  z.strictObject({ items: z.array(item), nextCursor: z.string().nullable() });

/** A whole list, unpaged. */
export const list = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item) });
