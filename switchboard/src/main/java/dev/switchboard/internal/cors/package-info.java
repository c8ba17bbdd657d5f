/**
 * CORS for browsers calling Switchboard from another origin: {@code CorsPolicy} (the allowed origins, request headers
 * and preflight cache time, read once at startup), {@code Origins} (an origin's serialized form, as browsers send it)
 * and {@code CrossOrigin} (a request's verdict, the preflight answer, the headers of an allowed response).
 *
 * <p>Not API. Which requests CORS applies to is decided in the boot package's {@code RequestRouter} — Switchboard's
 * own requests, never the application's — and so is how a refused one is answered (in the request's protocol). This
 * package imports nothing of Switchboard, not even the public API (LayoutRulesTest): the context-params' names are
 * handed in.
 */
package dev.switchboard.internal.cors;
