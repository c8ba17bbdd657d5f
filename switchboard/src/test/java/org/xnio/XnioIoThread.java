package org.xnio;

/**
 * Stands in for XNIO's I/O thread class (Undertow's I/O threads extend it), which the library recognizes by name:
 * tests run "on an I/O thread" by running on a subclass of this one.
 */
public class XnioIoThread extends Thread {

    public XnioIoThread(Runnable task) {
        super(task, "test I/O thread");
    }
}
