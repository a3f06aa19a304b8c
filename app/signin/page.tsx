import type { Metadata } from "next";
import { Suspense } from "react";
import { SignInForm } from "@/components/shell/sign-in-form";
import { getEnv } from "@/lib/env";
import { signInOptions } from "@/lib/server/oidc";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  const options = signInOptions(getEnv());
  return (
    <main className="grid min-h-screen place-items-center bg-slate-900 px-4">
      <div className="w-full max-w-sm rounded-xl bg-white p-8 shadow-xl">
        <h1 className="text-xl font-semibold text-slate-900">Sign in to Signalbox</h1>
        <p className="mt-1 text-sm text-slate-600">The operations console for your integrations.</p>
        <Suspense>
          <SignInForm {...options} />
        </Suspense>
      </div>
    </main>
  );
}
