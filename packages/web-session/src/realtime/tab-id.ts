/** This tab's id for heartbeats: random per page load, so two tabs of one user never share it. */
function randomId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `tab-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
}

export const TAB_ID = randomId();
