/** No catalog to show: the relay could not be reached or answered something unusable, and nothing is cached. */
export declare class CatalogUnavailableError extends Error {
    /** The relay's HTTP status, when it answered. */
    readonly status?: number | undefined;
    readonly name: "CatalogUnavailableError";
    readonly code: "CATALOG_UNAVAILABLE";
    constructor(message: string, 
    /** The relay's HTTP status, when it answered. */
    status?: number | undefined);
}
