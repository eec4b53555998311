package org.layerlab.core.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.layerlab.core.data.ColumnType;
import org.layerlab.core.preprocess.PipelineStep.ImputeStrategy;
import org.layerlab.core.preprocess.PipelineStep.StepKind;

/**
 * The JSON form of pipeline steps (in project files) and of a fitted pipeline (in model bundles), written out by
 * hand so that renaming a Java field never changes the file format. Each step is {@code {"step": "impute",
 * "columns": [...], ...}}; an empty {@code columns} means every column the step applies to.
 */
public final class PipelineJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PipelineJson() {
    }

    public static ArrayNode writeSteps(List<PipelineStep> steps) {
        ArrayNode array = NODES.arrayNode();
        for (PipelineStep step : steps) {
            ObjectNode node = array.addObject();
            node.put("step", step.kind().id());
            ArrayNode columns = node.putArray("columns");
            step.columns().forEach(columns::add);
            if (step instanceof PipelineStep.Impute impute) {
                node.put("strategy", impute.strategy().id());
                if (impute.strategy() == ImputeStrategy.CONSTANT) {
                    node.put("constant", impute.constant());
                }
            }
        }
        return array;
    }

    /** @throws IllegalArgumentException naming what is wrong, for a damaged file */
    public static List<PipelineStep> readSteps(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("the preprocessing steps must be a list.");
        }
        List<PipelineStep> steps = new ArrayList<>();
        for (JsonNode node : array) {
            StepKind kind = StepKind.fromId(node.path("step").asText());
            List<String> columns = strings(node.path("columns"));
            PipelineStep step = kind == StepKind.IMPUTE
                    ? new PipelineStep.Impute(columns, ImputeStrategy.fromId(node.path("strategy").asText("mean")),
                            node.path("constant").asText(""))
                    : kind.create().withColumns(columns);
            steps.add(step);
        }
        return steps;
    }

    public static ObjectNode writeFitted(FittedPipeline pipeline) {
        ObjectNode root = NODES.objectNode();
        ArrayNode inputs = root.putArray("inputs");
        for (FittedPipeline.RawInput input : pipeline.inputs()) {
            ObjectNode node = inputs.addObject();
            node.put("column", input.name());
            node.put("type", input.type() == ColumnType.NUMERIC ? "numeric" : "categorical");
            if (input.type() == ColumnType.CATEGORICAL) {
                ArrayNode categories = node.putArray("categories");
                input.categories().forEach(categories::add);
            }
        }
        ArrayNode steps = root.putArray("steps");
        for (FittedStep step : pipeline.steps()) {
            ObjectNode node = steps.addObject();
            if (step instanceof FittedStep.ScaleColumns scale) {
                node.put("step", scale.kind().id());
                ArrayNode columns = node.putArray("columns");
                for (FittedStep.Scale s : scale.scales()) {
                    columns.addObject().put("column", s.column()).put("shift", s.shift()).put("scale", s.scale());
                }
            } else if (step instanceof FittedStep.LogColumns log) {
                node.put("step", StepKind.LOG_TRANSFORM.id());
                ArrayNode columns = node.putArray("columns");
                log.shifts().forEach(s -> columns.addObject().put("column", s.column()).put("shift", s.shift()));
            } else if (step instanceof FittedStep.FillColumns fill) {
                node.put("step", StepKind.IMPUTE.id());
                ArrayNode columns = node.putArray("columns");
                for (FittedStep.Fill f : fill.fills()) {
                    ObjectNode column = columns.addObject().put("column", f.column());
                    if (f.category() != null) {
                        column.put("category", f.category());
                    } else {
                        column.put("number", f.number());
                    }
                }
            } else if (step instanceof FittedStep.OneHotColumns oneHot) {
                node.put("step", StepKind.ONE_HOT_ENCODE.id());
                ArrayNode columns = node.putArray("columns");
                for (FittedStep.Levels levels : oneHot.encoded()) {
                    ArrayNode categories = columns.addObject().put("column", levels.column()).putArray("categories");
                    levels.levels().forEach(categories::add);
                }
            } else if (step instanceof FittedStep.DropColumns drop) {
                node.put("step", StepKind.DROP_COLUMN.id());
                ArrayNode columns = node.putArray("columns");
                drop.dropped().forEach(columns::add);
            } else if (step instanceof FittedStep.DropRowsMissing drop) {
                node.put("step", StepKind.DROP_MISSING_ROWS.id());
                ArrayNode columns = node.putArray("columns");
                drop.checked().forEach(columns::add);
            }
        }
        return root;
    }

    /** @throws IllegalArgumentException naming what is wrong, for a damaged bundle */
    public static FittedPipeline readFitted(JsonNode root) {
        List<FittedPipeline.RawInput> inputs = new ArrayList<>();
        for (JsonNode node : root.path("inputs")) {
            boolean numeric = "numeric".equals(node.path("type").asText());
            inputs.add(new FittedPipeline.RawInput(node.path("column").asText(),
                    numeric ? ColumnType.NUMERIC : ColumnType.CATEGORICAL,
                    numeric ? List.of() : strings(node.path("categories"))));
        }
        List<FittedStep> steps = new ArrayList<>();
        for (JsonNode node : root.path("steps")) {
            StepKind kind = StepKind.fromId(node.path("step").asText());
            JsonNode columns = node.path("columns");
            switch (kind) {
                case STANDARDIZE, MIN_MAX_SCALE -> {
                    List<FittedStep.Scale> scales = new ArrayList<>();
                    columns.forEach(c -> scales.add(new FittedStep.Scale(c.path("column").asText(),
                            c.path("shift").asDouble(), c.path("scale").asDouble(1))));
                    steps.add(new FittedStep.ScaleColumns(kind, scales));
                }
                case LOG_TRANSFORM -> {
                    List<FittedStep.Shift> shifts = new ArrayList<>();
                    columns.forEach(c -> shifts.add(new FittedStep.Shift(c.path("column").asText(),
                            c.path("shift").asDouble())));
                    steps.add(new FittedStep.LogColumns(shifts));
                }
                case IMPUTE -> {
                    List<FittedStep.Fill> fills = new ArrayList<>();
                    columns.forEach(c -> fills.add(new FittedStep.Fill(c.path("column").asText(),
                            c.has("number") ? c.path("number").asDouble() : Double.NaN,
                            c.has("category") ? c.path("category").asText() : null)));
                    steps.add(new FittedStep.FillColumns(fills));
                }
                case ONE_HOT_ENCODE -> {
                    List<FittedStep.Levels> encoded = new ArrayList<>();
                    columns.forEach(c -> encoded.add(new FittedStep.Levels(c.path("column").asText(),
                            strings(c.path("categories")))));
                    steps.add(new FittedStep.OneHotColumns(encoded));
                }
                case DROP_COLUMN -> steps.add(new FittedStep.DropColumns(strings(columns)));
                case DROP_MISSING_ROWS -> steps.add(new FittedStep.DropRowsMissing(strings(columns)));
            }
        }
        return new FittedPipeline(steps, inputs);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }
}
