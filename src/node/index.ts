/**
 * `ctxlib/node`: context managers for Node's resources (files, atomic writes,
 * temporary directories, sockets, servers, child processes, the working
 * directory, stdout/stderr), each releasing what it took on every path.
 *
 * @module ctxlib/node
 */
export { AtomicWrite, atomicWrite } from './atomic-write.js'
export type { AtomicWriteOptions } from './atomic-write.js'
export { Chdir, chdir } from './chdir.js'
export { Connect, connect } from './connect.js'
export type { ConnectOptions } from './connect.js'
export { Listen, listen } from './listen.js'
export type { ListenOptions } from './listen.js'
export { OpenFile, OpenFileSync, openFile, openFileSync } from './open-file.js'
export { Redirect, redirectStderr, redirectStdout } from './redirect.js'
export type { WritableLike } from './redirect.js'
export { Spawn, spawn } from './spawn.js'
export type { SpawnOptions } from './spawn.js'
export { TempDir, TempDirSync, tempDir, tempDirSync } from './temp-dir.js'
export type { Flags, Mode } from './open-file.js'
export type { PathArgument } from './internal/args.js'
export { LeakCheck, leakCheck } from './leak-check.js'
export type { LeakCheckOptions } from './leak-check.js'
export { ShutdownSignal, ShutdownSignalError, shutdownSignal } from './shutdown-signal.js'
export type { ShutdownSignalOptions } from './shutdown-signal.js'
