import { redirect } from "next/navigation";
import { requirePageUser } from "@/lib/server/session";

/** Home: managers land on the KPIs, everyone else on the exception queue. */
export default async function Home() {
  const user = await requirePageUser();
  redirect(user.role === "manager" ? "/kpis" : "/exceptions");
}
