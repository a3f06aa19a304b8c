"use client";
import { useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { safeCallback } from "@/lib/client/safe-redirect";
import { signInErrorMessage } from "@/lib/client/sign-in-errors";

/**
 * next-auth's credentials sign-in in two requests (its client helper makes four: providers, CSRF token, the
 * sign-in, then the session). Returns null when signed in, else what to tell the person.
 */
async function credentialsSignIn(email: string, password: string): Promise<string | null> {
  try {
    const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
      body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
    });
    const { url } = (await res.json()) as { url?: string };
    const error = url ? new URL(url, window.location.origin).searchParams.get("error") : "no answer";
    if (res.ok && !error) return null;
    return error?.startsWith("throttled: ")
      ? error.slice("throttled: ".length)
      : "That e-mail and password do not match an active account.";
  } catch {
    return "The console could not be reached. Check the connection and try again.";
  }
}

/**
 * Start single sign-on: next-auth answers with the provider's authorization address (with PKCE and state), which the
 * browser then opens. A fetch, not a form post: the page's CSP allows forms to post to this console only, and
 * browsers apply that to the redirect too.
 */
async function startSingleSignOn(callbackUrl: string): Promise<string | null> {
  try {
    const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await fetch("/api/auth/signin/oidc", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
    });
    const { url } = (await res.json()) as { url?: string };
    if (!res.ok || !url) return signInErrorMessage("OAuthSignin");
    window.location.assign(url);
    return null;
  } catch {
    return "The console could not be reached. Check the connection and try again.";
  }
}

export function SignInForm({ singleSignOn, passwords }: { singleSignOn: string | null; passwords: boolean }) {
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(() => signInErrorMessage(params.get("error")));
  const [busy, setBusy] = useState(false);
  const callbackUrl = () => safeCallback(params.get("callbackUrl"), window.location.origin);

  async function onSingleSignOn() {
    setBusy(true);
    setError(null);
    const problem = await startSingleSignOn(callbackUrl());
    if (problem !== null) {
      setBusy(false);
      setError(problem);
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const problem = await credentialsSignIn(String(form.get("email") ?? ""), String(form.get("password") ?? ""));
    if (problem !== null) {
      setBusy(false);
      setError(problem);
      return;
    }
    window.location.assign(callbackUrl());
  }

  const field = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2";
  const alert = error ? (
    <p role="alert" className="text-sm text-red-700">
      {error}
    </p>
  ) : null;
  return (
    <div className="mt-6 space-y-4">
      {singleSignOn ? (
        <Button
          variant={passwords ? "secondary" : "primary"}
          disabled={busy}
          onClick={onSingleSignOn}
          className="w-full py-2"
          autoFocus={!passwords}
        >
          {singleSignOn}
        </Button>
      ) : null}
      {singleSignOn && passwords ? (
        <p className="text-center text-xs text-slate-500">or with your e-mail and password</p>
      ) : null}
      {passwords ? (
        <form onSubmit={onSubmit} className="space-y-4">
          <label className="block text-sm font-medium text-slate-700">
            E-mail
            <input name="email" type="email" autoComplete="username" required autoFocus className={field} />
          </label>
          <label className="block text-sm font-medium text-slate-700">
            Password
            <input name="password" type="password" autoComplete="current-password" required className={field} />
          </label>
          {alert}
          <Button type="submit" disabled={busy} className="w-full py-2">
            {busy ? "Signing in…" : "Sign in"}
          </Button>
        </form>
      ) : (
        alert
      )}
    </div>
  );
}
