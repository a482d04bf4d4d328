/** A concurrency bound for async work. */

/** Runs the given tasks with at most `limit` of them in flight; the rest wait their turn in order. */
export function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
    let active = 0;
    const waiting: (() => void)[] = [];
    // A finished task hands its slot straight to the next waiter, so that a
    // task arriving in between cannot take it as well and exceed the limit.
    const release = (): void => {
        const next = waiting.shift();
        if (next) next();
        else active--;
    };
    return async <T>(task: () => Promise<T>): Promise<T> => {
        if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
        else active++;
        try {
            return await task();
        } finally {
            release();
        }
    };
}
