// A real OpenID Connect provider for the browser tests (oidc-provider, with its development sign-in and consent
// pages): one confidential client for the console, and test people whose ID token carries a `groups` claim.
import http from "node:http";
import Provider from "oidc-provider";
import { e2eOidc } from "./oidc-settings";

export interface TestPerson {
  email: string;
  name: string;
  groups: string[];
}

export interface TestProvider {
  close(): Promise<void>;
}

export async function startOidcProvider(
  consolePort: number,
  people: Record<string, TestPerson>,
): Promise<TestProvider> {
  const settings = e2eOidc(consolePort);
  const provider = new Provider(settings.issuer, {
    clients: [
      {
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
        redirect_uris: [settings.redirectUri],
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    // The console reads the person from the ID token (next-auth `idToken: true`), so their claims go there.
    conformIdTokenClaims: false,
    claims: { openid: ["sub", "groups"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: ["e2e-oidc-cookie-key-0123456789abcdef"] },
    findAccount: (_ctx, id) => {
      const person = Object.hasOwn(people, id) ? people[id] : undefined;
      if (!person) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email: person.email,
          email_verified: true,
          name: person.name,
          groups: person.groups,
        }),
      };
    },
  });
  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, "127.0.0.1", resolve);
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
