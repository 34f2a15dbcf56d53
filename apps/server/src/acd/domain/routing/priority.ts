/**
 * Caller priority with aging, so that nobody starves.
 *
 * A contact has a base priority (higher is served first; the adapter sets it from the VIP list
 * or the IVR flow) and gains `rate` points per second of waiting (the queue's
 * `agingPerSecond`):
 *
 *     effective(t) = base + rate × (t − enqueuedAt) / 1000          (times in ms)
 *
 * Within one queue every contact ages at the same rate, so the difference between two
 * contacts' effective priorities never changes while they wait:
 *
 *     effective_A(t) − effective_B(t) = (base_A − rate·enq_A/1000) − (base_B − rate·enq_B/1000)
 *
 * A queue therefore keeps its contacts sorted by the time-independent key
 * `base − rate × enqueuedAt / 1000` (higher first, then earlier enqueue, then arrival order)
 * and never re-sorts. What aging means in plain words: a contact whose base priority is
 * higher by Δ overtakes only contacts that have waited less than Δ / rate seconds longer
 * than it. Once a caller has waited Δ / rate seconds, no later arrival (however VIP, up to
 * Δ above it) gets ahead of it. With the defaults (VIP 100, normal 0, 1 point/s) a VIP jumps
 * everyone who has waited less than 100 s longer than the VIP.
 *
 * Contacts of different queues (different rates) meet when one agent can serve both; they
 * are compared by their effective priority at the decision time (`outranks`).
 */
export const Priority = {
  Normal: 0,
  Vip: 100,
} as const;

export function orderKey(base: number, ratePerSecond: number, enqueuedAt: number): number {
  return base - (ratePerSecond * enqueuedAt) / 1000;
}

export function effectivePriority(base: number, ratePerSecond: number, enqueuedAt: number, at: number): number {
  return base + (ratePerSecond * (at - enqueuedAt)) / 1000;
}
