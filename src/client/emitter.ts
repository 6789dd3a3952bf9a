/** A minimal typed event emitter: a listener that throws never breaks the kit or other listeners. */
export interface Emitter<Events extends object> {
  on<K extends keyof Events>(event: K, fn: (e: Events[K]) => void): () => void;
  emit<K extends keyof Events>(event: K, e: Events[K]): void;
}

export function createEmitter<Events extends object>(): Emitter<Events> {
  const listeners: { [K in keyof Events]?: Array<(e: Events[K]) => void> } = {};
  return {
    on(event, fn) {
      const list = (listeners[event] ||= []);
      list.push(fn);
      return () => {
        const i = list.indexOf(fn);
        if (i >= 0) list.splice(i, 1);
      };
    },
    emit(event, e) {
      for (const fn of (listeners[event] || []).slice()) {
        try {
          fn(e);
        } catch {
          // A game's listener bug must not stop the queue.
        }
      }
    },
  };
}
