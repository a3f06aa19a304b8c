"use client";
// Right after creating: the API key and both signing secrets, shown this once
// with copy buttons; ready examples (bearer key, Standard Webhooks signature);
// and a test record (relay) or test report (tracked).
import { CopyButton } from "@/components/ui/copy-button";
import type { CreatedIntegration as Created } from "@/lib/client/hooks/integrations";
import { TestSend } from "./test-send";

function Secret({ label, hint, value, testId }: { label: string; hint: string; value: string; testId: string }) {
  return (
    <div>
      <dt className="text-sm font-medium text-slate-800">{label}</dt>
      <dd className="mt-1 flex flex-wrap items-center gap-2">
        <code
          className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-amber-200"
          data-testid={testId}
        >
          {value}
        </code>
        <CopyButton value={value} label={label} />
      </dd>
      <dd className="mt-1 text-xs text-slate-600">{hint}</dd>
    </div>
  );
}

function Example({ title, text }: { title: string; text: string }) {
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 flex items-center justify-between gap-2 text-sm font-medium">
        {title}
        <CopyButton value={text} label={title} />
      </figcaption>
      <pre
        className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100"
        tabIndex={0}
      >
        {text}
      </pre>
    </figure>
  );
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function CreatedIntegration({ created, sample, origin }: { created: Created; sample: unknown; origin: string }) {
  const i = created.integration;
  const body = sample === undefined ? '{"id":"A-1001","total":42.5}' : JSON.stringify(sample);
  const relay = i.mode === "relay";
  const bearer = relay
    ? `curl -X POST ${origin}/api/ingest/${i.slug} \\\n  -H "Authorization: Bearer ${created.ingestKey.key}" \\\n  -H "Content-Type: application/json" \\\n  -H "Idempotency-Key: test-1" \\\n  --data ${quote(body)}`
    : `curl -X POST ${origin}/api/v1/track/events \\\n  -H "Authorization: Bearer ${created.ingestKey.key}" \\\n  -H "Content-Type: application/json" \\\n  --data ${quote(JSON.stringify({ integration: i.slug, idempotencyKey: "test-1", payload: sample ?? { id: "A-1001" } }))}`;
  const signed = `SECRET='${created.ingestSecret}'
BODY=${quote(body)}
ID="msg_$(date +%s%N)"; TS="$(date +%s)"
# v1 signature: base64 HMAC-SHA256 of "{id}.{timestamp}.{body}", keyed with the secret after "whsec_" (base64-decoded)
KEY_HEX="$(printf '%s' "\${SECRET#whsec_}" | base64 -d | od -An -tx1 | tr -d ' \\n')"
SIG="$(printf '%s' "$ID.$TS.$BODY" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$KEY_HEX" -binary | base64)"
curl -X POST ${origin}/api/ingest/${i.slug} \\
  -H "Content-Type: application/json" \\
  -H "webhook-id: $ID" -H "webhook-timestamp: $TS" -H "webhook-signature: v1,$SIG" \\
  --data "$BODY"`;

  return (
    <div className="space-y-4">
      <section className="rounded-lg border border-emerald-200 bg-emerald-50 p-5" aria-labelledby="created-h">
        <h2 id="created-h" className="text-lg font-semibold text-emerald-900">
          “{i.name}” is created, as a draft
        </h2>
        <p className="mt-1 text-sm text-emerald-900">
          It accepts and processes records so you can test it safely; it is labelled not live, and alerts and escalation
          start once it goes live.
          {i.contract ? " Its contract is version 1, a draft to review and approve." : ""}
        </p>
        <a className="mt-2 inline-block text-sm font-medium text-indigo-700 underline" href={`/integrations/${i.slug}`}>
          Open the integration
        </a>
      </section>

      <section
        className="rounded-lg border border-amber-300 bg-amber-50 p-5"
        aria-labelledby="once-h"
        data-testid="shown-once"
      >
        <h2 id="once-h" className="text-base font-semibold text-amber-900">
          Copy these now — they are shown this once
        </h2>
        <p className="mt-1 text-sm text-amber-900">
          Signalbox keeps only a hash of the key. If one is lost, create a new key or rotate the secret on the
          integration page.
        </p>
        <dl className="mt-3 space-y-3">
          <Secret
            label="API key"
            testId="created-key"
            value={created.ingestKey.key}
            hint={
              relay
                ? "Senders put it in the Authorization header: Bearer <key>."
                : "The workflow reports with it: Authorization: Bearer <key>."
            }
          />
          <Secret
            label="Ingest signing secret"
            testId="created-ingest-secret"
            value={created.ingestSecret}
            hint="Instead of the key, senders may sign each request (Standard Webhooks) with this secret."
          />
          <Secret
            label="Delivery signing secret"
            testId="created-delivery-secret"
            value={created.deliverySecret}
            hint="Signalbox signs what it sends with this secret; give it to the target so it can verify webhook-signature."
          />
        </dl>
      </section>

      <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="examples-h">
        <h2 id="examples-h" className="text-base font-semibold">
          Send a record
        </h2>
        <Example title={relay ? "With the API key" : "Report a record with the API key"} text={bearer} />
        {relay ? (
          <>
            <Example title="Signed (Standard Webhooks)" text={signed} />
            <p className="text-xs text-slate-600">
              Signed requests carry <code>webhook-id</code> (unique per message: a repeat is a duplicate),{" "}
              <code>webhook-timestamp</code> (Unix seconds; more than 5 minutes off is refused) and{" "}
              <code>webhook-signature</code>: <code>v1,</code> then the base64 HMAC-SHA256 of
              <code> {"{id}.{timestamp}.{raw body}"}</code> keyed with the secret after <code>whsec_</code>,
              base64-decoded. Standard Webhooks libraries (e.g. <code>standardwebhooks</code> for Node, Python, Go) do
              this for you.
            </p>
          </>
        ) : null}
      </section>

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="test-h">
        <h2 id="test-h" className="text-base font-semibold">
          {relay ? "Send a test record" : "Send a test report"}
        </h2>
        <TestSend slug={i.slug} mode={i.mode} sample={sample} />
      </section>
    </div>
  );
}
