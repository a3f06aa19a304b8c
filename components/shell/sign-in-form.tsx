"use client";
import { useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { safeCallback } from "@/lib/client/safe-redirect";

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

export function SignInForm() {
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
    window.location.assign(safeCallback(params.get("callbackUrl"), window.location.origin));
  }

  const field = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2";
  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4">
      <label className="block text-sm font-medium text-slate-700">
        E-mail
        <input name="email" type="email" autoComplete="username" required autoFocus className={field} />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Password
        <input name="password" type="password" autoComplete="current-password" required className={field} />
      </label>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <Button type="submit" disabled={busy} className="w-full py-2">
        {busy ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
