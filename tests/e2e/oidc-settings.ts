// The single sign-on settings the browser tests' server runs with (playwright.config.ts) and the test's own
// OpenID Connect provider answers to (tests/e2e/oidc-provider.ts). The provider listens only while oidc.spec runs;
// password sign-in stays on, so every other spec signs in as before.
export function e2eOidc(consolePort: number) {
  const issuer = `http://127.0.0.1:${consolePort + 2}`;
  return {
    issuer,
    port: consolePort + 2,
    clientId: "signalbox-e2e",
    clientSecret: "e2e-oidc-client-secret-0123456789",
    redirectUri: `http://localhost:${consolePort}/api/auth/callback/oidc`,
    env: {
      SIGNALBOX_OIDC_ISSUER: issuer,
      SIGNALBOX_OIDC_CLIENT_ID: "signalbox-e2e",
      SIGNALBOX_OIDC_CLIENT_SECRET: "e2e-oidc-client-secret-0123456789",
      SIGNALBOX_OIDC_ROLE_MAP: "sbx-admins=admin,sbx-ops=ops,sbx-managers=manager",
    },
  };
}
