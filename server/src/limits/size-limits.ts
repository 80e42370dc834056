// Limits sized to the real messages (issue 14): anything bigger is a mistake or an attack.

/**
 * JSON bodies under /api. The largest real one is an order created with the most lines
 * (ORDER_ITEMS_MAX), every text at its cap and written in 3-byte UTF-8 characters (CJK): about
 * 43 kB (server/test/size-limits.test.ts builds it and checks it fits). 64 kB leaves room for that;
 * larger answers 413 payload_too_large.
 */
export const JSON_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * socket.io's `maxHttpBufferSize`: one message from a client (and, over long-polling, one POST of
 * them). The largest real one is a token refresh: a Firebase ID token is 1-2 kB (up to ~4 kB with
 * large custom claims); `join { rooms }` is under 100 bytes. A larger message drops the connection.
 */
export const SOCKET_MESSAGE_LIMIT_BYTES = 16 * 1024;
