package org.layerlab.core.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Run in a child JVM by {@link DelayedDeallocatorServiceTest}: adds a bias row to a matrix, as a Dense layer does,
 * over and over while another thread keeps calling {@code System.gc()}. With ND4J's own deallocation this process
 * died with a SIGSEGV in {@code libnd4jcpu.so} in 5 of 8 ten-second runs (docs/decisions/0020); it prints
 * {@code ops N} when it survives.
 */
public final class BroadcastUnderGcPressure {
    private BroadcastUnderGcPressure() {
    }

    public static void main(String[] args) {
        long seconds = Long.parseLong(args[0]);
        if (!Nd4jBackend.isUsable()) {
            throw new IllegalStateException(Nd4jBackend.detect().explanation());
        }
        INDArray rows = Nd4j.rand(DataType.FLOAT, 8, 16);
        INDArray bias = Nd4j.rand(DataType.FLOAT, 1, 16);
        Thread collector = new Thread(() -> {
            while (true) {
                System.gc();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "collector");
        collector.setDaemon(true);
        collector.start();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long ops = 0;
        while (System.nanoTime() < end) {
            rows.addiRowVector(bias);
            ops++;
        }
        System.out.println("ops " + ops);
    }
}
