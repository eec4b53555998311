package org.layerlab.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.layerlab.core.experiment.ImageExperiment;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.images.ImageFolder;
import org.layerlab.core.images.ImageOptions;
import org.layerlab.core.images.ImagePreprocessing;
import org.layerlab.core.images.ImageShapes;

/**
 * The image preprocessing card: the size and colour the user is choosing (not yet applied), whether that choice is
 * possible, the steps it makes, and a before/after preview of one image under it, made in the background. Apply
 * reads the folder again with the choice, which records it in the project.
 */
public final class ImagePreprocessingViewModel {
    /** A size choice: from the images, one of the common square sizes, or the width and height typed in. */
    public record SizeChoice(int side) {
        public static final SizeChoice FROM_IMAGES = new SizeChoice(0);
        public static final SizeChoice CUSTOM = new SizeChoice(-1);
        /** Common sizes: MNIST's 28, CIFAR's 32, and the sizes photo networks are usually given. */
        public static final List<SizeChoice> ALL = List.of(FROM_IMAGES, new SizeChoice(16), new SizeChoice(28),
                new SizeChoice(32), new SizeChoice(64), new SizeChoice(96), new SizeChoice(128), new SizeChoice(224),
                CUSTOM);
    }

    /** Grayscale or colour choices, as channel counts (0 = from the images). */
    public static final List<Integer> CHANNEL_CHOICES = List.of(0, 1, 3);

    private final ProjectViewModel shared;
    private final ObjectProperty<SizeChoice> sizeChoice = new SimpleObjectProperty<>(this, "sizeChoice",
            SizeChoice.FROM_IMAGES);
    private final IntegerProperty width = new SimpleIntegerProperty(this, "width", 28);
    private final IntegerProperty height = new SimpleIntegerProperty(this, "height", 28);
    private final ObjectProperty<Integer> channels = new SimpleObjectProperty<>(this, "channels", 0);
    private final ObjectProperty<TensorShape.Image> fromImages = new SimpleObjectProperty<>(this, "fromImages");
    private final StringProperty problem = new SimpleStringProperty(this, "problem", "");
    private final StringProperty advice = new SimpleStringProperty(this, "advice", "");
    private final ObjectProperty<List<String>> steps = new SimpleObjectProperty<>(this, "steps", List.of());
    private final BooleanProperty pending = new SimpleBooleanProperty(this, "pending");
    private final ObjectProperty<ImagePreprocessing.Preview> preview = new SimpleObjectProperty<>(this, "preview");
    private final StringProperty previewProblem = new SimpleStringProperty(this, "previewProblem", "");
    private ImageFolder measuredFolder;
    private boolean showing;
    private long previewGeneration;

    public ImagePreprocessingViewModel(ProjectViewModel shared) {
        this.shared = shared;
        sizeChoice.addListener((obs, old, choice) -> onSizeChosen(choice));
        width.addListener((obs, old, value) -> onEdited());
        height.addListener((obs, old, value) -> onEdited());
        channels.addListener((obs, old, value) -> onEdited());
        shared.imageExperimentProperty().addListener((obs, old, experiment) -> show(experiment));
        // A cancelled re-read leaves the images as they were: the form says so again.
        shared.imagesLoadingProperty().addListener((obs, was, loading) -> {
            if (!loading) {
                show(shared.getImageExperiment());
            }
        });
        show(shared.getImageExperiment());
    }

    /** The form shows the experiment's own settings, then its steps and preview follow. */
    private void show(ImageExperiment experiment) {
        if (experiment == null) {
            preview.set(null);
            return;
        }
        ImageOptions options = experiment.project().images();
        showing = true;
        try {
            if (experiment.folder() != measuredFolder) {
                measuredFolder = null;
                fromImages.set(null);
            }
            channels.set(options.channels());
            if (options.automaticSize()) {
                sizeChoice.set(SizeChoice.FROM_IMAGES);
            } else if (options.height() == options.width()
                    && SizeChoice.ALL.contains(new SizeChoice(options.height()))) {
                sizeChoice.set(new SizeChoice(options.height()));
            } else {
                sizeChoice.set(SizeChoice.CUSTOM);
            }
            width.set(experiment.shape().width());
            height.set(experiment.shape().height());
        } finally {
            showing = false;
        }
        onEdited();
    }

    private void onSizeChosen(SizeChoice choice) {
        if (showing) {
            return;
        }
        showing = true;
        try {
            if (choice.side() > 0) {
                width.set(choice.side());
                height.set(choice.side());
            } else if (choice.equals(SizeChoice.FROM_IMAGES) && fromImages.get() != null) {
                width.set(fromImages.get().width());
                height.set(fromImages.get().height());
            }
        } finally {
            showing = false;
        }
        onEdited();
    }

    private void onEdited() {
        if (showing) {
            return;
        }
        ImageExperiment experiment = shared.getImageExperiment();
        Optional<ImageOptions> chosen = chosenOptions();
        problem.set(chosen.isPresent() ? "" : ImageOptions.problem(channels.get(), height.get(), width.get())
                .orElse(""));
        if (experiment == null) {
            pending.set(false);
            return;
        }
        ImageOptions applied = experiment.project().images();
        pending.set(chosen.isPresent() && (chosen.get().channels() != applied.channels()
                || chosen.get().height() != applied.height() || chosen.get().width() != applied.width()));
        refreshPreview(experiment, chosen.orElse(null));
    }

    /** The size and colour chosen, when they are possible (else {@link #problemProperty()} says why). */
    public Optional<ImageOptions> chosenOptions() {
        boolean automatic = SizeChoice.FROM_IMAGES.equals(sizeChoice.get());
        int h = automatic ? 0 : height.get();
        int w = automatic ? 0 : width.get();
        if (ImageOptions.problem(channels.get(), h, w).isPresent()) {
            return Optional.empty();
        }
        ImageExperiment experiment = shared.getImageExperiment();
        ImageOptions base = experiment == null ? ImageOptions.automatic() : experiment.project().images();
        return Optional.of(base.withSize(channels.get(), h, w));
    }

    /**
     * Works out, in the background, what the images alone give (once per folder) and the preview of the first
     * training image under the chosen options; only the latest request is shown.
     */
    private void refreshPreview(ImageExperiment experiment, ImageOptions chosen) {
        long generation = ++previewGeneration;
        if (chosen == null || experiment.train().rows() == 0) {
            return; // the last good preview stays beside the problem
        }
        ImageFolder folder = experiment.folder();
        TensorShape.Image known = folder == measuredFolder ? fromImages.get() : null;
        Path sample = experiment.train().images().get(0).file();
        shared.inBackground(() -> {
            TensorShape.Image automatic = known != null ? known
                    : ImageShapes.choose(ImageOptions.automatic(), experiment.train().images());
            return new Measured(automatic, ImagePreprocessing.preview(sample, ImageShapes.fill(chosen, automatic)));
        }, measured -> {
            if (generation != previewGeneration) {
                return;
            }
            if (shared.getImageExperiment() != null && shared.getImageExperiment().folder() == folder) {
                measuredFolder = folder;
                fromImages.set(measured.fromImages());
                if (SizeChoice.FROM_IMAGES.equals(sizeChoice.get())) {
                    showing = true;
                    width.set(measured.fromImages().width());
                    height.set(measured.fromImages().height());
                    showing = false;
                }
            }
            steps.set(ImagePreprocessing.steps(chosen, measured.fromImages()));
            advice.set(ImagePreprocessing.advice(ImageShapes.fill(chosen, measured.fromImages()),
                    measured.fromImages()).orElse(""));
            preview.set(measured.preview());
            previewProblem.set("");
        }, failure -> {
            if (generation == previewGeneration) {
                preview.set(null);
                previewProblem.set("The preview could not be made: " + UserMessages.of(failure));
            }
        });
    }

    private record Measured(TensorShape.Image fromImages, ImagePreprocessing.Preview preview) {
    }

    /** Reads the folder again at the chosen size and colour, which records them in the project. */
    public void apply() {
        chosenOptions().ifPresent(shared::updateImageSize);
    }

    /** "From the images (28 × 28)", "32 × 32", "Custom…". */
    public String label(SizeChoice choice) {
        if (choice == null) {
            return "";
        }
        if (choice.equals(SizeChoice.FROM_IMAGES)) {
            return fromImages.get() == null ? "From the images"
                    : "From the images (" + ImagePreprocessing.size(fromImages.get()) + ")";
        }
        if (choice.equals(SizeChoice.CUSTOM)) {
            return "Custom size";
        }
        return choice.side() + " × " + choice.side();
    }

    /** "From the images (grayscale)", "Grayscale", "Colour (RGB)". */
    public String channelsLabel(Integer choice) {
        if (choice == null) {
            return "";
        }
        if (choice == 0) {
            return fromImages.get() == null ? "From the images"
                    : "From the images (" + (fromImages.get().channels() == 1 ? "grayscale" : "colour") + ")";
        }
        return ImagePreprocessing.colour(choice);
    }

    public ObjectProperty<SizeChoice> sizeChoiceProperty() {
        return sizeChoice;
    }

    public IntegerProperty widthProperty() {
        return width;
    }

    public IntegerProperty heightProperty() {
        return height;
    }

    public ObjectProperty<Integer> channelsProperty() {
        return channels;
    }

    /** What the images alone give; null until measured. */
    public ReadOnlyObjectProperty<TensorShape.Image> fromImagesProperty() {
        return fromImages;
    }

    /** Why the chosen size or colour is not possible; empty when it is. */
    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    /** Advice on a possible but costly size (slow, or larger than the images); empty when there is none. */
    public ReadOnlyStringProperty adviceProperty() {
        return advice;
    }

    /** The steps as the user reads them, for the choice being made. */
    public ReadOnlyObjectProperty<List<String>> stepsProperty() {
        return steps;
    }

    /** True when the choice differs from what the images are read with (Apply would read them again). */
    public ReadOnlyBooleanProperty pendingProperty() {
        return pending;
    }

    public ReadOnlyObjectProperty<ImagePreprocessing.Preview> previewProperty() {
        return preview;
    }

    public ReadOnlyStringProperty previewProblemProperty() {
        return previewProblem;
    }
}
