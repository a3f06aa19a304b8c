import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function NotFound() {
  return (
    <EmptyState
      title="There is nothing at this address"
      action={
        <Link
          href="/"
          className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700"
        >
          Go to the start page
        </Link>
      }
    >
      The link may be old, or the record it pointed to was removed when its retention ran out. Use the menu to find what
      you were looking for, or search for the record under Events.
    </EmptyState>
  );
}
