package dev.switchboard.internal;

import io.grpc.ServerServiceDefinition;

/**
 * One discovered service: its gRPC name, the bean class it came from (for messages and seed-style routes), and the
 * definition built from the bean's {@code bindService()}.
 */
record ServiceBinding(String serviceName, Class<?> beanClass, String httpName, ServerServiceDefinition definition) {
}
