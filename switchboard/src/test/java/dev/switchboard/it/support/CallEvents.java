package dev.switchboard.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

/**
 * A client call's observer that puts everything the call delivers into one queue, in order: each message, then the
 * call's end as a {@link Status} (OK when it completed). Its request stream is kept, so a test can also cancel the call.
 */
public final class CallEvents<ReqT, RespT> implements ClientResponseObserver<ReqT, RespT> {

    private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private volatile ClientCallStreamObserver<ReqT> requests;

    @Override
    public void beforeStart(ClientCallStreamObserver<ReqT> requestStream) {
        requests = requestStream;
    }

    @Override
    public void onNext(RespT value) {
        events.add(value);
    }

    @Override
    public void onError(Throwable t) {
        events.add(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
        events.add(Status.OK);
    }

    /** The next event, a message or the end; null if none comes within {@code seconds}. */
    public Object poll(long seconds) throws InterruptedException {
        return events.poll(seconds, TimeUnit.SECONDS);
    }

    /** The next event, which must be a message ({@code what} names it) and come within 10 s. */
    @SuppressWarnings("unchecked")
    public RespT nextMessage(String what) throws InterruptedException {
        Object event = poll(10);
        assertThat(event).as(what).isNotNull().isNotInstanceOf(Status.class);
        return (RespT) event;
    }

    /** The next event, which must be the call's end and come within {@code seconds}. */
    public Status end(long seconds) throws InterruptedException {
        Object event = poll(seconds);
        assertThat(event).as("the call's end").isInstanceOf(Status.class);
        return (Status) event;
    }

    /** The call's request stream: to send, half-close or cancel (RST_STREAM(CANCEL) on HTTP/2). */
    public ClientCallStreamObserver<ReqT> requests() {
        return requests;
    }
}
