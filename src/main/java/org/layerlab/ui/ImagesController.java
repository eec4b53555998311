package org.layerlab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.layerlab.core.experiment.ImageExperiment;
import org.layerlab.core.images.ImageEntry;
import org.layerlab.core.images.ImageExamples;
import org.layerlab.core.images.ImageFolder;

/**
 * The Data step when an image folder is open: a row of sample thumbnails per class with its count (click one to see
 * it large), the files that were left out, and a progress bar with Cancel while a folder is read.
 */
public final class ImagesController {
    /** Thumbnails shown per class: enough to see what a class looks like, few enough to load at once. */
    static final int SAMPLES_PER_CLASS = 8;
    static final double THUMBNAIL_SIZE = 56;

    private final ProjectViewModel shared;

    @FXML private StackPane imagesRoot;
    @FXML private Node imagesContent;
    @FXML private Label folderTitleLabel;
    @FXML private Label folderDetailsLabel;
    @FXML private VBox classCountsBox;
    @FXML private Node skippedCard;
    @FXML private Label skippedSummaryLabel;
    @FXML private ListView<String> skippedList;
    @FXML private VBox imageNotesBox;
    @FXML private VBox sampleGrid;
    @FXML private Node enlargedPane;
    @FXML private ImageView enlargedImage;
    @FXML private Label enlargedLabel;
    @FXML private Node loadingPane;
    @FXML private Label loadingLabel;
    @FXML private ProgressBar loadingBar;
    @FXML private Button cancelLoadingButton;

    ImagesController(ProjectViewModel shared) {
        this.shared = shared;
    }

    @FXML
    private void initialize() {
        imagesRoot.visibleProperty().bind(shared.imageExperimentProperty().isNotNull()
                .or(shared.imagesLoadingProperty()));
        imagesContent.visibleProperty().bind(shared.imageExperimentProperty().isNotNull()
                .and(shared.imagesLoadingProperty().not()));
        loadingPane.visibleProperty().bind(shared.imagesLoadingProperty());
        loadingLabel.textProperty().bind(shared.imagesProgressTextProperty());
        loadingBar.progressProperty().bind(shared.imagesProgressProperty());
        shared.imageExperimentProperty().addListener((obs, old, experiment) -> {
            if (experiment == null || old == null || experiment.folder() != old.folder()) {
                show(experiment);
            } else {
                showNotes(experiment); // same images, other settings (augmentation)
            }
        });
        show(shared.getImageExperiment());
    }

    @FXML
    private void onCancelLoading() {
        shared.cancelImageLoading();
    }

    @FXML
    private void onCloseEnlarged() {
        enlargedPane.setVisible(false);
    }

    private void show(ImageExperiment experiment) {
        enlargedPane.setVisible(false);
        sampleGrid.getChildren().clear();
        classCountsBox.getChildren().clear();
        if (experiment == null) {
            return;
        }
        ImageFolder folder = experiment.folder();
        folderTitleLabel.setText(folder.root().getFileName() == null ? folder.root().toString()
                : folder.root().getFileName().toString());
        folderDetailsLabel.setText(String.format(Locale.ROOT, "%,d images · %d classes · read as %s%s",
                folder.imageCount() - experiment.unreadable().size(), folder.classNames().size(), experiment.shape().describe(),
                folder.preSplit() ? " · split by its train/ and test/ folders" : ""));
        showClassCounts(folder, experiment.classCounts());
        showSamples(folder, experiment.classCounts(), experiment.unreadable());
        List<String> skipped = new ArrayList<>(experiment.unreadable());
        folder.ignoredFiles().forEach(name -> skipped.add(name + " (not an image)"));
        skippedList.getItems().setAll(skipped);
        skippedSummaryLabel.setText(summary(experiment.unreadable().size(), folder.ignoredFiles().size(),
                folder.emptyClasses()));
        skippedCard.setVisible(!skipped.isEmpty() || !folder.emptyClasses().isEmpty());
        skippedCard.setManaged(skippedCard.isVisible());
        showNotes(experiment);
    }

    static String summary(int unreadable, int ignored, List<String> emptyClasses) {
        List<String> parts = new ArrayList<>();
        if (unreadable > 0) {
            parts.add(unreadable + (unreadable == 1 ? " file could" : " files could") + " not be read as an image");
        }
        if (ignored > 0) {
            parts.add(ignored + (ignored == 1 ? " file is" : " files are") + " not an image");
        }
        if (!emptyClasses.isEmpty()) {
            parts.add((emptyClasses.size() == 1 ? "the class folder " : "the class folders ")
                    + String.join(", ", emptyClasses) + (emptyClasses.size() == 1 ? " is" : " are") + " empty");
        }
        if (parts.isEmpty()) {
            return "";
        }
        String text = String.join("; ", parts) + ".";
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + " Training goes on without them.";
    }

    private void showClassCounts(ImageFolder folder, int[] counts) {
        classCountsBox.getChildren().add(ClassBalanceBars.of(folder.classNames(), counts, c -> imagesText(counts[c])));
    }

    static String imagesText(int count) {
        return String.format(Locale.ROOT, "%,d image%s", count, count == 1 ? "" : "s");
    }

    /** One row per class: its name and count, then the first few of its images. */
    private void showSamples(ImageFolder folder, int[] counts, List<String> unreadable) {
        List<List<ImageEntry>> byClass = new ArrayList<>();
        for (int c = 0; c < folder.classNames().size(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (List<ImageEntry> split : List.of(folder.train(), folder.validation(), folder.test())) {
            for (ImageEntry entry : split) {
                List<ImageEntry> samples = byClass.get(entry.classIndex());
                if (samples.size() < SAMPLES_PER_CLASS && !unreadable.contains(ImageExamples.nameOf(entry))) {
                    samples.add(entry);
                }
            }
        }
        for (int c = 0; c < byClass.size(); c++) {
            String className = folder.classNames().get(c);
            Label title = new Label(className + " · " + imagesText(counts[c]));
            title.getStyleClass().add("h3");
            title.setId("class-row-" + c);
            FlowPane thumbnails = new FlowPane(6, 6);
            thumbnails.getStyleClass().add("thumbnail-row");
            for (ImageEntry entry : byClass.get(c)) {
                thumbnails.getChildren().add(thumbnail(entry, className));
            }
            if (byClass.get(c).isEmpty()) {
                Label empty = new Label("No images in this folder.");
                empty.getStyleClass().add("help-text");
                thumbnails.getChildren().add(empty);
            }
            VBox row = new VBox(4, title, thumbnails);
            row.getStyleClass().add("class-samples");
            sampleGrid.getChildren().add(row);
        }
    }

    private Node thumbnail(ImageEntry entry, String className) {
        String url = entry.file().toUri().toString();
        // Loaded in the background and scaled while decoding, so a folder of large photos never stalls the window.
        ImageView view = new ImageView(new Image(url, THUMBNAIL_SIZE, THUMBNAIL_SIZE, true, false, true));
        view.setFitWidth(THUMBNAIL_SIZE);
        view.setFitHeight(THUMBNAIL_SIZE);
        view.setPreserveRatio(true);
        view.getStyleClass().add("thumbnail");
        StackPane frame = new StackPane(view);
        frame.getStyleClass().addAll("thumbnail-frame", "sample-thumbnail");
        frame.setMinSize(THUMBNAIL_SIZE + 4, THUMBNAIL_SIZE + 4);
        String name = className + "/" + entry.file().getFileName();
        Tooltip.install(frame, new Tooltip(name + " — click to enlarge"));
        frame.setOnMouseClicked(event -> {
            enlargedImage.setImage(new Image(url, 320, 320, true, false, true));
            enlargedLabel.setText(name);
            enlargedPane.setVisible(true);
        });
        return frame;
    }

    private void showNotes(ImageExperiment experiment) {
        imageNotesBox.getChildren().clear();
        for (String note : experiment.data().notes()) {
            Label label = new Label(note);
            label.setWrapText(true);
            label.getStyleClass().add("note");
            label.setMinHeight(Region.USE_PREF_SIZE);
            imageNotesBox.getChildren().add(label);
        }
    }

    /** For tests: whether the enlarged image is showing, and what it names. */
    String enlargedName() {
        return enlargedPane.isVisible() ? enlargedLabel.getText() : "";
    }

}
