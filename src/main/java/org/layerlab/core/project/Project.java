package org.layerlab.core.project;

import java.nio.file.Path;
import java.util.Objects;
import org.layerlab.core.data.SplitSettings;
import org.layerlab.core.data.Table;
import org.layerlab.core.data.TaskType;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.preprocess.Preprocessing;
import org.layerlab.core.train.TrainingConfig;

/**
 * Everything needed to repeat an experiment: which file, which label, how to split and prepare the data,
 * which network and how to train it. The data file itself is referenced, never copied or changed.
 *
 * @param dataFile    the data file (absolute in memory; saved relative to the project file when possible)
 * @param labelColumn the column to predict
 * @param task        classification or regression as the user chose it; null to go by {@link TaskType#guess}
 */
public record Project(Path dataFile, String labelColumn, SplitSettings split, Preprocessing preprocessing,
                      NetworkGraph network, TrainingConfig training, TaskType task) {
    public Project {
        Objects.requireNonNull(dataFile, "dataFile");
        Objects.requireNonNull(labelColumn, "labelColumn");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(training, "training");
    }

    /** A project whose task is guessed from the label column. */
    public Project(Path dataFile, String labelColumn, SplitSettings split, Preprocessing preprocessing,
                   NetworkGraph network, TrainingConfig training) {
        this(dataFile, labelColumn, split, preprocessing, network, training, null);
    }

    /** The task in effect on {@code table}: the user's choice, else the guess from the label column. */
    public TaskType taskFor(Table table) {
        return task != null ? task : TaskType.guess(table.column(labelColumn));
    }

    /** The same project with the task chosen by the user (null: guess it from the label). */
    public Project withTask(TaskType newTask) {
        return new Project(dataFile, labelColumn, split, preprocessing, network, training, newTask);
    }

    /** A new project on {@code dataFile} with LayerLab's defaults for everything else. */
    public static Project withDefaults(Path dataFile, String labelColumn) {
        return new Project(dataFile, labelColumn, SplitSettings.defaults(), Preprocessing.defaults(),
                NetworkGraph.defaultGraph(), TrainingConfig.defaults());
    }

    /** Another label; a task chosen for the old label is dropped (it is guessed again for the new one). */
    public Project withLabel(String column) {
        return new Project(dataFile, column, split, preprocessing, network, training,
                column.equals(labelColumn) ? task : null);
    }

    public Project withSplit(SplitSettings newSplit) {
        return new Project(dataFile, labelColumn, newSplit, preprocessing, network, training, task);
    }

    public Project withPreprocessing(Preprocessing newPreprocessing) {
        return new Project(dataFile, labelColumn, split, newPreprocessing, network, training, task);
    }

    public Project withNetwork(NetworkGraph newNetwork) {
        return new Project(dataFile, labelColumn, split, preprocessing, newNetwork, training, task);
    }

    public Project withTraining(TrainingConfig newTraining) {
        return new Project(dataFile, labelColumn, split, preprocessing, network, newTraining, task);
    }
}
