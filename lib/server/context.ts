import { SYSTEM, type Actor, type Ctx } from "@/lib/core/context";
import { getStore } from "@/lib/db/client";
import { createContext } from "@/lib/db/context";
import { resolveHost } from "./resolve-host";

export async function contextFor(actor: Actor): Promise<Ctx> {
  return createContext(await getStore(), actor, { resolveHost });
}

export function systemContext(): Promise<Ctx> {
  return contextFor(SYSTEM);
}
