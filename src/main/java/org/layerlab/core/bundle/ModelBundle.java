package org.layerlab.core.bundle;

import java.util.ArrayList;
import java.util.List;
import org.layerlab.core.data.ColumnType;
import org.layerlab.core.preprocess.FeatureEncoder;
import org.layerlab.core.preprocess.FittedPipeline;
import org.layerlab.core.preprocess.TargetScaler;
import org.layerlab.core.train.TrainedModel;

/**
 * A trained model with its fitted preprocessing, classes and metadata: all a prediction needs.
 *
 * @param target for a regression model, how its output is turned back into the label's units; null for classes
 */
public record ModelBundle(TrainedModel model, FeatureEncoder encoder, List<String> classNames, BundleInfo info,
                          TargetScaler target) {
    public ModelBundle {
        classNames = List.copyOf(classNames);
    }

    /** A classification model. */
    public ModelBundle(TrainedModel model, FeatureEncoder encoder, List<String> classNames, BundleInfo info) {
        this(model, encoder, classNames, info, null);
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
