/** Stops the throw-away cluster and removes its folder, whatever the tests' outcome. */
export default function globalTeardown(): void {
  globalThis.registrePostgres?.stop();
  globalThis.registrePostgres = undefined;
}
