package dev.switchboard.internal.grpc;

import dev.switchboard.internal.observe.ClientFaults;

import java.io.IOException;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * grpc-servlet (1.79) logs a client's leaving midway, as a WARNING with the stack trace of the failed write
 * ("Exception writing message"), and every request it cannot deframe — a truncated frame, a compressed flag without
 * {@code grpc-encoding}, corrupt gzip, a frame over the size limit — as a WARNING with the stack trace
 * ({@code ServletServerStream.TransportState.deframeFailed}, "Exception processing message"), then cancels the call
 * with that status. Those are the client's doing: this filter hands them to {@link ClientFaults} (one line a minute
 * per kind, no stack) and lets every other record of that logger through.
 *
 * <p>A logger's filter is global to the JVM's log manager (WildFly: shared by all deployments): installed only where
 * the logger has none, removed at shutdown only while it is still this one, so no deployment's class stays referenced
 * from it after undeploy.
 */
public final class GrpcServletLogs implements Filter {

    /** Kept here: a logger nobody references may be collected, and its filter with it. */
    private final Logger logger = Logger.getLogger("io.grpc.servlet.jakarta.ServletServerStream");

    private GrpcServletLogs() {
    }

    /** The filter installed, or null where the logger has a filter already. */
    public static GrpcServletLogs install() {
        GrpcServletLogs filter = new GrpcServletLogs();
        synchronized (Logger.class) {
            if (filter.logger.getFilter() != null) {
                return null;
            }
            filter.logger.setFilter(filter);
        }
        return filter;
    }

    public void uninstall() {
        synchronized (Logger.class) {
            if (logger.getFilter() == this) {
                logger.setFilter(null);
            }
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        if (record.getLevel() != Level.WARNING || message == null) {
            return true;
        }
        Throwable cause = record.getThrown();
        if (message.endsWith("Exception processing message")) {
            ClientFaults.report("gRPC request could not be read", cause == null ? message : String.valueOf(cause.getMessage()));
            return false;
        }
        // A stream's client reset it or closed its connection while a message was on its way out (Undertow reports
        // that to nothing the servlet API sees until the write fails): the call is cancelled either way.
        if (message.endsWith("Exception writing message") && cause instanceof IOException) {
            ClientFaults.report("gRPC response not delivered, the client went away", String.valueOf(cause));
            return false;
        }
        return true;
    }
}
