"use client";
import { Button } from "@/components/ui/button";
import { recordName, type ActionTarget, type useExceptionDialogs } from "./use-exception-dialogs";

/** The action buttons for one open exception (hidden from read-only roles by the caller). */
export function ExceptionActions({
  target,
  dialogs,
  meId,
  compact = false,
}: {
  target: ActionTarget;
  dialogs: ReturnType<typeof useExceptionDialogs>;
  meId: string;
  compact?: boolean;
}) {
  const size = compact ? "px-2 py-1 text-xs" : "";
  const label = recordName(target);
  return (
    <div className="flex flex-wrap gap-1.5" role="group" aria-label={`Actions on ${label}`}>
      {target.assignee !== meId ? (
        <Button
          variant="secondary"
          className={size}
          disabled={dialogs.busy}
          onClick={() => dialogs.act("take", target)}
          aria-label={`Take ${label}`}
        >
          Take
        </Button>
      ) : null}
      <Button
        variant="secondary"
        className={size}
        onClick={() => dialogs.ask("assign", target)}
        title="Shortcut: a"
        aria-label={`Assign ${label}…`}
      >
        Assign…
      </Button>
      <Button
        variant="secondary"
        className={size}
        disabled={dialogs.busy}
        onClick={() => dialogs.act("retry", target)}
        title="Shortcut: r — send the stored record again"
        aria-label={`Retry ${label}`}
      >
        Retry
      </Button>
      <Button
        variant="secondary"
        className={size}
        disabled={dialogs.busy}
        onClick={() => dialogs.act("rerun", target)}
        title="Run again with the current contract and mapping"
        aria-label={`Re-run ${label}`}
      >
        Re-run
      </Button>
      <Button
        variant="secondary"
        className={size}
        onClick={() => dialogs.ask("replay", target)}
        title="Shortcut: e"
        aria-label={`Edit & replay ${label}…`}
      >
        Edit &amp; replay…
      </Button>
      <Button
        variant="secondary"
        className={size}
        onClick={() => dialogs.ask("resolve", target)}
        aria-label={`Resolve ${label}…`}
      >
        Resolve…
      </Button>
      <Button
        variant="danger"
        className={size}
        onClick={() => dialogs.ask("discard", target)}
        aria-label={`Discard ${label}…`}
      >
        Discard…
      </Button>
    </div>
  );
}
