// Values and types shared by the type tests of the `ctxlib` entry.
export interface Db {
  readonly url: string
}
export interface Tx {
  commit(): void
}
export const db: Db = { url: 'mem://' }
export const resource = { id: 1, close(): void {} }
export const asyncResource = { id: 2, async close(): Promise<void> {} }
