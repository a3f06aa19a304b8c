"use client";
import { signIn } from "next-auth/react";
import { useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { safeCallback } from "@/lib/client/safe-redirect";

export function SignInForm() {
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setBusy(false);
    if (!result || result.error) {
      setError(result?.error?.startsWith("throttled: ") ? result.error.slice("throttled: ".length) : "That e-mail and password do not match an active account.");
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
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      <Button type="submit" disabled={busy} className="w-full py-2">
        {busy ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
