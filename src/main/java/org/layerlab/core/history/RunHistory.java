package org.layerlab.core.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.layerlab.core.evaluate.Evaluation;
import org.layerlab.core.evaluate.RegressionEvaluation;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.InputSpec;
import org.layerlab.core.graph.NetworkGraph;
import org.layerlab.core.graph.Node;
import org.layerlab.core.graph.OutputSpec;
import org.layerlab.core.train.TrainingConfig;
import org.layerlab.core.train.TrainingResult;

/**
 * Every finished run of a project, numbered in the order they finished ("Run 1", "Run 2", …), so that runs with
 * different settings can be overlaid and compared. A saved project's runs are kept on disk by {@link RunStore}.
 * Not thread-safe: the app adds and reads on one thread.
 */
public final class RunHistory {
    /** Past this many layers the description ends with "…", so that it stays one line. */
    static final int MAX_DESCRIBED_LAYERS = 8;

    private final List<RunRecord> runs = new ArrayList<>();
    /** Numbers up to this one are taken even if no run here has them (files on disk that could not be read). */
    private int reservedUpTo;

    /**
     * Keeps a finished run and gives it the next number.
     *
     * @param evaluation the classification metrics on the test split, or null
     * @param regression the regression metrics on the test split, or null
     */
    public RunRecord add(Instant started, TrainingConfig config, NetworkGraph network, TrainingResult result,
                         Evaluation evaluation, RegressionEvaluation regression) {
        RunRecord record = new RunRecord(nextNumber(), started, config, describe(network), result.history(),
                result.outcome(), evaluation, regression);
        runs.add(record);
        return record;
    }

    /**
     * Replaces the runs with {@code saved} (e.g. read from a project's folder), keeping their numbers; the next run
     * gets the number after the highest of them and {@code numbersTakenUpTo}.
     */
    public void replaceWith(List<RunRecord> saved, int numbersTakenUpTo) {
        reservedUpTo = numbersTakenUpTo;
        runs.clear();
        runs.addAll(saved);
        runs.sort(java.util.Comparator.comparingInt(RunRecord::number));
    }

    /** One more than the highest number so far, so that a run left out when loading never has its number reused. */
    private int nextNumber() {
        return Math.max(reservedUpTo, runs.stream().mapToInt(RunRecord::number).max().orElse(0)) + 1;
    }

    /** The runs, oldest first. */
    public List<RunRecord> runs() {
        return List.copyOf(runs);
    }

    public int size() {
        return runs.size();
    }

    public Optional<RunRecord> latest() {
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }

    public Optional<RunRecord> find(int number) {
        return runs.stream().filter(run -> run.number() == number).findFirst();
    }

    /**
     * The network on one line, layers in the order data flows through them (inputs left out), e.g.
     * "Dense 16 → Dense 16 → Output 3"; an unordered (cyclic) graph is described in the order it was built.
     */
    public static String describe(NetworkGraph network) {
        if (network == null) {
            return "";
        }
        List<Node> ordered = network.topologicalOrder()
                .map(ids -> ids.stream().map(network::node).toList())
                .orElse(network.nodes());
        List<String> parts = new ArrayList<>();
        for (Node node : ordered) {
            if (node.spec() instanceof InputSpec) {
                continue;
            }
            if (parts.size() == MAX_DESCRIBED_LAYERS) {
                parts.add("…");
                break;
            }
            parts.add(describe(node));
        }
        return String.join(" → ", parts);
    }

    private static String describe(Node node) {
        String kind = node.spec().kind().label();
        if (node.spec() instanceof DenseSpec dense) {
            return kind + " " + dense.units();
        }
        if (node.spec() instanceof OutputSpec output && output.units() > 0) {
            return kind + " " + output.units();
        }
        return kind;
    }
}
