/** No catalog to show: the relay could not be reached or answered something unusable, and nothing is cached. */
export class CatalogUnavailableError extends Error {
  override readonly name = 'CatalogUnavailableError' as const;
  readonly code = 'CATALOG_UNAVAILABLE' as const;
  constructor(
    message: string,
    /** The relay's HTTP status, when it answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}
