package org.layerlab.core.bundle;

import java.util.ArrayList;
import java.util.List;
import org.layerlab.core.data.ColumnType;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.preprocess.FeatureEncoder;
import org.layerlab.core.preprocess.FittedPipeline;
import org.layerlab.core.preprocess.TargetScaler;
import org.layerlab.core.train.TrainedModel;

/**
 * A trained model with its fitted preprocessing, classes and metadata: all a prediction needs.
 *
 * @param imageShape for a model trained on an image folder, the shape every image is decoded to (channels × height ×
 *                   width, values 0..1) before the model sees it; null for a model of a table
 * @param target     for a regression model, how its output is turned back into the label's units; null for classes
 */
public record ModelBundle(TrainedModel model, FeatureEncoder encoder, List<String> classNames, BundleInfo info,
                          TensorShape.Image imageShape, TargetScaler target) {
    public ModelBundle {
        classNames = List.copyOf(classNames);
    }

    /** A classification model of a table: its inputs are the encoder's features. */
    public ModelBundle(TrainedModel model, FeatureEncoder encoder, List<String> classNames, BundleInfo info) {
        this(model, encoder, classNames, info, null, null);
    }

    /** A model of a table that predicts a class or, with a {@code target}, a number. */
    public ModelBundle(TrainedModel model, FeatureEncoder encoder, List<String> classNames, BundleInfo info,
                       TargetScaler target) {
        this(model, encoder, classNames, info, null, target);
    }

    /** A model of images: each input is one image, decoded to {@code shape}. */
    public static ModelBundle forImages(TrainedModel model, TensorShape.Image shape, List<String> classNames,
                                        BundleInfo info) {
        return new ModelBundle(model, new FeatureEncoder(List.of()), classNames, info, shape, null);
    }

    /** Whether the model takes images rather than named values. */
    public boolean takesImages() {
        return imageShape != null;
    }

    /** True when the model predicts a number rather than a class. */
    public boolean isRegression() {
        return target != null;
    }

    /** The values a prediction takes, in the order the model was trained with. */
    public List<InputField> inputSchema() {
        List<InputField> fields = new ArrayList<>();
        if (encoder.pipeline() != null) {
            // With a pipeline the model takes the raw columns the pipeline reads, not the encoder's columns.
            for (FittedPipeline.RawInput input : encoder.pipeline().inputs()) {
                fields.add(new InputField(input.name(), input.type(), input.categories()));
            }
            return fields;
        }
        for (FeatureEncoder.Feature feature : encoder.features()) {
            if (feature instanceof FeatureEncoder.OneHotFeature oneHot) {
                fields.add(new InputField(oneHot.column(), ColumnType.CATEGORICAL, oneHot.categories()));
            } else {
                fields.add(new InputField(feature.column(), ColumnType.NUMERIC, List.of()));
            }
        }
        return fields;
    }
}
