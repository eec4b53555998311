package org.layerlab.core.graph;

import java.util.function.Supplier;

/** The palette: every kind of node a user can place, grouped, with a one-line explanation and sensible defaults. */
public enum LayerKind {
    INPUT(Group.INPUT_OUTPUT, "Input", "Where each example of the data enters the network.", InputSpec::asData),
    OUTPUT(Group.INPUT_OUTPUT, "Output", "Gives the answer: one unit per class.", OutputSpec::forClasses),
    DENSE(Group.CORE, "Dense", "Every input connected to every unit; the basic building block.",
            () -> new DenseSpec(32, Activation.RELU)),
    DROPOUT(Group.CORE, "Dropout", "Randomly silences some values while training, against overfitting.",
            () -> new DropoutSpec(0.5)),
    ACTIVATION(Group.CORE, "Activation", "Applies a function such as ReLU on its own.",
            () -> new ActivationSpec(Activation.RELU)),
    BATCH_NORM(Group.CORE, "Batch Normalization", "Rescales values to a steady range; trains faster.",
            BatchNormSpec::new),
    FLATTEN(Group.CORE, "Flatten", "Turns images or sequences into one long list of numbers.", FlattenSpec::new),
    CONVOLUTION(Group.IMAGE, "Convolution 2D", "Slides small filters over an image to find patterns like edges.",
            () -> new ConvolutionSpec(16, 3, Padding.SAME, Activation.RELU)),
    MAX_POOLING(Group.IMAGE, "Max Pooling 2D", "Halves an image's size, keeping the strongest value of each patch.",
            () -> new PoolingSpec(PoolType.MAX, 2)),
    AVERAGE_POOLING(Group.IMAGE, "Average Pooling 2D", "Halves an image's size, averaging each patch.",
            () -> new PoolingSpec(PoolType.AVERAGE, 2)),
    GLOBAL_POOLING(Group.IMAGE, "Global Pooling", "Sums up each whole feature map in one number.",
            () -> new GlobalPoolingSpec(PoolType.AVERAGE)),
    LSTM(Group.SEQUENCE, "LSTM", "Reads a sequence step by step and remembers what matters.",
            () -> new LstmSpec(32, Activation.TANH, false)),
    SIMPLE_RNN(Group.SEQUENCE, "Simple RNN", "Reads a sequence step by step with a short memory.",
            () -> new SimpleRnnSpec(32, Activation.TANH, false)),
    EMBEDDING(Group.SEQUENCE, "Embedding", "Turns word or category numbers into learned vectors.",
            () -> new EmbeddingSpec(1000, 16)),
    ADD(Group.MERGE, "Add", "Adds two or more inputs of the same shape (residual connections).", AddSpec::new),
    CONCATENATE(Group.MERGE, "Concatenate", "Joins two or more inputs side by side (merging branches).",
            ConcatSpec::new);

    /** Palette sections. */
    public enum Group {
        INPUT_OUTPUT("Input and output"),
        CORE("Core"),
        IMAGE("Images"),
        SEQUENCE("Sequences"),
        MERGE("Merge branches");

        private final String label;

        Group(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final Group group;
    private final String label;
    private final String explanation;
    private final Supplier<LayerSpec> defaults;

    LayerKind(Group group, String label, String explanation, Supplier<LayerSpec> defaults) {
        this.group = group;
        this.label = label;
        this.explanation = explanation;
        this.defaults = defaults;
    }

    public Group group() {
        return group;
    }

    public String label() {
        return label;
    }

    public String explanation() {
        return explanation;
    }

    /** A new spec of this kind with LayerLab's default settings. */
    public LayerSpec defaultSpec() {
        return defaults.get();
    }

    @Override
    public String toString() {
        return label;
    }
}
