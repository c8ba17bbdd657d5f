package dev.switchboard.internal.gateway;

import java.time.Duration;

import dev.switchboard.internal.container.ServletContainer;
import dev.switchboard.internal.gateway.codec.JsonOptions;

/**
 * What the gateway is configured with (from the context-params of {@link dev.switchboard.Switchboard}).
 *
 * @param maxRequestBytes the largest request message
 * @param requestBody the time a client has to send a request body; zero: no limit
 * @param directExecutor whether service code always runs on the delivering thread
 * @param json how JSON is read and written
 * @param container the container, for its reset watching
 */
public record GatewaySettings(int maxRequestBytes, Duration requestBody, boolean directExecutor, JsonOptions json,
        ServletContainer container) {
}
