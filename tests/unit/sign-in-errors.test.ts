import { describe, expect, it } from "vitest";
import { signInErrorMessage } from "@/lib/client/sign-in-errors";

describe("sign-in page error messages", () => {
  it("explains each refused single sign-on in plain words", () => {
    expect(signInErrorMessage("sso_no_role")).toMatch(/not in a group that may use Signalbox/);
    expect(signInErrorMessage("sso_disabled")).toMatch(/account is disabled/);
    expect(signInErrorMessage("sso_email_unverified")).toMatch(/no verified e-mail/);
    expect(signInErrorMessage("sso_email_taken")).toMatch(/already uses this e-mail/);
    expect(signInErrorMessage("CredentialsSignin")).toMatch(/e-mail and password do not match/);
  });

  it("gives the general message for next-auth's codes and anything unknown, never the text itself", () => {
    for (const code of ["OAuthCallback", "OAuthSignin", "Callback", "Configuration", "<b>owned</b>", "constructor"])
      expect(signInErrorMessage(code)).toBe(
        "Single sign-on did not complete. Try again, and ask your administrator if it keeps failing.",
      );
  });

  it("says nothing without a code or when a page merely needed a session", () => {
    expect(signInErrorMessage(null)).toBeNull();
    expect(signInErrorMessage("")).toBeNull();
    expect(signInErrorMessage("SessionRequired")).toBeNull();
  });
});
