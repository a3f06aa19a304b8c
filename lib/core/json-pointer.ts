// RFC 6901 JSON Pointers: the path language of contracts and mappings.
import { z } from "zod";

/** Names that reach an object's prototype: never allowed in a contract's paths. */
const FORBIDDEN_TOKENS = new Set(["__proto__", "constructor", "prototype"]);

export const ZPointer = z
  .string()
  .max(500)
  .regex(/^(\/([^~/]|~[01])*)*$/, "must be a JSON Pointer such as /order/id")
  .refine(
    (p) => !parsePointer(p).some((t) => FORBIDDEN_TOKENS.has(t)),
    "may not name __proto__, constructor or prototype",
  );

/** An own property's value (never one inherited from a prototype). */
export function ownGet(node: object, key: string): unknown {
  return Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
}

/** Set an own, plain data property, even for a key such as "__proto__" (no prototype setter runs). */
export function ownSet(node: object, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

function unescape(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer.slice(1).split("/").map(unescape);
}

/** The value at `pointer`, or undefined when any step is absent. */
export function getAt(doc: unknown, pointer: string): unknown {
  let node: unknown = doc;
  for (const token of parsePointer(pointer)) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      node = node[Number(token)];
    } else if (node !== null && typeof node === "object") {
      if (!Object.prototype.hasOwnProperty.call(node, token)) return undefined;
      node = (node as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return node;
}

/** Set `value` at `pointer` in `doc`, creating objects along the way. */
export function setAt(doc: Record<string, unknown>, pointer: string, value: unknown): void {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) throw new Error("cannot set the document root");
  let node: Record<string, unknown> = doc;
  for (const token of tokens.slice(0, -1)) {
    let next = ownGet(node, token);
    if (next === null || typeof next !== "object" || Array.isArray(next)) ownSet(node, token, (next = {}));
    node = next as Record<string, unknown>;
  }
  ownSet(node, tokens[tokens.length - 1]!, value);
}
