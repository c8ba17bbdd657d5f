package dev.switchboard.internal;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * grpc-servlet (1.79) logs every request it cannot deframe — a truncated frame, a compressed flag without
 * {@code grpc-encoding}, corrupt gzip, a frame over the size limit — as a WARNING with the stack trace
 * ({@code ServletServerStream.TransportState.deframeFailed}, "Exception processing message"), then cancels the call
 * with that status. Those are the client's doing: this filter hands them to {@link ClientFaults} (one line a minute
 * per kind, no stack) and lets every other record of that logger through.
 *
 * <p>A logger's filter is global to the JVM's log manager (WildFly: shared by all deployments): installed only where
 * the logger has none, removed at shutdown only while it is still this one, so no deployment's class stays referenced
 * from it after undeploy.
 */
final class GrpcServletLogs implements Filter {

    /** Kept here: a logger nobody references may be collected, and its filter with it. */
    private final Logger logger = Logger.getLogger("io.grpc.servlet.jakarta.ServletServerStream");

    private GrpcServletLogs() {
    }

    /** The filter installed, or null where the logger has a filter already. */
    static GrpcServletLogs install() {
        GrpcServletLogs filter = new GrpcServletLogs();
        synchronized (Logger.class) {
            if (filter.logger.getFilter() != null) {
                return null;
            }
            filter.logger.setFilter(filter);
        }
        return filter;
    }

    void uninstall() {
        synchronized (Logger.class) {
            if (logger.getFilter() == this) {
                logger.setFilter(null);
            }
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        if (record.getLevel() != Level.WARNING || message == null || !message.endsWith("Exception processing message")) {
            return true;
        }
        Throwable cause = record.getThrown();
        ClientFaults.report("gRPC request could not be read", cause == null ? message : String.valueOf(cause.getMessage()));
        return false;
    }
}
