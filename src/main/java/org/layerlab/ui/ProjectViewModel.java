package org.layerlab.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.layerlab.core.augment.ImageAugmentation;
import org.layerlab.core.data.TableReader;
import org.layerlab.core.data.DataProblem;
import org.layerlab.core.data.LabelGuesser;
import org.layerlab.core.data.SplitSettings;
import org.layerlab.core.data.Table;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.experiment.ImageExperiment;
import org.layerlab.core.images.ImageOptions;
import org.layerlab.core.experiment.PreparedExperiment;
import org.layerlab.core.evaluate.RegressionEvaluation;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.history.RunHistory;
import org.layerlab.core.history.RunRecord;
import org.layerlab.core.history.RunStore;
import org.layerlab.core.graph.Templates;
import org.layerlab.core.preprocess.PreparedData;
import org.layerlab.core.preprocess.Preprocessing;
import org.layerlab.core.preprocess.TableAugmentation;
import org.layerlab.core.project.Project;
import org.layerlab.core.project.ProjectStore;
import org.layerlab.core.train.BackendInfo;
import org.layerlab.core.train.Trainer;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingResult;

/**
 * The state every step shares: the current {@link Project}, its {@link Table}, the {@link PreparedExperiment}
 * made from them, and the last {@link TrainingResult} and {@link Evaluation}. Also the window-wide status line,
 * the error banner and the compute backend.
 *
 * <p>Properties are read and written on the UI thread only. Slow work (reading files, preparing data) runs on
 * {@code background} and hands its result back through {@code ui}; the app passes a worker thread and
 * {@link FxThread#run}, plain tests can pass {@code Runnable::run} for both.
 *
 * <p>Network and training settings live in their own properties as well as in the project, because they can be
 * edited before any data is loaded (there is no project without a data file). The two are kept equal.
 */
public final class ProjectViewModel {
    private final Executor background;
    private final WorkAfterShowing workAfterShowing = new WorkAfterShowing();
    /** Set once {@link #shutdown} released the worker. */
    private volatile boolean shutDown;
    private final Executor ui;
    private final Supplier<BackendInfo> backendDetector;
    private final Supplier<Trainer> trainerFactory;
    private final Runnable onShutdown;

    private final ObjectProperty<Project> project = new SimpleObjectProperty<>(this, "project");
    private final ObjectProperty<Table> table = new SimpleObjectProperty<>(this, "table");
    private final ObjectProperty<PreparedExperiment> experiment = new SimpleObjectProperty<>(this, "experiment");
    private final ObjectProperty<ImageExperiment> imageExperiment = new SimpleObjectProperty<>(this, "imageExperiment");
    private final BooleanProperty imagesLoading = new SimpleBooleanProperty(this, "imagesLoading");
    private final DoubleProperty imagesProgress = new SimpleDoubleProperty(this, "imagesProgress", -1);
    private final StringProperty imagesProgressText = new SimpleStringProperty(this, "imagesProgressText", "");
    /** Set by Cancel; the loading of an image folder asks it every few images. */
    private volatile AtomicBoolean imagesCancelled = new AtomicBoolean();
    private final StringProperty dataProblem = new SimpleStringProperty(this, "dataProblem", "");
    private final StringProperty sampleNote = new SimpleStringProperty(this, "sampleNote", "");
    private final BooleanProperty preparing = new SimpleBooleanProperty(this, "preparing");
    private final ObjectProperty<NetworkGraph> network =
            new SimpleObjectProperty<>(this, "network", NetworkGraph.defaultGraph());
    private final ObjectProperty<TrainingConfig> training =
            new SimpleObjectProperty<>(this, "training", TrainingConfig.defaults());
    private final ObjectProperty<TrainingResult> trainingResult = new SimpleObjectProperty<>(this, "trainingResult");
    private final ObjectProperty<Evaluation> evaluation = new SimpleObjectProperty<>(this, "evaluation");
    private final ObjectProperty<RegressionResult> regressionResult =
            new SimpleObjectProperty<>(this, "regressionResult");
    private final ObjectProperty<Path> projectFile = new SimpleObjectProperty<>(this, "projectFile");
    private final ObjectProperty<BackendInfo> backend = new SimpleObjectProperty<>(this, "backend");
    private final BooleanProperty trainingRunning = new SimpleBooleanProperty(this, "trainingRunning");
    private final StringProperty status = new SimpleStringProperty(this, "status",
            "Open a CSV file or pick a sample to begin.");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final IntegerProperty busyTasks = new SimpleIntegerProperty(this, "busyTasks");
    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(this, "step", Step.DATA);
    /**
     * Every finished run of the project (read from its runs folder when a project file is opened, else kept since
     * the app started); {@link #runs} mirrors it for the views.
     */
    private final RunHistory runHistory = new RunHistory();
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ObservableList<RunRecord> runsView = FXCollections.unmodifiableObservableList(runs);
    /** Why some saved runs are not shown, or that runs could not be saved; empty when all is well. */
    private final StringProperty runsNote = new SimpleStringProperty(this, "runsNote", "");

    /** Bumped whenever the data or its preparation changes, so that a late preparation result is dropped. */
    private long dataGeneration;

    /**
     * @param background      runs slow work (file reading, data preparation)
     * @param ui              runs result handlers on the UI thread
     * @param backendDetector finds the compute backend (slow the first time: call it off the UI thread)
     * @param trainerFactory  makes the trainer each run uses
     * @param onShutdown      releases {@code background} when the window closes
     */
    public ProjectViewModel(Executor background, Executor ui, Supplier<BackendInfo> backendDetector,
                            Supplier<Trainer> trainerFactory, Runnable onShutdown) {
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.backendDetector = Objects.requireNonNull(backendDetector, "backendDetector");
        this.trainerFactory = Objects.requireNonNull(trainerFactory, "trainerFactory");
        this.onShutdown = onShutdown == null ? () -> { } : onShutdown;
        // The editors write these; the project follows so that Save always writes what is on screen.
        network.addListener((obs, old, spec) -> {
            Project current = project.get();
            if (current != null && !current.network().equals(spec)) {
                project.set(current.withNetwork(spec));
            }
        });
        training.addListener((obs, old, config) -> {
            Project current = project.get();
            if (current != null && !current.training().equals(config)) {
                project.set(current.withTraining(config));
            }
        });
    }

    /**
     * The view model the app uses: one worker thread for files and data, results on the FX thread. The worker, the
     * engine's threads it starts and the JVM's compiler threads run at a lower operating-system priority than the window
     * ({@link org.layerlab.core.train.BackgroundPriority}, docs/decisions/0022): loading a large table or measuring a
     * model must not take the window's core.
     */
    public static ProjectViewModel forApp(Supplier<BackendInfo> backendDetector, Supplier<Trainer> trainerFactory) {
        ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "layerlab-worker");
            thread.setDaemon(true);
            return thread;
        });
        org.layerlab.core.train.BackgroundPriority[] priority = {null};
        java.util.concurrent.Executor yielding = task -> worker.execute(() -> {
            if (priority[0] == null) {
                priority[0] = new org.layerlab.core.train.BackgroundPriority(Thread.currentThread()).andJitCompilers();
            }
            // Also the engine's threads started by earlier tasks, and compiler threads the JVM started since
            // (docs/decisions/0027).
            priority[0].lowerNow();
            task.run();
        });
        return new ProjectViewModel(yielding, FxThread::run, backendDetector, trainerFactory, worker::shutdownNow);
    }

    // ---------------------------------------------------------------- user intents

    /** Reads a data file in the background; on success it replaces the current data, on failure nothing changes. */
    public void openDataFile(Path file) {
        openData(file, List.of(), "");
    }

    /** Opens one of the bundled samples, with its default column choices. */
    public void openSample(Sample sample) {
        Optional<Path> file = sample.locate();
        if (file.isEmpty()) {
            showError("The sample '" + sample.title() + "' was not found. LayerLab looks for a 'samples' folder "
                    + "in the current folder and next to the program.");
            return;
        }
        if (sample.isImageFolder()) {
            openImageFolder(file.get());
            return;
        }
        openData(file.get(), sample.excludedByDefault(), sample.note().orElse(""));
    }

    private void openData(Path file, List<String> excludedByDefault, String note) {
        if (refuseWhileTraining()) {
            return;
        }
        Project previous = project.get();
        SplitSettings split = previous == null ? SplitSettings.defaults() : previous.split();
        boolean standardize = previous == null || previous.preprocessing().standardize();
        NetworkGraph networkSpec = network.get();
        TrainingConfig config = training.get();
        status.set("Reading " + fileName(file) + "…");
        inBackground(() -> {
            Table loaded = TableReader.read(file);
            String label = LabelGuesser.guess(loaded)
                    .orElse(loaded.columnNames().get(loaded.columnCount() - 1));
            List<String> excluded = excludedByDefault.stream().filter(c -> loaded.find(c).isPresent()).toList();
            Project opened = new Project(file.toAbsolutePath().normalize(), label, split,
                    new Preprocessing(standardize, excluded), networkSpec, config);
            return new Loaded(opened, loaded, Preparation.of(opened, loaded), null);
        }, loaded -> {
            apply(loaded, note);
            projectFile.set(null);
            status.set("Loaded " + loaded.table().source() + ": " + rowsAndColumns(loaded.table()) + ". Label: '"
                    + loaded.project().labelColumn() + "'.");
        }, failure -> {
            status.set("Could not open " + fileName(file) + ".");
            showError(failure);
        });
    }

    /**
     * Indexes and reads an image folder (one subfolder per class) in the background, with progress and Cancel; on
     * success it replaces the current data and fits the default CNN to the images, on failure nothing changes.
     */
    public void openImageFolder(Path folder) {
        Project previous = project.get();
        SplitSettings split = previous == null ? SplitSettings.defaults() : previous.split();
        Project opened = Project.forImageFolder(folder.toAbsolutePath().normalize()).withSplit(split)
                .withTraining(ImageExperiment.defaultTraining());
        readImages(opened, null, true);
    }

    /**
     * Reads the image folder of {@code opened} with its settings; the default CNN replaces its network when
     * {@code fitDefaultNetwork} (a folder opened afresh), a saved project keeps its own.
     */
    private void readImages(Project opened, Path fromProjectFile, boolean fitDefaultNetwork) {
        if (refuseWhileTraining()) {
            return;
        }
        Path folder = opened.dataFile();
        AtomicBoolean cancelled = new AtomicBoolean();
        imagesCancelled = cancelled;
        imagesLoading.set(true);
        imagesProgress.set(-1);
        imagesProgressText.set("Finding the images in " + fileName(folder) + "…");
        status.set("Reading the image folder " + fileName(folder) + "…");
        ImageExperiment.Progress progress = throttledImageProgress(cancelled);
        inBackground(() -> {
            ImageExperiment prepared = ImageExperiment.prepare(opened, progress, cancelled::get);
            RunStore.Loaded savedRuns = fromProjectFile == null ? null
                    : RunStore.load(RunStore.folderFor(fromProjectFile));
            return new LoadedImages(fitDefaultNetwork ? prepared.withNetwork(
                    Templates.find(ImageExperiment.DEFAULT_TEMPLATE).orElseThrow()
                            .buildFor(prepared.data().signature())) : prepared, savedRuns);
        }, loadedImages -> {
            if (cancelled.get()) {
                return;
            }
            ImageExperiment prepared = loadedImages.experiment();
            imagesLoading.set(false);
            applyImages(prepared);
            projectFile.set(fromProjectFile);
            if (loadedImages.runs() != null) {
                showSavedRuns(loadedImages.runs());
            }
            status.set(String.format(Locale.ROOT, "Loaded %,d images in %d classes from %s.",
                    prepared.folder().imageCount(), prepared.folder().classNames().size(), fileName(folder))
                    + (loadedImages.runs() == null || runsNote.get().isEmpty() ? "" : " " + runsNote.get()));
        }, failure -> {
            if (cancelled.get() && imageExperiment.get() != null) {
                return; // a later folder is already shown
            }
            imagesLoading.set(false);
            if (failure instanceof CancellationException) {
                status.set("Reading the image folder was cancelled.");
            } else {
                status.set("Could not open " + fileName(folder) + ".");
                showError(failure);
            }
        });
    }

    /** Stops reading an image folder; what was shown before stays. */
    public void cancelImageLoading() {
        imagesCancelled.set(true);
        imagesLoading.set(false);
        status.set("Reading the image folder was cancelled.");
    }

    /** Reports progress on the UI thread at most once per percent (60,000 images would flood it otherwise). */
    private ImageExperiment.Progress throttledImageProgress(AtomicBoolean cancelled) {
        AtomicInteger lastShown = new AtomicInteger(-2);
        return (phase, done, total) -> {
            int percent = total > 0 ? (int) (100L * done / total) : -1;
            int key = total > 0 ? percent : -1 - (done / 1000);
            if (cancelled.get() || lastShown.getAndSet(key) == key) {
                return;
            }
            String text = total > 0 ? String.format(Locale.ROOT, "%s: %,d of %,d", phase, done, total)
                    : String.format(Locale.ROOT, "%s: %,d so far", phase, done);
            ui.execute(() -> {
                if (!cancelled.get()) {
                    imagesProgress.set(total > 0 ? done / (double) total : -1);
                    imagesProgressText.set(text);
                }
            });
        };
    }

    private void applyImages(ImageExperiment prepared) {
        dataGeneration++;
        preparing.set(false);
        evaluation.set(null);
        trainingResult.set(null);
        experiment.set(null);
        table.set(null);
        imageExperiment.set(prepared);
        project.set(prepared.project());
        network.set(prepared.project().network());
        training.set(prepared.project().training());
        sampleNote.set("");
        dataProblem.set("");
        clearError();
    }

    /** Changes how the training images are varied, keeping the images already read. */
    public void updateImageAugmentation(ImageAugmentation augmentation) {
        ImageExperiment current = imageExperiment.get();
        if (current == null || current.project().images().augmentation().equals(augmentation)) {
            return;
        }
        ImageExperiment changed = current.withAugmentation(augmentation);
        evaluation.set(null);
        trainingResult.set(null);
        imageExperiment.set(changed);
        // The project on screen may have a newer network or training settings than the experiment was read with.
        Project shown = project.get();
        project.set(shown.withImages(shown.images().withAugmentation(augmentation)));
    }

    /**
     * Changes the size or colour the images are read at: the folder is read again with them (with progress and
     * Cancel; on Cancel or failure the images stay as they were). The network is kept, except that the default CNN,
     * unchanged since it was fitted to the old size, is fitted to the new one.
     */
    public void updateImageSize(ImageOptions options) {
        ImageExperiment current = imageExperiment.get();
        Project shown = project.get();
        if (current == null || shown == null) {
            return;
        }
        ImageOptions was = shown.images();
        ImageOptions changed = was.withSize(options.channels(), options.height(), options.width());
        if (changed.equals(was)) {
            return;
        }
        NetworkGraph defaultForOldShape = Templates.find(ImageExperiment.DEFAULT_TEMPLATE).orElseThrow()
                .buildFor(current.data().signature());
        readImages(shown.withImages(changed), projectFile.get(), shown.network().equals(defaultForOldShape));
    }

    /** Opens a project file and the data file it names; on failure nothing changes. */
    public void openProject(Path file) {
        if (refuseWhileTraining()) {
            return;
        }
        status.set("Opening " + fileName(file) + "…");
        if (isImageProject(file)) {
            return;
        }
        inBackground(() -> {
            Project opened = ProjectStore.load(file);
            Table loaded;
            try {
                loaded = TableReader.read(opened.dataFile());
            } catch (DataProblem problem) {
                throw new DataProblem("The project '" + fileName(file) + "' uses the data file '"
                        + opened.dataFile() + "', which could not be opened. " + problem.getMessage(), problem);
            }
            return new Loaded(opened, loaded, Preparation.of(opened, loaded), RunStore.load(RunStore.folderFor(file)));
        }, loaded -> {
            apply(loaded, "");
            projectFile.set(file.toAbsolutePath().normalize());
            showSavedRuns(loaded.runs());
            status.set("Opened project " + fileName(file) + " (" + rowsAndColumns(loaded.table()) + ")."
                    + (runsNote.get().isEmpty() ? "" : " " + runsNote.get()));
        }, failure -> {
            status.set("Could not open " + fileName(file) + ".");
            showError(failure);
        });
    }

    /** A project of an image folder is read as one (with its own settings and network); true when it was. */
    private boolean isImageProject(Path file) {
        Project opened;
        try {
            opened = ProjectStore.load(file);
        } catch (RuntimeException unreadable) {
            return false; // the table path reports it
        }
        if (!opened.isImageFolder()) {
            return false;
        }
        readImages(opened, file.toAbsolutePath().normalize(), false);
        return true;
    }

    /** Saves the project as it is now (in the background); the name gets the project extension if it lacks it. */
    public void saveProject(Path file) {
        Project current = project.get();
        if (current == null) {
            showError("There is nothing to save yet: open a data file first.");
            return;
        }
        Path target = withProjectExtension(file);
        // A project's runs are written with it, so that runs trained before the first save are kept too.
        List<RunRecord> toSave = List.copyOf(runs);
        inBackground(() -> {
            ProjectStore.save(current, target);
            return saveRuns(toSave, target);
        }, runsProblem -> {
            projectFile.set(target.toAbsolutePath().normalize());
            clearError();
            if (!runsProblem.isEmpty()) {
                runsNote.set(runsProblem);
            }
            status.set("Saved project to " + target + "." + (runsProblem.isEmpty() ? "" : " " + runsProblem));
        }, this::showError);
    }

    /** Applies a change to the data settings (label, split, columns) and prepares the data again. */
    public void updateProject(UnaryOperator<Project> change) {
        Project current = project.get();
        if (current == null) {
            return;
        }
        Project changed = change.apply(current);
        if (changed.equals(current)) {
            return;
        }
        project.set(changed);
        prepareAgain();
    }

    /**
     * Changes how the training rows are augmented each epoch. Unlike {@link #updateProject} this keeps the prepared
     * data (and the last run's results): augmentation is drawn while training, not while preparing.
     */
    public void updateAugmentation(TableAugmentation augmentation) {
        Project current = project.get();
        if (current == null) {
            return;
        }
        Project changed = current.withPreprocessing(current.preprocessing().withAugmentation(augmentation));
        if (!changed.equals(current)) {
            project.set(changed);
        }
    }

    private void prepareAgain() {
        long generation = ++dataGeneration;
        Project current = project.get();
        Table data = table.get();
        experiment.set(null);
        evaluation.set(null);
        regressionResult.set(null);
        trainingResult.set(null);
        preparing.set(true);
        inBackground(() -> Preparation.of(current, data), prepared -> {
            if (generation == dataGeneration) {
                preparing.set(false);
                experiment.set(prepared.experiment());
                dataProblem.set(prepared.problem());
            }
        }, failure -> {
            if (generation == dataGeneration) {
                preparing.set(false);
                dataProblem.set(UserMessages.of(failure));
            }
        });
    }

    /** Finds the compute backend on its own thread (loading ND4J takes seconds), then shows it. */
    public void detectBackend() {
        Thread thread = new Thread(() -> {
            BackendInfo info;
            try {
                info = backendDetector.get();
            } catch (RuntimeException | LinkageError failure) {
                info = new BackendInfo("none", "", "The compute backend could not start: " + failure);
            }
            BackendInfo detected = info;
            ui.execute(() -> backend.set(detected));
        }, "layerlab-backend-detection");
        thread.setDaemon(true);
        thread.start();
    }

    public void showError(String message) {
        error.set("");
        error.set(message == null || message.isBlank() ? "Something went wrong." : message);
    }

    public void showError(Throwable failure) {
        showError(UserMessages.of(failure));
    }

    public void clearError() {
        error.set("");
    }

    /**
     * Keeps a finished run in the project's history (numbered in the order runs finish) and shows it in
     * {@link #runs()}. A saved project's run is also written to its runs folder ({@link RunStore}) in the
     * background; a project not saved yet keeps it in memory until {@link #saveProject} writes them all. UI thread
     * only.
     */
    public RunRecord recordRun(java.time.Instant started, TrainingConfig config, NetworkGraph networkSpec,
                               TrainingResult result, Evaluation measured, RegressionEvaluation regression) {
        RunRecord record = runHistory.add(started, config, networkSpec, result, measured, regression);
        runs.add(record);
        Path file = projectFile.get();
        if (file != null) {
            // A project not saved yet keeps its runs in memory; Save writes them all.
            inBackground(() -> saveRuns(List.of(record), file), problem -> {
                if (!problem.isEmpty()) {
                    runsNote.set(problem);
                }
            }, this::showError);
        }
        return record;
    }

    /** Writes {@code toSave} into the runs folder of {@code projectFile}; returns what went wrong, or "". */
    private static String saveRuns(List<RunRecord> toSave, Path projectFile) {
        Path folder = RunStore.folderFor(projectFile);
        List<String> failed = new java.util.ArrayList<>();
        String reason = "";
        for (RunRecord run : toSave) {
            try {
                RunStore.save(run, folder);
            } catch (java.io.IOException | RuntimeException failure) {
                failed.add(run.name());
                reason = UserMessages.of(failure);
            }
        }
        if (failed.isEmpty()) {
            return "";
        }
        return String.join(", ", failed) + (failed.size() == 1 ? " was" : " were") + " not saved to " + folder
                + " (" + reason + "), so " + (failed.size() == 1 ? "it" : "they")
                + " will be gone when LayerLab closes. Check that the folder can be written to, then save again.";
    }

    /** Shows a project's saved runs in place of the ones shown before, with a note on any left out. */
    private void showSavedRuns(RunStore.Loaded saved) {
        runHistory.replaceWith(saved.runs(), saved.highestNumber());
        runs.setAll(runHistory.runs());
        runsNote.set(saved.notes().isEmpty() ? "" : saved.notesText());
    }

    /** Why some saved runs are not shown, or why runs could not be saved; empty when all is well. */
    public ReadOnlyStringProperty runsNoteProperty() {
        return runsNote;
    }

    /** Every finished run of the project (see {@link #recordRun}), oldest first. Read-only for the views. */
    public ObservableList<RunRecord> runs() {
        return runsView;
    }

    /** Releases the worker thread; called when the window closes. */
    public void shutdown() {
        shutDown = true;
        onShutdown.run();
    }

    // ---------------------------------------------------------------- helpers

    private void apply(Loaded loaded, String note) {
        dataGeneration++;
        if (loaded.table() != null) {
            workAfterShowing.newData();
        }
        preparing.set(false);
        evaluation.set(null);
        regressionResult.set(null);
        trainingResult.set(null);
        experiment.set(null);
        imageExperiment.set(null);
        // Table before project: views rebuild their columns from the table, then read the project's choices.
        table.set(loaded.table());
        project.set(loaded.project());
        network.set(loaded.project().network());
        training.set(loaded.project().training());
        sampleNote.set(note);
        experiment.set(loaded.preparation().experiment());
        dataProblem.set(loaded.preparation().problem());
        clearError();
    }

    private boolean refuseWhileTraining() {
        if (trainingRunning.get()) {
            showError("A training is running. Stop it (Train step) before opening other data.");
            return true;
        }
        return false;
    }

    /** Runs {@code work} on the background executor, then one of the handlers on the UI thread. */
    <T> void inBackground(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        if (shutDown) {
            return; // the window is closing: a piece of UI work that was still due may ask for more
        }
        busyTasks.set(busyTasks.get() + 1);
        CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, background).whenComplete((value, failure) -> ui.execute(() -> {
            busyTasks.set(busyTasks.get() - 1);
            if (failure == null) {
                onSuccess.accept(value);
            } else {
                onFailure.accept(UserMessages.unwrap(failure));
            }
        }));
    }

    static Path withProjectExtension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (name.endsWith(ProjectStore.EXTENSION)) {
            return file;
        }
        String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return file.resolveSibling(base + ProjectStore.EXTENSION);
    }

    private static String fileName(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    static String rowsAndColumns(Table table) {
        return String.format("%,d rows × %d columns", table.rowCount(), table.columnCount());
    }

    /** What a load produced. */
    private record Loaded(Project project, Table table, Preparation preparation, RunStore.Loaded runs) {
    }

    /** What an opened image project brings: its images, and its saved runs (null for a folder opened afresh). */
    private record LoadedImages(ImageExperiment experiment, RunStore.Loaded runs) {
    }

    /** A prepared experiment, or the reason there is none (e.g. the label has only one class). */
    record Preparation(PreparedExperiment experiment, String problem) {
        static Preparation of(Project project, Table table) {
            try {
                return new Preparation(PreparedExperiment.prepare(project, table), "");
            } catch (DataProblem | IllegalArgumentException problem) {
                return new Preparation(null, problem.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------- properties

    public ReadOnlyObjectProperty<Project> projectProperty() {
        return project;
    }

    public Project getProject() {
        return project.get();
    }

    public ReadOnlyObjectProperty<Table> tableProperty() {
        return table;
    }

    public Table getTable() {
        return table.get();
    }

    /** The open image folder, prepared for training; null when a table is open (or nothing). */
    public ReadOnlyObjectProperty<ImageExperiment> imageExperimentProperty() {
        return imageExperiment;
    }

    public ImageExperiment getImageExperiment() {
        return imageExperiment.get();
    }

    /** True while an image folder is being indexed and read. */
    public ReadOnlyBooleanProperty imagesLoadingProperty() {
        return imagesLoading;
    }

    /** How far reading an image folder is, 0..1, or -1 while the total is unknown. */
    public ReadOnlyDoubleProperty imagesProgressProperty() {
        return imagesProgress;
    }

    public ReadOnlyStringProperty imagesProgressTextProperty() {
        return imagesProgressText;
    }

    /** The data the trainer uses: the image folder's, or the table's; null when nothing is ready. */
    public PreparedData preparedData() {
        if (imageExperiment.get() != null) {
            return imageExperiment.get().data();
        }
        return experiment.get() == null ? null : experiment.get().data();
    }

    public ReadOnlyObjectProperty<PreparedExperiment> experimentProperty() {
        return experiment;
    }

    public PreparedExperiment getExperiment() {
        return experiment.get();
    }

    /** Why the data cannot be prepared (shown in the Data step and as the reason Train is off); empty if it can. */
    public StringProperty dataProblemProperty() {
        return dataProblem;
    }

    public StringProperty sampleNoteProperty() {
        return sampleNote;
    }

    public BooleanProperty preparingProperty() {
        return preparing;
    }

    public ObjectProperty<NetworkGraph> networkProperty() {
        return network;
    }

    public ObjectProperty<TrainingConfig> trainingProperty() {
        return training;
    }

    public ObjectProperty<TrainingResult> trainingResultProperty() {
        return trainingResult;
    }

    public ObjectProperty<Evaluation> evaluationProperty() {
        return evaluation;
    }

    /** The last regression run measured on the test rows; null for classification or before training. */
    public ObjectProperty<RegressionResult> regressionResultProperty() {
        return regressionResult;
    }

    public ReadOnlyObjectProperty<Path> projectFileProperty() {
        return projectFile;
    }

    public ReadOnlyObjectProperty<BackendInfo> backendProperty() {
        return backend;
    }

    public BooleanProperty trainingRunningProperty() {
        return trainingRunning;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public IntegerProperty busyTasksProperty() {
        return busyTasks;
    }

    public BooleanBinding busyBinding() {
        return Bindings.greaterThan(busyTasks, 0);
    }

    public ObjectProperty<Step> stepProperty() {
        return step;
    }

    Supplier<Trainer> trainerFactory() {
        return trainerFactory;
    }

    /** Work new data asks for that waits until the view showing the data has shown it. */
    WorkAfterShowing workAfterShowing() {
        return workAfterShowing;
    }

    Executor ui() {
        return ui;
    }
}
