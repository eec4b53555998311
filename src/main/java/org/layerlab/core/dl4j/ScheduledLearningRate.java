package org.layerlab.core.dl4j;

import org.layerlab.core.train.LearningRateSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * LayerLab's {@link LearningRateSchedule} as a DL4J {@link ISchedule}: DL4J asks it for the rate at every iteration
 * with the network's own iteration and epoch counters, which a checkpoint saves, so a resumed run continues the
 * schedule where it was. Plain fields with Jackson annotations because DL4J stores schedules in the model's JSON.
 */
final class ScheduledLearningRate implements ISchedule {
    private static final long serialVersionUID = 1L;

    @JsonProperty private final double baseRate;
    @JsonProperty private final String kind;
    @JsonProperty private final double decay;
    @JsonProperty private final int stepEpochs;
    @JsonProperty private final int warmupEpochs;
    @JsonProperty private final int totalEpochs;
    @JsonProperty private final int iterationsPerEpoch;

    @JsonCreator
    ScheduledLearningRate(@JsonProperty("baseRate") double baseRate, @JsonProperty("kind") String kind,
                          @JsonProperty("decay") double decay, @JsonProperty("stepEpochs") int stepEpochs,
                          @JsonProperty("warmupEpochs") int warmupEpochs, @JsonProperty("totalEpochs") int totalEpochs,
                          @JsonProperty("iterationsPerEpoch") int iterationsPerEpoch) {
        this.baseRate = baseRate;
        this.kind = kind;
        this.decay = decay;
        this.stepEpochs = stepEpochs;
        this.warmupEpochs = warmupEpochs;
        this.totalEpochs = totalEpochs;
        this.iterationsPerEpoch = iterationsPerEpoch;
    }

    static ScheduledLearningRate of(LearningRateSchedule schedule, double baseRate, int totalEpochs,
                                    int iterationsPerEpoch) {
        return new ScheduledLearningRate(baseRate, schedule.kind().id(), schedule.decay(), schedule.stepEpochs(),
                schedule.warmupEpochs(), totalEpochs, iterationsPerEpoch);
    }

    private LearningRateSchedule schedule() {
        return new LearningRateSchedule(LearningRateSchedule.Kind.byId(kind).orElse(LearningRateSchedule.Kind.NONE),
                decay, stepEpochs, warmupEpochs);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return schedule().rateAt(baseRate, iteration, epoch, totalEpochs, iterationsPerEpoch);
    }

    @Override
    public ISchedule clone() {
        return new ScheduledLearningRate(baseRate, kind, decay, stepEpochs, warmupEpochs, totalEpochs,
                iterationsPerEpoch);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScheduledLearningRate that && baseRate == that.baseRate && kind.equals(that.kind)
                && decay == that.decay && stepEpochs == that.stepEpochs && warmupEpochs == that.warmupEpochs
                && totalEpochs == that.totalEpochs && iterationsPerEpoch == that.iterationsPerEpoch;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(baseRate, kind, decay, stepEpochs, warmupEpochs, totalEpochs, iterationsPerEpoch);
    }
}
