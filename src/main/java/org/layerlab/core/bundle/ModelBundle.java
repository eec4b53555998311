package org.layerlab.core.bundle;

import java.util.ArrayList;
import java.util.List;
import org.layerlab.core.data.ColumnType;
import org.layerlab.core.preprocess.FeatureEncoder;
import org.layerlab.core.train.TrainedModel;

/** A trained model with its fitted preprocessing, classes and metadata: all a prediction needs. */
public record ModelBundle(TrainedModel model, FeatureEncoder encoder, List<String> classNames, BundleInfo info) {
    public ModelBundle {
        classNames = List.copyOf(classNames);
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
