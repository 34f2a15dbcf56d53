/** Keeps the wallboard store attached to the session's live socket; the app shell calls it once. */
import { useLive } from '@ccx/web-session';
import { useEffect } from 'react';
import { useWallboardStore } from '../wallboard.store';

export function useWallboardFeed(): void {
  const socket = useLive((state) => state.socket);
  const attach = useWallboardStore((state) => state.attach);
  useEffect(() => (socket ? attach(socket) : undefined), [socket, attach]);
}
