package org.layerlab.ui;

import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import java.util.function.Function;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.imageio.Pixels;
import org.layerlab.core.images.ImagePreprocessing;
import org.layerlab.ui.ImagePreprocessingViewModel.SizeChoice;

/**
 * The image preprocessing card: binds the size and colour controls to {@link ImagePreprocessingViewModel} and shows
 * its steps and before/after preview.
 */
public final class ImagePreprocessingController {
    /** Spinners accept more than the largest side so that a too-large size gets a sentence, not a silent clamp. */
    static final int SPINNER_MAX = 9999;

    private final ImagePreprocessingViewModel model;
    private final ProjectViewModel shared;

    @FXML private VBox preprocessingRoot;
    @FXML private Label resizeStepLabel;
    @FXML private Label colourStepLabel;
    @FXML private ComboBox<SizeChoice> sizeCombo;
    @FXML private Spinner<Integer> widthSpinner;
    @FXML private Spinner<Integer> heightSpinner;
    @FXML private ComboBox<Integer> colourCombo;
    @FXML private Label sizeProblemLabel;
    @FXML private Label sizeAdviceLabel;
    @FXML private Node applyBox;
    @FXML private Button applyButton;
    @FXML private Label pendingLabel;
    @FXML private ImageView beforeImage;
    @FXML private ImageView afterImage;
    @FXML private Label beforeLabel;
    @FXML private Label afterLabel;
    @FXML private Label previewCaptionLabel;

    ImagePreprocessingController(ImagePreprocessingViewModel model, ProjectViewModel shared) {
        this.model = model;
        this.shared = shared;
    }

    @FXML
    private void initialize() {
        sizeCombo.getItems().setAll(SizeChoice.ALL);
        labelled(sizeCombo, model::label);
        colourCombo.getItems().setAll(ImagePreprocessingViewModel.CHANNEL_CHOICES);
        labelled(colourCombo, model::channelsLabel);
        sizeCombo.valueProperty().bindBidirectional(model.sizeChoiceProperty());
        colourCombo.valueProperty().bindBidirectional(model.channelsProperty());
        bindSpinner(widthSpinner, model.widthProperty());
        bindSpinner(heightSpinner, model.heightProperty());
        // Typed sizes only for a custom size; otherwise the spinners show the size chosen.
        widthSpinner.disableProperty().bind(model.sizeChoiceProperty().isNotEqualTo(SizeChoice.CUSTOM));
        heightSpinner.disableProperty().bind(model.sizeChoiceProperty().isNotEqualTo(SizeChoice.CUSTOM));
        // The labels "From the images (28 × 28)" change once the images are measured.
        model.fromImagesProperty().addListener((obs, old, shape) -> {
            sizeCombo.getButtonCell().setText(model.label(sizeCombo.getValue()));
            colourCombo.getButtonCell().setText(model.channelsLabel(colourCombo.getValue()));
        });

        sizeProblemLabel.textProperty().bind(model.problemProperty());
        sizeProblemLabel.visibleProperty().bind(model.problemProperty().isNotEmpty());
        sizeProblemLabel.managedProperty().bind(sizeProblemLabel.visibleProperty());
        sizeAdviceLabel.textProperty().bind(model.adviceProperty());
        // Advice is about a possible choice: hidden while the choice is not possible at all.
        sizeAdviceLabel.visibleProperty().bind(model.adviceProperty().isNotEmpty()
                .and(model.problemProperty().isEmpty()));
        sizeAdviceLabel.managedProperty().bind(sizeAdviceLabel.visibleProperty());
        applyBox.visibleProperty().bind(model.pendingProperty());
        applyBox.managedProperty().bind(applyBox.visibleProperty());
        applyButton.disableProperty().bind(shared.imagesLoadingProperty());
        preprocessingRoot.disableProperty().bind(shared.trainingRunningProperty());

        model.stepsProperty().addListener((obs, old, steps) -> showSteps(steps));
        model.previewProperty().addListener((obs, old, preview) -> showPreview(preview));
        model.previewProblemProperty().addListener((obs, old, problem) -> {
            if (!problem.isEmpty()) {
                previewCaptionLabel.setText(problem);
            }
        });
        model.pendingProperty().addListener((obs, old, pending) -> showPending());
        model.stepsProperty().addListener((obs, old, steps) -> showPending());
        showSteps(model.stepsProperty().get());
        showPreview(model.previewProperty().get());
    }

    @FXML
    private void onApply() {
        model.apply();
    }

    /**
     * Cells that ask {@code label} for their text each time they show a choice, so that "From the images (28 × 28)"
     * can be told once the images are measured (a converter's text is cached by the button cell).
     */
    private static <T> void labelled(ComboBox<T> combo, Function<T, String> label) {
        combo.setCellFactory(list -> new LabelledCell<>(label));
        combo.setButtonCell(new LabelledCell<>(label));
    }

    private static final class LabelledCell<T> extends ListCell<T> {
        private final Function<T, String> label;

        LabelledCell(Function<T, String> label) {
            this.label = label;
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? "" : label.apply(item));
        }
    }

    private static void bindSpinner(Spinner<Integer> spinner, javafx.beans.property.IntegerProperty value) {
        spinner.setValueFactory(new IntegerSpinnerValueFactory(1, SPINNER_MAX, value.get()));
        Spinners.commitOnFocusLost(spinner);
        spinner.getValueFactory().valueProperty().addListener((obs, old, typed) -> {
            if (typed != null && typed != value.get()) {
                value.set(typed);
            }
        });
        value.addListener((obs, old, shown) -> {
            if (!shown.equals(spinner.getValue())) {
                spinner.getValueFactory().setValue(shown.intValue());
            }
        });
    }

    private void showSteps(List<String> steps) {
        if (steps.size() >= 2) {
            resizeStepLabel.setText(steps.get(0));
            colourStepLabel.setText(steps.get(1));
        }
    }

    private void showPending() {
        TensorShape.Image shape = shared.getImageExperiment() == null ? null : shared.getImageExperiment().shape();
        pendingLabel.setText(shape == null ? "" : "Not applied yet: the images are read as "
                + ImagePreprocessing.size(shape) + ", " + ImagePreprocessing.colour(shape.channels()).toLowerCase(
                java.util.Locale.ROOT) + ". Apply reads them again.");
    }

    private void showPreview(ImagePreprocessing.Preview preview) {
        if (preview == null) {
            beforeImage.setImage(null);
            afterImage.setImage(null);
            beforeLabel.setText("");
            afterLabel.setText("");
            previewCaptionLabel.setText("");
            return;
        }
        beforeImage.setImage(image(preview.original()));
        afterImage.setImage(image(preview.processed()));
        beforeLabel.setText(preview.originalDescription());
        afterLabel.setText(preview.processedDescription());
        previewCaptionLabel.setText(preview.file().getParent().getFileName() + "/" + preview.file().getFileName()
                + ", the first training image. Its file is read, never written.");
    }

    private static javafx.scene.image.WritableImage image(Pixels pixels) {
        return AugmentationController.toImage(pixels.values(),
                new TensorShape.Image(pixels.channels(), pixels.height(), pixels.width()));
    }

    /** For tests: the size of the image the network gets in the preview, as {width, height}; empty before one. */
    int[] afterImageSize() {
        return afterImage.getImage() == null ? new int[0]
                : new int[] {(int) afterImage.getImage().getWidth(), (int) afterImage.getImage().getHeight()};
    }
}
