package org.layerlab.core.dl4j;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.memory.Deallocatable;
import org.nd4j.linalg.api.memory.Deallocator;
import org.nd4j.linalg.api.memory.deallocation.DeallocatorService;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees ND4J's native buffers some time after the garbage collector finds them unreachable, instead of at once as
 * ND4J 1.0.0-M2.1's own {@link DeallocatorService} does (docs/decisions/0020).
 *
 * <p><b>Why.</b> ND4J hands a native call the raw handles of its argument buffers and then drops every Java
 * reference to them: in {@code NativeOpExecutioner.exec(BroadcastOp)} the op, and with it the array of dimensions it
 * owns, is unreachable while {@code execBroadcast} runs (a DL4J Dense layer adds its bias this way every minibatch).
 * If a garbage collection lands in that window, ND4J's deallocator thread deletes the dimensions buffer while the
 * native code still reads it, and the whole process dies with a SIGSEGV in {@code libnd4jcpu.so}
 * ({@code TadDescriptor}, {@code DataBuffer::primary}). It is rare with large young generations and frequent with the
 * small, short-pause ones a smooth window needs; a thread calling {@code System.gc()} while a loop adds a bias row
 * crashes the JVM within seconds ({@code DelayedDeallocatorServiceTest} runs that loop in a child JVM). Here a buffer
 * is freed {@link #GRACE_MILLIS} after it was found unreachable: long after any native call that was running when
 * the collector found it.
 *
 * <p><b>Also lighter.</b> ND4J's service keeps every live buffer in a map keyed by two fresh strings; under training
 * that is about ten small objects per native operation, which every young collection copies. Here a buffer costs
 * one reference object, linked into a list (no map, no strings).
 *
 * <p>Installed once, by {@link Nd4jBackend}, for ND4J's CPU backend only (CUDA frees memory per device, on threads
 * bound to each device: that stays ND4J's). Buffers registered before it was installed stay with ND4J's service.
 */
final class DelayedDeallocatorService extends DeallocatorService {
    private static final Logger LOG = LoggerFactory.getLogger(DelayedDeallocatorService.class);

    /**
     * How long a buffer found unreachable waits before it is freed. Native calls that read their arguments late and
     * run longer than this do not exist in LayerLab's networks (a minibatch of the largest template takes well under
     * a second); the cost is that memory outside ND4J's workspaces is handed back this much later.
     */
    static final long GRACE_MILLIS = 1_000;

    private static volatile DelayedDeallocatorService installed;

    private final ReferenceQueue<Deallocatable> queue = new ReferenceQueue<>();
    /** Head of the doubly linked list of every reference not yet freed: it keeps them reachable. Guarded by this. */
    private final Tracked head = new Tracked();
    private long registered;
    private long freed;
    /** The shortest time a freed buffer waited after it was found unreachable; for tests. Guarded by this. */
    private long shortestWaitNanos = Long.MAX_VALUE;

    private DelayedDeallocatorService() {
        head.next = head;
        head.previous = head;
        Thread thread = new Thread(this::freeWhenDue, "layerlab-nd4j-deallocator");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Puts this service in place of ND4J's, once; later calls do nothing. Returns false (and leaves ND4J's service
     * alone) when ND4J's internals are not as expected, e.g. after an upgrade.
     */
    static synchronized boolean install() {
        if (installed != null) {
            return true;
        }
        try {
            Nd4j.getDeallocatorService(); // ND4J's own first: anything created so far stays with it
            Field field = Nd4j.class.getDeclaredField("deallocatorService");
            field.setAccessible(true);
            DelayedDeallocatorService service = new DelayedDeallocatorService();
            synchronized (Nd4j.class) { // Nd4j.getDeallocatorService() is static synchronized
                field.set(null, service);
            }
            installed = service;
            return true;
        } catch (ReflectiveOperationException | RuntimeException failure) {
            LOG.warn("Could not install LayerLab's delayed deallocation of ND4J buffers; ND4J's own is used", failure);
            return false;
        }
    }

    /** Whether this service is the one ND4J uses. */
    static boolean isInstalled() {
        return installed != null && Nd4j.getDeallocatorService() == installed;
    }

    @Override
    public void pickObject(Deallocatable deallocatable) {
        Tracked reference = new Tracked(deallocatable, queue);
        synchronized (this) {
            reference.previous = head;
            reference.next = head.next;
            head.next.previous = reference;
            head.next = reference;
            registered++;
        }
    }

    /** Buffers registered and not yet freed (for tests and diagnostics). */
    synchronized long pending() {
        return registered - freed;
    }

    /** Buffers freed so far. */
    synchronized long freed() {
        return freed;
    }

    /** The shortest wait between being found unreachable and being freed, over every buffer freed so far. */
    synchronized long shortestWaitMillis() {
        return shortestWaitNanos == Long.MAX_VALUE ? -1 : TimeUnit.NANOSECONDS.toMillis(shortestWaitNanos);
    }

    /** The installed service, or null. */
    static DelayedDeallocatorService installed() {
        return installed;
    }

    /**
     * The service's thread: takes each reference the collector clears, and frees it once it has waited
     * {@link #GRACE_MILLIS}, in the order they were cleared.
     */
    private void freeWhenDue() {
        ArrayDeque<Tracked> waiting = new ArrayDeque<>();
        long grace = TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        while (true) {
            try {
                long now = System.nanoTime();
                while (!waiting.isEmpty() && now - waiting.peekFirst().clearedAt >= grace) {
                    free(waiting.pollFirst());
                }
                Tracked cleared;
                if (waiting.isEmpty()) {
                    cleared = (Tracked) queue.remove();
                } else {
                    long waitMillis = TimeUnit.NANOSECONDS.toMillis(grace - (now - waiting.peekFirst().clearedAt));
                    cleared = (Tracked) queue.remove(Math.max(1, waitMillis));
                }
                for (; cleared != null; cleared = (Tracked) queue.poll()) {
                    cleared.clearedAt = System.nanoTime();
                    waiting.addLast(cleared);
                }
            } catch (InterruptedException interrupted) {
                return;
            } catch (RuntimeException | LinkageError failure) {
                LOG.warn("Freeing an ND4J buffer failed", failure);
            }
        }
    }

    private void free(Tracked reference) {
        synchronized (this) {
            reference.previous.next = reference.next;
            reference.next.previous = reference.previous;
            reference.previous = null;
            reference.next = null;
            freed++;
            shortestWaitNanos = Math.min(shortestWaitNanos, System.nanoTime() - reference.clearedAt);
        }
        reference.deallocator.deallocate();
    }

    /** A registered buffer: what frees its native memory, and its place in the list. */
    private static final class Tracked extends WeakReference<Deallocatable> {
        private final Deallocator deallocator;
        private Tracked previous;
        private Tracked next;
        private long clearedAt;

        /** The list's head, tracking nothing. */
        Tracked() {
            super(null);
            this.deallocator = null;
        }

        Tracked(Deallocatable referent, ReferenceQueue<Deallocatable> queue) {
            super(referent, queue);
            this.deallocator = referent.deallocator();
        }
    }
}
