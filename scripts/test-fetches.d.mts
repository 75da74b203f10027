/** One thing `npm test` fetches on its first run: a runtime or a TypeScript version. */
export interface TestFetch {
  readonly what: string
  readonly runtime?: readonly ['node' | 'bun' | 'deno', number]
  readonly typescript?: string
  /** `download / on disk`. */
  readonly size: string
  readonly why: string
}
export declare const TEST_FETCHES: readonly TestFetch[]
/** Whether an entry is already in .tmp/. */
export declare function isFetched(entry: TestFetch): boolean
/** Fetches every entry not yet in .tmp/, calling `log` before each download; returns what it fetched. */
export declare function fetchAll(log: (line: string) => void): string[]
