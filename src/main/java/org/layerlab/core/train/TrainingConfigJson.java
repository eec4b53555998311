package org.layerlab.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.layerlab.core.graph.WeightInit;

/**
 * {@link TrainingConfig} as JSON, for project files and checkpoints. Written out by hand so that renaming a Java
 * field never silently changes a file format. Everything beyond the four basics is optional when read.
 */
public final class TrainingConfigJson {
    private TrainingConfigJson() {
    }

    /** All settings, the basics included. */
    public static void write(ObjectNode training, TrainingConfig config) {
        training.put("epochs", config.epochs());
        training.put("batchSize", config.batchSize());
        training.put("learningRate", config.learningRate());
        training.put("seed", config.seed());
        writeOptions(training, config);
    }

    /** Reads what {@link #write} wrote; a missing basic is refused by {@link TrainingConfig}'s checks. */
    public static TrainingConfig read(JsonNode training) {
        return readOptions(training, new TrainingConfig(training.path("epochs").asInt(0),
                training.path("batchSize").asInt(0), training.path("learningRate").asDouble(0),
                training.path("seed").asLong(42)));
    }

    /** The training settings beyond the basics; all optional in the file (added within schema 2). */
    public static void writeOptions(ObjectNode training, TrainingConfig config) {
        training.put("optimizer", config.optimizer().id());
        ObjectNode schedule = training.putObject("schedule");
        schedule.put("kind", config.schedule().kind().id());
        schedule.put("decay", config.schedule().decay());
        schedule.put("stepEpochs", config.schedule().stepEpochs());
        schedule.put("warmupEpochs", config.schedule().warmupEpochs());
        training.put("weightInit", config.weightInit().name().toLowerCase(Locale.ROOT));
        training.put("l1", config.l1());
        training.put("l2", config.l2());
        training.put("gradientClip", config.gradientClip());
        ObjectNode earlyStopping = training.putObject("earlyStopping");
        earlyStopping.put("metric", config.earlyStopping().metric().id());
        earlyStopping.put("patience", config.earlyStopping().patience());
    }

    /** {@code basics} with whatever optional training settings the file has; absent ones keep their defaults. */
    public static TrainingConfig readOptions(JsonNode training, TrainingConfig basics) {
        TrainingConfig config = basics;
        if (training.hasNonNull("optimizer")) {
            String id = training.get("optimizer").asText();
            config = config.withOptimizer(Optimizer.byId(id).orElseThrow(() -> new IllegalArgumentException(
                    "the optimizer '" + id + "' is unknown; use one of " + Optimizer.ids() + ".")));
        }
        JsonNode schedule = training.path("schedule");
        if (schedule.isObject()) {
            LearningRateSchedule defaults = LearningRateSchedule.none();
            String id = schedule.path("kind").asText(defaults.kind().id());
            LearningRateSchedule.Kind kind = LearningRateSchedule.Kind.byId(id).orElseThrow(() ->
                    new IllegalArgumentException("the learning-rate schedule '" + id + "' is unknown."));
            config = config.withSchedule(new LearningRateSchedule(kind, schedule.path("decay").asDouble(defaults.decay()),
                    schedule.path("stepEpochs").asInt(defaults.stepEpochs()),
                    schedule.path("warmupEpochs").asInt(defaults.warmupEpochs())));
        }
        if (training.hasNonNull("weightInit")) {
            String name = training.get("weightInit").asText();
            try {
                config = config.withWeightInit(WeightInit.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("the weight initialisation '" + name + "' is unknown.", unknown);
            }
        }
        config = config.withRegularization(training.path("l1").asDouble(0), training.path("l2").asDouble(0))
                .withGradientClip(training.path("gradientClip").asDouble(0));
        JsonNode earlyStopping = training.path("earlyStopping");
        if (earlyStopping.isObject()) {
            String id = earlyStopping.path("metric").asText(EarlyStopping.Metric.VAL_LOSS.id());
            EarlyStopping.Metric metric = EarlyStopping.Metric.byId(id).orElseThrow(() ->
                    new IllegalArgumentException("the early-stopping metric '" + id + "' is unknown; use val_loss or "
                            + "val_accuracy."));
            config = config.withEarlyStopping(new EarlyStopping(metric, earlyStopping.path("patience").asInt(0)));
        }
        return config;
    }

}
