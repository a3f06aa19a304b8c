// /exceptions/:id – one exception's own address: the queue with it selected
import { redirect } from "next/navigation";

export default async function ExceptionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  redirect(`/exceptions?selected=${encodeURIComponent(id)}`);
}
