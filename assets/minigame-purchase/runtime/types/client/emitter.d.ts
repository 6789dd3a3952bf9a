/** A minimal typed event emitter: a listener that throws never breaks the kit or other listeners. */
export interface Emitter<Events extends object> {
    on<K extends keyof Events>(event: K, fn: (e: Events[K]) => void): () => void;
    emit<K extends keyof Events>(event: K, e: Events[K]): void;
}
export declare function createEmitter<Events extends object>(): Emitter<Events>;
