// Seal/unseal secrets that must be usable later (HMAC signing secrets):
// AES-256-GCM under a key derived (HKDF-SHA256) from the server secret. `digest` is a keyed hash (HMAC-SHA256 under
// another derived key) for values that must stay comparable but unreadable: erased keys.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
  /** A keyed hash, hex: the same text gives the same digest on every process sharing the server secret. */
  digest(text: string): string;
}

export function createSecretBox(serverSecret: string): SecretBox {
  if (serverSecret.length < 16) throw new Error("the server secret must be at least 16 characters");
  const key = Buffer.from(hkdfSync("sha256", serverSecret, "signalbox", "secret-box v1", 32));
  const digestKey = Buffer.from(hkdfSync("sha256", serverSecret, "signalbox", "digest v1", 32));
  return {
    digest: (text) => createHmac("sha256", digestKey).update(text, "utf8").digest("hex"),
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return [
        "v1",
        iv.toString("base64url"),
        cipher.getAuthTag().toString("base64url"),
        body.toString("base64url"),
      ].join(".");
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split(".");
      if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("unreadable sealed secret");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    },
  };
}
