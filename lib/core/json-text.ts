// Where JSON enters Signalbox (ingest, the track API, management bodies,
// uploads): strict UTF-8, and one nesting limit checked on the text before
// parsing, so a hostile body can neither crash a parser nor a later recursion.
import { DomainError } from "./errors";

/** Deepest nesting of arrays and objects accepted anywhere (documented in the README). */
export const MAX_JSON_DEPTH = 64;

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The bytes as text, refusing (400 `invalid_utf8`) anything that is not valid UTF-8, so text and bytes say the same. */
export function decodeUtf8(bytes: Uint8Array, what = "The body"): string {
  try {
    return strict.decode(bytes);
  } catch {
    throw new DomainError("invalid_input", "invalid_utf8", `${what} is not valid UTF-8.`);
  }
}

/** The deepest nesting in a JSON text, stopping as soon as it passes `limit`. Linear, no recursion. */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return deepest;
}

/** JSON.parse with the nesting limit: 400 `json_too_deep` or 400 `invalid_json`. */
export function parseJsonText(text: string, what = "The body"): unknown {
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new DomainError(
      "invalid_input",
      "json_too_deep",
      `${what} nests deeper than ${MAX_JSON_DEPTH} levels of arrays and objects.`,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError("invalid_input", "invalid_json", `${what} is not valid JSON.`);
  }
}
