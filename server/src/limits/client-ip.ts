import type { IncomingMessage } from 'node:http';

/**
 * The caller's address for per-address limits. Behind `trustedHops` proxies (a load balancer:
 * 1) the address is the one the nearest trusted proxy saw, from X-Forwarded-For read right to
 * left, as Express's `trust proxy` with a hop count reads it; addresses a client wrote itself
 * (further left) are never believed. IPv4-mapped IPv6 is written as IPv4.
 */
export function clientIp(req: IncomingMessage, trustedHops: number): string {
  const socketAddress = req.socket.remoteAddress ?? 'unknown';
  if (trustedHops === 0) return normalize(socketAddress);
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  // Nearest first: the socket's peer, then each proxy's view, right to left.
  const chain = [socketAddress, ...forwarded.reverse()];
  return normalize(chain[Math.min(trustedHops, chain.length - 1)]!);
}

function normalize(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
