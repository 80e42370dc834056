// Types of the parts of local-stack.mjs that TypeScript tests use (the scripts are plain JS).

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number>;
/** Resolves true once a Redis server answers PING on 127.0.0.1:port. */
export function redisAnswers(port: number): Promise<boolean>;
