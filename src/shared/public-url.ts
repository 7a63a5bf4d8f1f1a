/**
 * An absolute URL on this server's public origin. Clients on another origin (the original web client)
 * resolve a relative path against their own origin, so every URL the server hands out is built here.
 * A `path` that is already absolute (a badge image kept elsewhere) is returned as it is.
 */
export function absoluteUrl(publicOrigin: string, path: string): string {
  return new URL(path, publicOrigin).toString();
}
