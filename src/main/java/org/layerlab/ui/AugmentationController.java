package org.layerlab.ui;

import java.util.List;
import java.util.Random;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.layerlab.core.augment.ImageAugmentation;
import org.layerlab.core.augment.LabelSafety;
import org.layerlab.core.experiment.ImageExperiment;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.images.ImageExamples;

/**
 * The augmentation card of an image folder: which random changes the training images get, a warning when one can
 * change what a class means, and a preview of one training image as the network sees it under them.
 */
public final class AugmentationController {
    /** Variations in the preview grid. */
    static final int PREVIEW_COUNT = 8;
    static final double PREVIEW_SIZE = 64;

    private final ProjectViewModel shared;
    private boolean showing;
    private int previewExample;
    private long previewSeed = 1;

    @FXML private VBox augmentationRoot;
    @FXML private CheckBox flipHorizontalCheck;
    @FXML private CheckBox flipVerticalCheck;
    @FXML private Spinner<Integer> rotationSpinner;
    @FXML private Spinner<Integer> shiftSpinner;
    @FXML private Spinner<Integer> zoomSpinner;
    @FXML private Spinner<Integer> noiseSpinner;
    @FXML private Spinner<Integer> brightnessSpinner;
    @FXML private Spinner<Integer> contrastSpinner;
    @FXML private VBox augmentationWarnings;
    @FXML private Label previewCaption;
    @FXML private FlowPane previewGrid;

    AugmentationController(ProjectViewModel shared) {
        this.shared = shared;
    }

    @FXML
    private void initialize() {
        rotationSpinner.setValueFactory(new IntegerSpinnerValueFactory(0, 180, 0, 5));
        shiftSpinner.setValueFactory(new IntegerSpinnerValueFactory(0, 50, 0, 5));
        zoomSpinner.setValueFactory(new IntegerSpinnerValueFactory(0, 90, 0, 5));
        noiseSpinner.setValueFactory(new IntegerSpinnerValueFactory(0, 50, 0, 1));
        brightnessSpinner.setValueFactory(new IntegerSpinnerValueFactory(0, 100, 0, 5));
        contrastSpinner.setValueFactory(new IntegerSpinnerValueFactory(0, 90, 0, 5));
        flipHorizontalCheck.selectedProperty().addListener((obs, old, on) -> onEdited());
        flipVerticalCheck.selectedProperty().addListener((obs, old, on) -> onEdited());
        for (Spinner<Integer> spinner : List.of(rotationSpinner, shiftSpinner, zoomSpinner, noiseSpinner,
                brightnessSpinner, contrastSpinner)) {
            spinner.valueProperty().addListener((obs, old, value) -> onEdited());
        }
        augmentationRoot.disableProperty().bind(shared.trainingRunningProperty());
        shared.imageExperimentProperty().addListener((obs, old, experiment) -> {
            if (experiment != null && (old == null || old.folder() != experiment.folder())) {
                previewExample = 0;
            }
            show(experiment);
        });
        show(shared.getImageExperiment());
    }

    @FXML
    private void onNewPreview() {
        ImageExperiment experiment = shared.getImageExperiment();
        if (experiment == null || experiment.train().rows() == 0) {
            return;
        }
        previewSeed++;
        previewExample = new Random(previewSeed * 31 + previewExample).nextInt(experiment.train().rows());
        showPreview(experiment);
    }

    /** The controls say what the experiment's augmentation is; then the warnings and the preview follow it. */
    private void show(ImageExperiment experiment) {
        if (experiment == null) {
            return;
        }
        ImageAugmentation a = experiment.project().images().augmentation();
        showing = true;
        try {
            flipHorizontalCheck.setSelected(a.flipHorizontal());
            flipVerticalCheck.setSelected(a.flipVertical());
            rotationSpinner.getValueFactory().setValue((int) Math.round(a.rotationDegrees()));
            shiftSpinner.getValueFactory().setValue(percent(a.shiftFraction()));
            zoomSpinner.getValueFactory().setValue(percent(a.zoomFraction()));
            noiseSpinner.getValueFactory().setValue(percent(a.noise()));
            brightnessSpinner.getValueFactory().setValue(percent(a.brightness()));
            contrastSpinner.getValueFactory().setValue(percent(a.contrast()));
        } finally {
            showing = false;
        }
        showWarnings(LabelSafety.warnings(a, experiment.data().classNames()));
        showPreview(experiment);
    }

    private static int percent(double fraction) {
        return (int) Math.round(fraction * 100);
    }

    private void onEdited() {
        if (showing || shared.getImageExperiment() == null) {
            return;
        }
        shared.updateImageAugmentation(new ImageAugmentation(flipHorizontalCheck.isSelected(),
                flipVerticalCheck.isSelected(), rotationSpinner.getValue(), shiftSpinner.getValue() / 100.0,
                zoomSpinner.getValue() / 100.0, noiseSpinner.getValue() / 100.0, brightnessSpinner.getValue() / 100.0,
                contrastSpinner.getValue() / 100.0));
    }

    private void showWarnings(List<String> warnings) {
        augmentationWarnings.getChildren().clear();
        for (String warning : warnings) {
            Label label = new Label("⚠ " + warning);
            label.setWrapText(true);
            label.setMinHeight(Region.USE_PREF_SIZE);
            label.getStyleClass().addAll("warning", "augmentation-warning");
            augmentationWarnings.getChildren().add(label);
        }
    }

    /** The chosen training image, then {@value #PREVIEW_COUNT} variations of it as training will draw them. */
    private void showPreview(ImageExperiment experiment) {
        previewGrid.getChildren().clear();
        ImageExamples train = experiment.train();
        if (train.rows() == 0) {
            previewCaption.setText("");
            return;
        }
        int example = Math.min(previewExample, train.rows() - 1);
        float[] original = train.values(example);
        TensorShape.Image shape = train.exampleShape();
        ImageAugmentation augmentation = train.augmentation();
        previewCaption.setText(ImageExamples.nameOf(train.images().get(example)) + ", as read ("
                + shape.describe() + "), then "
                + (augmentation.isNone() ? "unchanged: choose changes above to see them." : PREVIEW_COUNT
                + " random variations: " + String.join(", ", augmentation.describe()) + "."));
        previewGrid.getChildren().add(tile(original, shape, "preview-original"));
        if (augmentation.isNone()) {
            return;
        }
        for (int k = 0; k < PREVIEW_COUNT; k++) {
            Random random = new Random(previewSeed * 0x9E3779B97F4A7C15L + k);
            previewGrid.getChildren().add(tile(augmentation.apply(original, shape, random), shape, "preview-variation"));
        }
    }

    private static StackPane tile(float[] values, TensorShape.Image shape, String styleClass) {
        ImageView view = new ImageView(toImage(values, shape));
        view.setFitWidth(PREVIEW_SIZE);
        view.setFitHeight(PREVIEW_SIZE);
        view.setPreserveRatio(true);
        view.setSmooth(false);
        StackPane frame = new StackPane(view);
        frame.getStyleClass().addAll("thumbnail-frame", styleClass);
        return frame;
    }

    /** Pixels as the network sees them (0..1, channel by channel) as a picture: gray for one channel, else RGB. */
    static WritableImage toImage(float[] values, TensorShape.Image shape) {
        int width = shape.width();
        int height = shape.height();
        int plane = width * height;
        WritableImage image = new WritableImage(width, height);
        PixelWriter writer = image.getPixelWriter();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int r = channel(values[i]);
                int g = shape.channels() == 3 ? channel(values[plane + i]) : r;
                int b = shape.channels() == 3 ? channel(values[2 * plane + i]) : r;
                writer.setArgb(x, y, 0xff000000 | (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    private static int channel(float value) {
        return Math.max(0, Math.min(255, Math.round(value * 255)));
    }
}
