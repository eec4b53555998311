package org.layerlab.core.dl4j;

import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.train.RunControl;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingResult;

/** One real training run on iris, shared by the test classes of this package (it takes a few seconds). */
final class TrainedIris {
    static final TrainingConfig CONFIG = new TrainingConfig(60, 16, 0.01, 42);

    private static PreparedData data;
    private static RecordingListener listener;
    private static TrainingResult result;
    private static long millis;

    private TrainedIris() {
    }

    static synchronized TrainingResult result() {
        if (result == null) {
            data = IrisFixture.prepared();
            listener = new RecordingListener();
            Nd4jBackend.detect(); // load the native library outside the measured time
            long start = System.nanoTime();
            result = new Dl4jTrainer().train(data, NetworkGraph.defaultGraph(), CONFIG, listener, new RunControl());
            millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("Iris: %d epochs in %d ms, %.0f train samples/s fitting, backend %s%n",
                    result.epochsCompleted(), millis, result.trainSamplesPerSecond(), result.backend());
        }
        return result;
    }

    static synchronized PreparedData data() {
        result();
        return data;
    }

    static synchronized RecordingListener listener() {
        result();
        return listener;
    }
}
