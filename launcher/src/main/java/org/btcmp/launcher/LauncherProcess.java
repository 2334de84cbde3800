package org.btcmp.launcher;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.btcmp.common.init.ProcessControl;

/**
 * This JVM as the components see it ({@link ProcessControl}): the first shutdown request or init
 * error decides how the process ends; the launcher's main thread waits for it.
 */
final class LauncherProcess implements ProcessControl {
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicReference<String> error = new AtomicReference<>();

    @Override
    public void requestShutdown() {
        ended.countDown();
    }

    @Override
    public void initError(String message) {
        error.compareAndSet(null, message);
        ended.countDown();
    }

    /** Blocks until shutdown is requested or a component failed to start. */
    void await() throws InterruptedException {
        ended.await();
    }


    /** The init error that ended the process, if any. */
    String error() {
        return error.get();
    }
}
