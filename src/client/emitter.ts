/** A minimal typed event emitter: a listener that throws never breaks the kit or other listeners. */
export class Emitter<Events extends object> {
  private readonly listeners: { [K in keyof Events]?: Array<(e: Events[K]) => void> } = {};

  on<K extends keyof Events>(event: K, fn: (e: Events[K]) => void): () => void {
    const list = (this.listeners[event] ||= []);
    list.push(fn);
    return () => {
      const i = list.indexOf(fn);
      if (i >= 0) list.splice(i, 1);
    };
  }

  emit<K extends keyof Events>(event: K, e: Events[K]): void {
    for (const fn of (this.listeners[event] || []).slice()) {
      try {
        fn(e);
      } catch {
        // A game's listener bug must not stop the queue.
      }
    }
  }
}
