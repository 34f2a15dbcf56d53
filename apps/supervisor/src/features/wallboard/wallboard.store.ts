/**
 * The wallboard as the server pushes it: `wallboard:snapshot` on connect and
 * `wallboard:update` within a second of a change, each parsed with the contract before it
 * is shown. Attached to the live socket for the whole session (not only while the page is
 * open), so the board is there at once when the supervisor comes back to it. Never polls.
 */
import { type WallboardSnapshot, WallboardSnapshotSchema } from '@ccx/contracts';
import type { LiveSocket } from '@ccx/web-session';
import { create } from 'zustand';

export interface WallboardState {
  snapshot: WallboardSnapshot | null;
  /** A push that did not parse, in words. */
  problem: string | null;
  attach(socket: LiveSocket): () => void;
}

export const useWallboardStore = create<WallboardState>()((set) => ({
  snapshot: null,
  problem: null,
  attach(socket) {
    const receive = (payload: unknown) => {
      const parsed = WallboardSnapshotSchema.safeParse(payload);
      if (parsed.success) set({ snapshot: parsed.data, problem: null });
      else set({ problem: 'The server sent a wallboard this page cannot read; reload the page.' });
    };
    socket.on('wallboard:snapshot', receive);
    socket.on('wallboard:update', receive);
    return () => {
      socket.off('wallboard:snapshot', receive);
      socket.off('wallboard:update', receive);
    };
  },
}));
