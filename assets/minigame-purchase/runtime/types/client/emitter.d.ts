/** A minimal typed event emitter: a listener that throws never breaks the kit or other listeners. */
export declare class Emitter<Events extends object> {
    private readonly listeners;
    on<K extends keyof Events>(event: K, fn: (e: Events[K]) => void): () => void;
    emit<K extends keyof Events>(event: K, e: Events[K]): void;
}
