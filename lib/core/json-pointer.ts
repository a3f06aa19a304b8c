// RFC 6901 JSON Pointers: the path language of contracts and mappings.
import { z } from "zod";

export const ZPointer = z
  .string()
  .regex(/^(\/([^~/]|~[01])*)*$/, "must be a JSON Pointer such as /order/id");

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
    const next = node[token];
    if (next === null || typeof next !== "object" || Array.isArray(next)) node[token] = {};
    node = node[token] as Record<string, unknown>;
  }
  node[tokens[tokens.length - 1]!] = value;
}
