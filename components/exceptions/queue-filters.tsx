"use client";
// The queue's filters: each writes the URL (lib/client/url-state), so Back, reload and a shared link restore them.
import { Select } from "@/components/ui/field";
import type { ExceptionFilters } from "@/lib/client/hooks/exceptions";
import { IntegrationOptions } from "@/components/integrations/integration-options";
import { useUsers } from "@/lib/client/hooks/users";
import { CATEGORY } from "./labels";

export function QueueFilters({
  filters,
  set,
  meId,
}: {
  filters: ExceptionFilters;
  set: (patch: ExceptionFilters) => void;
  meId: string;
}) {
  const users = useUsers();
  return (
    <div className="mb-3 grid grid-cols-2 gap-2 text-sm sm:flex sm:flex-wrap sm:items-end">
      <label className="font-medium text-slate-700">
        Show
        <Select
          value={filters.status}
          onChange={(e) => set({ status: e.target.value === "open" ? undefined : e.target.value })}
        >
          <option value="open">Open</option>
          <option value="resolved">Resolved</option>
          <option value="ignored">Discarded</option>
        </Select>
      </label>
      <label className="font-medium text-slate-700">
        Whose
        <Select value={filters.assignee ?? ""} onChange={(e) => set({ assignee: e.target.value || undefined })}>
          <option value="">Everyone&apos;s</option>
          <option value="me">Mine</option>
          <option value="none">Unassigned</option>
          {users.data?.items
            .filter((u) => u.role !== "manager" && u.id !== meId)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}&apos;s
              </option>
            ))}
        </Select>
      </label>
      <label className="font-medium text-slate-700">
        Integration
        <Select value={filters.integration ?? ""} onChange={(e) => set({ integration: e.target.value || undefined })}>
          <IntegrationOptions all="All" />
        </Select>
      </label>
      <label className="font-medium text-slate-700">
        Kind
        <Select value={filters.category ?? ""} onChange={(e) => set({ category: e.target.value || undefined })}>
          <option value="">All kinds</option>
          {Object.entries(CATEGORY).map(([k, v]) => (
            <option key={k} value={k}>
              {v.label}
            </option>
          ))}
        </Select>
      </label>
      <label className="col-span-2 flex items-center gap-2 font-medium text-slate-700 sm:pb-2">
        <input
          type="checkbox"
          checked={filters.pastSla === "true"}
          onChange={(e) => set({ pastSla: e.target.checked ? "true" : undefined })}
          className="size-4"
        />{" "}
        Past SLA only
      </label>
    </div>
  );
}
