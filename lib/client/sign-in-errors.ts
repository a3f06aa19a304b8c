// What the sign-in page says when it is reached with ?error=… (a refused single sign-on, or next-auth's own codes).
// Only known codes have their own words; anything else gets the general one, so the address cannot put text on
// the page.

const MESSAGES: Record<string, string> = {
  sso_no_role:
    "Your single sign-on account is not in a group that may use Signalbox. Ask your administrator to add you to one.",
  sso_disabled: "Your Signalbox account is disabled. Ask a Signalbox admin to enable it again.",
  sso_email_unverified:
    "Your single sign-on account has no verified e-mail address, so Signalbox cannot make an account for you. Ask your administrator.",
  sso_email_taken:
    "Another single sign-on account already uses this e-mail address in Signalbox. Ask a Signalbox admin.",
  CredentialsSignin: "That e-mail and password do not match an active account.",
  SessionRequired: "",
};

const GENERAL = "Single sign-on did not complete. Try again, and ask your administrator if it keeps failing.";

/** The message for an error code in the sign-in page's address; null when there is nothing to say. */
export function signInErrorMessage(code: string | null): string | null {
  if (!code) return null;
  const message = Object.hasOwn(MESSAGES, code) ? MESSAGES[code]! : GENERAL;
  return message || null;
}
