/**
 * gRPC over the container: grpc-java's interop cases on both transports and executors, flow control, interactive,
 * idle and abandoned streams, hostile input and the quiet logging of client-caused failures.
 */
package dev.switchboard.it.grpc;
