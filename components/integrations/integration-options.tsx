"use client";
import { useIntegrations } from "@/lib/client/hooks/integrations";

/** The options of an integration picker: "all" (the empty value) first, then each integration in use by name. */
export function IntegrationOptions({ all }: { all: string }) {
  const integrations = useIntegrations();
  return (
    <>
      <option value="">{all}</option>
      {integrations.data?.items.map((i) => (
        <option key={i.slug} value={i.slug}>
          {i.name}
        </option>
      ))}
    </>
  );
}
