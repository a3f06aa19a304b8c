// The error signature groups exceptions by cause: the message with the parts
// that vary per record (numbers, ids, quoted values) taken out — but HTTP
// status codes kept, since a 404 and a 400 are different causes.
export function errorSignature(message: string): string {
  return message
    .toLowerCase()
    .replace(/"[^"]*"|'[^']*'/g, "…")
    .replace(/\b[0-9a-f]{8,}\b/g, "…")
    .replace(/\/\d+(?=\/|\b)/g, "/*")
    .replace(/(?<!http )\b\d+(\.\d+)?\b/g, "n")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 160);
}
