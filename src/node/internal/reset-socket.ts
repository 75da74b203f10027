import type * as net from 'node:net'

/**
 * Destroys `socket` with a TCP reset (RST) instead of a FIN, so that the peer
 * sees a failure (`ECONNRESET`) and cannot take a cut-off stream for a
 * complete one. Sockets without a TCP handle (IPC pipes) are destroyed; an
 * already destroyed socket is left alone (`resetAndDestroy` would emit an
 * `'error'` nobody may be listening for).
 */
export function resetSocket(socket: net.Socket): void {
  if (socket.destroyed) return
  try {
    socket.resetAndDestroy()
  } catch (e) {
    // Thrown, synchronously, for a pipe or other non-TCP handle.
    if ((e as { code?: unknown } | null)?.code !== 'ERR_INVALID_HANDLE_TYPE') throw e
    socket.destroy()
  }
}
