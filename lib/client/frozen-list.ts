// A list that does not move under the cursor. A background refresh updates the rows already shown in place,
// holds back rows that would appear above them ("3 new, show"), appends rows that only continue the list
// below (older pages), and marks shown rows that left the list instead of dropping them.

export interface Listed {
  id: string;
  openedAt: string;
}

export interface Frozen<T extends Listed> {
  /** ids shown, in display order (newest first by openedAt, id) */
  order: string[];
  /** the newest data seen for every id shown or pending */
  byId: Map<string, T>;
  /** shown ids the last refresh no longer returned, though it reached past them */
  gone: Set<string>;
  /** ids the refresh found above or among the shown ones, not shown yet */
  pending: string[];
}

/** newest first: a before b when a is newer (openedAt, then id, descending, as the API orders) */
const newer = (a: Listed, b: Listed) => a.openedAt > b.openedAt || (a.openedAt === b.openedAt && a.id > b.id);

/**
 * Fold a refresh (`fresh`: every loaded page, in API order) into what is shown.
 * `complete` is true when the refresh holds the whole list (no further page), so every missing row has left it.
 */
export function reconcile<T extends Listed>(prev: Frozen<T> | null, fresh: T[], complete: boolean): Frozen<T> {
  const byId = new Map(prev?.byId);
  for (const item of fresh) byId.set(item.id, item);
  const shownLive = prev ? prev.order.filter((id) => !prev.gone.has(id)) : [];
  if (!prev || shownLive.length === 0)
    return { order: fresh.map((x) => x.id), byId: new Map(fresh.map((x) => [x.id, x])), gone: new Set(), pending: [] };

  const shown = new Set(prev.order);
  const last = byId.get(prev.order.at(-1)!)!;
  const order = [...prev.order];
  const pending: string[] = [];
  for (const item of fresh) {
    if (shown.has(item.id)) continue;
    if (newer(last, item)) order.push(item.id);
    else pending.push(item.id);
  }
  const freshIds = new Set(fresh.map((x) => x.id));
  const oldestFresh = fresh.at(-1);
  const gone = new Set<string>();
  for (const id of prev.order) {
    if (freshIds.has(id)) continue;
    const item = byId.get(id)!;
    // Past the end of the loaded pages it may simply have been pushed down by newer rows: not gone.
    if (complete || (oldestFresh && !newer(oldestFresh, item))) gone.add(id);
  }
  return { order, byId, gone, pending };
}

/** Show the held-back rows: merge them in order and drop the rows that left (except `keep`, the selection). */
export function showPending<T extends Listed>(list: Frozen<T>, keep: string | null): Frozen<T> {
  const ids = [...list.order.filter((id) => !list.gone.has(id) || id === keep), ...list.pending];
  const items = ids.map((id) => list.byId.get(id)!).sort((a, b) => (newer(a, b) ? -1 : newer(b, a) ? 1 : 0));
  return {
    order: items.map((x) => x.id),
    byId: list.byId,
    gone: new Set([...list.gone].filter((id) => id === keep)),
    pending: [],
  };
}
