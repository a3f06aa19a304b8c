"use client";
import { useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ReplayingSelect } from "@/components/ui/select";
import { TimeAgo } from "@/components/ui/time-ago";
import type { ApiError } from "@/lib/client/api";
import { useCreateUser, useUpdateUser, useUsers } from "@/lib/client/hooks/users";

const ROLES = [
  { value: "ops", label: "Operations" },
  { value: "manager", label: "Manager (read-only)" },
  { value: "admin", label: "Admin" },
] as const;

/** Admins add people, change roles and disable accounts (which signs them out at once). */
export function UsersPanel({ canEdit, selfId }: { canEdit: boolean; selfId: string }) {
  const users = useUsers();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [form, setForm] = useState({
    email: "",
    name: "",
    role: "ops" as (typeof ROLES)[number]["value"],
    password: "",
  });
  type Role = (typeof ROLES)[number]["value"];
  type Person = { id: string; name: string; role: string; disabled: boolean };
  const [pending, setPending] = useState<{ user: Person; role?: Role; disabled?: boolean } | null>(null);
  const roleLabel = (r: string) => ROLES.find((x) => x.value === r)?.label ?? r;
  const applyPending = () => {
    if (!pending) return;
    const change = pending.role ? { role: pending.role } : { disabled: pending.disabled };
    update.mutate({ id: pending.user.id, ...change }, { onSuccess: () => setPending(null) });
  };

  async function onCreate(event: FormEvent) {
    event.preventDefault();
    const ok = await create.mutateAsync(form).then(
      () => true,
      () => false,
    );
    if (ok) setForm({ email: "", name: "", role: "ops", password: "" });
  }

  const field = "mt-1 rounded-md border border-slate-300 px-3 py-1.5 font-normal";
  return (
    <section aria-labelledby="users-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="users-heading" className="text-lg font-semibold">
        People
      </h2>
      <p className="mt-1 text-sm text-slate-600">Who can sign in, and what their role lets them do.</p>
      {canEdit ? (
        <form
          onSubmit={onCreate}
          className="mt-4 grid grid-cols-1 gap-3 text-sm font-medium text-slate-700 md:grid-cols-5 md:items-end"
        >
          <label className="flex flex-col">
            Name
            <input
              className={field}
              required
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
          </label>
          <label className="flex flex-col">
            E-mail
            <input
              className={field}
              required
              type="email"
              value={form.email}
              onChange={(e) => setForm({ ...form, email: e.target.value })}
            />
          </label>
          <label className="flex flex-col">
            Role
            <ReplayingSelect
              className={field}
              value={form.role}
              onChange={(e) => setForm({ ...form, role: e.target.value as typeof form.role })}
            >
              {ROLES.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </ReplayingSelect>
          </label>
          <label className="flex flex-col">
            First password
            <input
              className={field}
              required
              minLength={12}
              type="password"
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
            />
          </label>
          <Button type="submit" disabled={create.isPending}>
            Add person
          </Button>
        </form>
      ) : null}
      {create.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {(create.error as ApiError).message}
        </p>
      ) : null}
      <ConfirmDialog
        open={pending !== null}
        title={
          pending?.role
            ? `Change ${pending.user.name}'s role?`
            : pending?.disabled
              ? `Disable ${pending?.user.name}?`
              : `Enable ${pending?.user.name}?`
        }
        confirm={
          pending?.role ? `Make them ${roleLabel(pending.role)}` : pending?.disabled ? "Disable and sign out" : "Enable"
        }
        danger={Boolean(pending?.disabled) || pending?.role === "admin"}
        busy={update.isPending}
        error={update.error ? (update.error as ApiError).message : null}
        onCancel={() => {
          setPending(null);
          update.reset();
        }}
        onConfirm={applyPending}
      >
        {pending?.role ? (
          <p>
            {pending.user.name} goes from <strong>{roleLabel(pending.user.role)}</strong> to{" "}
            <strong>{roleLabel(pending.role)}</strong>. It applies to their very next click
            {pending.role === "admin" ? ", and lets them change everything, including integrations and people" : ""}.
            The change is kept in the audit trail.
          </p>
        ) : pending?.disabled ? (
          <p>
            {pending?.user.name} is signed out at once everywhere and cannot sign in until enabled again. Their tokens
            are revoked for good. Nothing they did is removed.
          </p>
        ) : (
          <p>{pending?.user.name} can sign in again with their password.</p>
        )}
      </ConfirmDialog>
      <div className="relative mt-5 overflow-x-auto">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2">Name</th>
              <th>E-mail</th>
              <th>Role</th>
              <th>Last sign-in</th>
              <th>Status</th>
              {canEdit ? <th className="sr-only">Actions</th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.data?.items.map((u) => (
              <tr key={u.id}>
                <td className="py-2 font-medium">
                  {u.name}
                  {u.id === selfId ? <span className="text-slate-500"> (you)</span> : null}
                </td>
                <td>{u.email}</td>
                <td>
                  {canEdit && u.id !== selfId ? (
                    <ReplayingSelect
                      aria-label={`Role of ${u.name}`}
                      value={u.role}
                      className="rounded border border-slate-300 px-2 py-1"
                      onChange={(e) => {
                        update.reset();
                        setPending({ user: u, role: e.target.value as Role });
                      }}
                    >
                      {ROLES.map((r) => (
                        <option key={r.value} value={r.value}>
                          {r.label}
                        </option>
                      ))}
                    </ReplayingSelect>
                  ) : (
                    ROLES.find((r) => r.value === u.role)?.label
                  )}
                </td>
                <td>
                  {u.lastSignInAt ? <TimeAgo at={u.lastSignInAt} /> : <span className="text-slate-500">never</span>}
                </td>
                <td>{u.disabled ? <Badge tone="slate">Disabled</Badge> : <Badge tone="green">Active</Badge>}</td>
                {canEdit ? (
                  <td className="text-right">
                    {u.id === selfId ? null : (
                      <Button
                        variant={u.disabled ? "secondary" : "danger"}
                        onClick={() => {
                          update.reset();
                          setPending({ user: u, disabled: !u.disabled });
                        }}
                      >
                        {u.disabled ? "Enable" : "Disable"}
                      </Button>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
