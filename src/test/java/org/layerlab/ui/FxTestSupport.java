package org.layerlab.ui;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.testfx.util.WaitForAsyncUtils;

/** Waiting for the window the way a user would: look again until it shows, with a time limit. */
final class FxTestSupport {
    private FxTestSupport() {
    }

    /** Evaluates {@code query} on the FX thread and returns its answer. */
    static <T> T onFx(Callable<T> query) {
        try {
            return WaitForAsyncUtils.asyncFx(query).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("failed on the FX thread: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the FX thread did not answer within 30 s", e);
        }
    }

    static void onFx(Runnable action) {
        onFx(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Polls {@code condition} (on the FX thread) until it holds; fails after {@code timeout} with {@code what} and
     * whatever {@code state} describes at that moment.
     */
    static void waitUntil(String what, Duration timeout, Callable<Boolean> condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (Boolean.TRUE.equals(onFx(condition))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting until " + what
                        + ". State: " + onFx(state::get));
            }
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        }
    }
}
