package org.layerlab.core.project;

import java.nio.file.Path;
import java.util.Objects;
import org.layerlab.core.data.SplitSettings;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.preprocess.Preprocessing;
import org.layerlab.core.train.TrainingConfig;

/**
 * Everything needed to repeat an experiment: which file, which label, how to split and prepare the data,
 * which network and how to train it. The data file itself is referenced, never copied or changed.
 *
 * @param dataFile    the data file (absolute in memory; saved relative to the project file when possible)
 * @param labelColumn the column to predict
 */
public record Project(Path dataFile, String labelColumn, SplitSettings split, Preprocessing preprocessing,
                      NetworkGraph network, TrainingConfig training) {
    public Project {
        Objects.requireNonNull(dataFile, "dataFile");
        Objects.requireNonNull(labelColumn, "labelColumn");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(training, "training");
    }

    /** A new project on {@code dataFile} with LayerLab's defaults for everything else. */
    public static Project withDefaults(Path dataFile, String labelColumn) {
        return new Project(dataFile, labelColumn, SplitSettings.defaults(), Preprocessing.defaults(),
                NetworkGraph.defaultGraph(), TrainingConfig.defaults());
    }

    public Project withLabel(String column) {
        return new Project(dataFile, column, split, preprocessing, network, training);
    }

    public Project withSplit(SplitSettings newSplit) {
        return new Project(dataFile, labelColumn, newSplit, preprocessing, network, training);
    }

    public Project withPreprocessing(Preprocessing newPreprocessing) {
        return new Project(dataFile, labelColumn, split, newPreprocessing, network, training);
    }

    public Project withNetwork(NetworkGraph newNetwork) {
        return new Project(dataFile, labelColumn, split, preprocessing, newNetwork, training);
    }

    public Project withTraining(TrainingConfig newTraining) {
        return new Project(dataFile, labelColumn, split, preprocessing, network, newTraining);
    }
}
