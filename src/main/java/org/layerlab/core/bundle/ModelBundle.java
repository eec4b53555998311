package org.layerlab.core.bundle;

import java.util.ArrayList;
import java.util.List;
import org.layerlab.core.data.ColumnType;
import org.layerlab.core.graph.TensorShape;
import org.layerlab.core.preprocess.FeatureEncoder;
import org.layerlab.core.train.TrainedModel;

/**
 * A trained model with its fitted preprocessing, classes and metadata: all a prediction needs.
 *
 * @param imageShape for a model trained on an image folder, the shape every image is decoded to (channels × height ×
 *                   width, values 0..1) before the model sees it; null for a model of a table
 */
public record ModelBundle(TrainedModel model, FeatureEncoder encoder, List<String> classNames, BundleInfo info,
                          TensorShape.Image imageShape) {
    public ModelBundle {
        classNames = List.copyOf(classNames);
    }

    /** A model of a table: its inputs are the encoder's features. */
    public ModelBundle(TrainedModel model, FeatureEncoder encoder, List<String> classNames, BundleInfo info) {
        this(model, encoder, classNames, info, null);
    }

    /** A model of images: each input is one image, decoded to {@code shape}. */
    public static ModelBundle forImages(TrainedModel model, TensorShape.Image shape, List<String> classNames,
                                        BundleInfo info) {
        return new ModelBundle(model, new FeatureEncoder(List.of()), classNames, info, shape);
    }

    /** Whether the model takes images rather than named values. */
    public boolean takesImages() {
        return imageShape != null;
    }

    /** The values a prediction takes, in the order the model was trained with. */
    public List<InputField> inputSchema() {
        List<InputField> fields = new ArrayList<>();
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
