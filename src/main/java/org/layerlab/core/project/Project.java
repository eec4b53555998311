package org.layerlab.core.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.layerlab.core.data.SplitSettings;
import org.layerlab.core.data.Table;
import org.layerlab.core.data.TaskType;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.images.ImageOptions;
import org.layerlab.core.preprocess.Preprocessing;
import org.layerlab.core.train.TrainingConfig;

/**
 * Everything needed to repeat an experiment: which file, which label, how to split and prepare the data,
 * which network and how to train it. The data file itself is referenced, never copied or changed.
 *
 * @param dataFile    the data file (absolute in memory; saved relative to the project file when possible)
 * @param labelColumn the column to predict (for an image folder: the class folders, named {@link #IMAGE_CLASS})
 * @param task        classification or regression as the user chose it; null to go by {@link TaskType#guess}
 * @param images      how an image folder is read (size, colour, augmentation); ignored for a table
 */
public record Project(Path dataFile, String labelColumn, SplitSettings split, Preprocessing preprocessing,
                      NetworkGraph network, TrainingConfig training, TaskType task, ImageOptions images) {
    /** The "label" of an image folder: each image's class is the name of its folder. */
    public static final String IMAGE_CLASS = "class";

    /** A project whose task is guessed from the label column. */
    public Project(Path dataFile, String labelColumn, SplitSettings split, Preprocessing preprocessing,
                   NetworkGraph network, TrainingConfig training) {
        this(dataFile, labelColumn, split, preprocessing, network, training, null, ImageOptions.automatic());
    }

    /** A project on an image folder (its task is classification by folder). */
    public Project(Path dataFile, String labelColumn, SplitSettings split, Preprocessing preprocessing,
                   NetworkGraph network, TrainingConfig training, ImageOptions images) {
        this(dataFile, labelColumn, split, preprocessing, network, training, null, images);
    }

    public Project(Path dataFile, String labelColumn, SplitSettings split, Preprocessing preprocessing,
                   NetworkGraph network, TrainingConfig training, TaskType task) {
        this(dataFile, labelColumn, split, preprocessing, network, training, task, ImageOptions.automatic());
    }

    public Project {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(dataFile, "dataFile");
        Objects.requireNonNull(labelColumn, "labelColumn");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(training, "training");
    }

    /** The task in effect on {@code table}: the user's choice, else the guess from the label column. */
    public TaskType taskFor(Table table) {
        return task != null ? task : TaskType.guess(table.column(labelColumn));
    }

    /** The same project with the task chosen by the user (null: guess it from the label). */
    public Project withTask(TaskType newTask) {
        return new Project(dataFile, labelColumn, split, preprocessing, network, training, newTask, images);
    }

    /** A new project on {@code dataFile} with LayerLab's defaults for everything else. */
    public static Project withDefaults(Path dataFile, String labelColumn) {
        return new Project(dataFile, labelColumn, SplitSettings.defaults(), Preprocessing.defaults(),
                NetworkGraph.defaultGraph(), TrainingConfig.defaults());
    }

    /** A new project on an image folder (one subfolder per class) with LayerLab's defaults. */
    public static Project forImageFolder(Path folder) {
        return withDefaults(folder, IMAGE_CLASS);
    }

    /** Whether the data is a folder of images rather than a table. */
    public boolean isImageFolder() {
        return Files.isDirectory(dataFile);
    }

    public Project withImages(ImageOptions newImages) {
        return new Project(dataFile, labelColumn, split, preprocessing, network, training, task, newImages);
    }

    /** Another label; a task chosen for the old label is dropped (it is guessed again for the new one). */
    public Project withLabel(String column) {
        return new Project(dataFile, column, split, preprocessing, network, training,
                column.equals(labelColumn) ? task : null, images);
    }

    public Project withSplit(SplitSettings newSplit) {
        return new Project(dataFile, labelColumn, newSplit, preprocessing, network, training, task, images);
    }

    public Project withPreprocessing(Preprocessing newPreprocessing) {
        return new Project(dataFile, labelColumn, split, newPreprocessing, network, training, task, images);
    }

    public Project withNetwork(NetworkGraph newNetwork) {
        return new Project(dataFile, labelColumn, split, preprocessing, newNetwork, training, task, images);
    }

    public Project withTraining(TrainingConfig newTraining) {
        return new Project(dataFile, labelColumn, split, preprocessing, network, newTraining, task, images);
    }
}
