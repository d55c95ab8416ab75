/**
 * Set when SIGTERM arrives. While draining, responses to in-flight requests close their keep-alive
 * connection, so the server can finish instead of waiting out idle connections.
 */
export class ShutdownState {
  draining = false;
}
