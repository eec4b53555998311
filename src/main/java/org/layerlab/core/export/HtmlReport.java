package org.layerlab.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page describing one training run — data, settings, learning curves, test metrics and the
 * confusion matrix (for regression: MAE, RMSE, R² and predicted against actual) — for a student to hand in or a teacher to project. Built from the run's JSON report
 * ({@link org.layerlab.core.experiment.RunReport}) so the page and the JSON can never disagree. Charts are inline
 * SVG: no scripts, no external files, prints cleanly.
 */
public final class HtmlReport {
    private static final String TRAIN_COLOUR = "#4f46e5";
    private static final String VALIDATION_COLOUR = "#f59e0b";

    private HtmlReport() {
    }

    public static String of(JsonNode report, String title) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:960px;margin:2em auto;"
                        + "padding:0 1em;color:#1f2937}h1{color:#4338ca}h2{margin-top:1.6em;border-bottom:1px solid #e5e7eb}"
                        + "table{border-collapse:collapse;margin:.5em 0}td,th{padding:.3em .7em;border:1px solid #e5e7eb;"
                        + "text-align:right}th{background:#f3f4f6}td.l,th.l{text-align:left}.big{font-size:2em;"
                        + "font-weight:700;color:#4338ca}.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid "
                        + "#e5e7eb;border-radius:8px;padding:.6em 1em;min-width:9em}.muted{color:#6b7280}svg text{font-size:11px;"
                        + "fill:#4b5563}\n</style></head><body>\n");
        html.append("<h1>").append(escape(title)).append("</h1>\n");
        html.append("<p class=\"muted\">LayerLab ").append(escape(report.path("layerlab_version").asText()))
                .append(" · ").append(escape(report.path("created").asText())).append("</p>\n");

        html.append("<h2>Data</h2>\n<table>");
        row(html, "File", report.path("data").asText());
        row(html, "Predicting", report.path("label").asText());
        JsonNode samples = report.path("samples");
        row(html, "Rows", String.format(Locale.ROOT, "%d for training, %d for validation, %d for the test",
                samples.path("train").asInt(), samples.path("validation").asInt(), samples.path("test").asInt()));
        html.append("</table>\n");
        if (report.path("notes").size() > 0) {
            html.append("<ul>");
            report.path("notes").forEach(note -> html.append("<li>").append(escape(note.asText())).append("</li>"));
            html.append("</ul>\n");
        }

        html.append("<h2>Network and training</h2>\n<table>");
        row(html, "Layers", report.path("network").path("layers").asText());
        row(html, "Parameters", String.format(Locale.ROOT, "%,d", report.path("network").path("parameters").asLong()));
        row(html, "Epochs trained", report.path("epochs").asText());
        row(html, "Outcome", report.path("outcome").asText() + (report.has("message")
                ? " — " + report.path("message").asText() : ""));
        row(html, "Backend", report.path("backend").asText());
        row(html, "Training speed", String.format(Locale.ROOT, "%,.0f samples/s",
                report.path("train_samples_per_second").asDouble()));
        html.append("</table>\n");

        boolean regression = "regression".equals(report.path("task").asText());
        JsonNode history = report.path("history");
        if (history.size() > 0) {
            html.append("<h2>Learning curves</h2>\n");
            html.append(chart("Loss per epoch (lower is better)", history, "train_loss", "val_loss", false));
            if (regression) {
                html.append(chart("Mean absolute error per epoch (lower is better)", history, "train_mae", "val_mae",
                        false));
            } else {
                html.append(chart("Accuracy per epoch (higher is better)", history, "train_accuracy", "val_accuracy",
                        true));
            }
        }

        JsonNode test = report.path("test");
        html.append("<h2>Test results</h2>\n<p class=\"muted\">Measured on rows the network never saw while training."
                + "</p>\n<div class=\"cards\">");
        if (regression) {
            card(html, "Mean absolute error", test.path("mae").asDouble());
            card(html, "Root mean squared error", test.path("rmse").asDouble());
            card(html, "R² (1 is perfect)", test.path("r2").asDouble());
            html.append("</div>\n");
            if (test.path("points").size() > 0) {
                html.append(scatter(test.path("points"), report.path("label").asText()));
            }
            html.append("</body></html>\n");
            return html.toString();
        }
        card(html, "Accuracy", test.path("accuracy").asDouble());
        card(html, "Precision (average)", test.path("macro_precision").asDouble());
        card(html, "Recall (average)", test.path("macro_recall").asDouble());
        card(html, "Macro F1", test.path("macro_f1").asDouble());
        html.append("</div>\n<table><tr><th class=\"l\">Class</th><th>Precision</th><th>Recall</th><th>F1</th>"
                + "<th>Rows</th></tr>");
        for (JsonNode perClass : test.path("per_class")) {
            html.append(String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td>%.3f</td><td>%.3f</td><td>%.3f</td>"
                            + "<td>%d</td></tr>", escape(perClass.path("class").asText()),
                    perClass.path("precision").asDouble(), perClass.path("recall").asDouble(),
                    perClass.path("f1").asDouble(), perClass.path("support").asInt()));
        }
        html.append("</table>\n");
        html.append(confusion(test));
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th class=\"l\">").append(escape(name)).append("</th><td class=\"l\">").append(escape(value))
                .append("</td></tr>");
    }

    private static void card(StringBuilder html, String name, double value) {
        html.append(String.format(Locale.ROOT, "<div class=\"card\"><div class=\"big\">%.3f</div>%s</div>", value,
                escape(name)));
    }

    private static String confusion(JsonNode test) {
        List<String> classes = new ArrayList<>();
        test.path("classes").forEach(c -> classes.add(c.asText()));
        int max = 1;
        for (JsonNode row : test.path("confusion")) {
            for (JsonNode cell : row) {
                max = Math.max(max, cell.asInt());
            }
        }
        StringBuilder html = new StringBuilder("<h3>Confusion matrix</h3>\n<p class=\"muted\">Each row is the true "
                + "class, each column what the network predicted; the diagonal holds the right answers.</p>\n<table>"
                + "<tr><th class=\"l\">actual ↓ / predicted →</th>");
        classes.forEach(c -> html.append("<th>").append(escape(c)).append("</th>"));
        html.append("</tr>");
        int r = 0;
        for (JsonNode row : test.path("confusion")) {
            html.append("<tr><th class=\"l\">").append(escape(classes.get(r))).append("</th>");
            int c = 0;
            for (JsonNode cell : row) {
                double share = cell.asInt() / (double) max;
                String colour = r == c ? String.format(Locale.ROOT, "rgba(79,70,229,%.2f)", 0.1 + 0.8 * share)
                        : cell.asInt() == 0 ? "transparent" : String.format(Locale.ROOT, "rgba(239,68,68,%.2f)",
                        0.15 + 0.6 * share);
                html.append("<td style=\"background:").append(colour).append(r == c && share > 0.5
                        ? ";color:white" : "").append("\">").append(cell.asInt()).append("</td>");
                c++;
            }
            html.append("</tr>");
            r++;
        }
        return html.append("</table>\n").toString();
    }

    /**
     * Predicted against actual value for each reported test row, as inline SVG, with the diagonal where a perfect
     * prediction would lie.
     */
    private static String scatter(JsonNode points, String label) {
        int size = 420;
        int left = 60;
        int right = 20;
        int top = 30;
        int bottom = 40;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (JsonNode point : points) {
            for (JsonNode value : point) {
                min = Math.min(min, value.asDouble());
                max = Math.max(max, value.asDouble());
            }
        }
        if (max <= min) {
            max = min + 1;
        }
        double plot = size - left - right;
        String title = "Predicted against actual " + label + " (test rows; on the line = perfect)";
        StringBuilder svg = new StringBuilder("<h3>Predicted against actual</h3>\n");
        svg.append(String.format(Locale.ROOT,
                "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                size, size + top + bottom - right, size, size + top + bottom - right, escape(title)));
        double bottomY = top + plot;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
                + "stroke=\"#e5e7eb\"/><line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%d\" stroke=\"#9ca3af\" "
                + "stroke-dasharray=\"4 3\"/>", left, top, plot, plot, left, bottomY, left + plot, top));
        for (int i = 0; i <= 4; i++) {
            double value = min + (max - min) * i / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>"
                    + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>", left - 6,
                    bottomY - plot * i / 4 + 4, trim(value), left + plot * i / 4, bottomY + 16, trim(value)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">actual</text>"
                + "<text x=\"14\" y=\"%.1f\" transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\">predicted"
                + "</text>", left + plot / 2, bottomY + 32, top + plot / 2, top + plot / 2));
        for (JsonNode point : points) {
            double x = left + plot * (point.path(0).asDouble() - min) / (max - min);
            double y = bottomY - plot * (point.path(1).asDouble() - min) / (max - min);
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\" "
                    + "fill-opacity=\"0.6\"/>", x, y, TRAIN_COLOUR));
        }
        return svg.append("</svg>\n").toString();
    }

    /** A line chart of one metric for training and validation over the epochs, as inline SVG. */
    private static String chart(String title, JsonNode history, String trainField, String validationField,
                                boolean unitRange) {
        int width = 880;
        int height = 240;
        int left = 50;
        int right = 20;
        int top = 30;
        int bottom = 35;
        double min = unitRange ? 0 : Double.MAX_VALUE;
        double max = unitRange ? 1 : -Double.MAX_VALUE;
        if (!unitRange) {
            for (JsonNode epoch : history) {
                for (String field : new String[] {trainField, validationField}) {
                    if (epoch.path(field).isNumber()) {
                        min = Math.min(min, epoch.path(field).asDouble());
                        max = Math.max(max, epoch.path(field).asDouble());
                    }
                }
            }
            min = Math.min(0, min);
            if (max <= min) {
                max = min + 1;
            }
        }
        int epochs = history.size();
        double plotWidth = width - left - right;
        double plotHeight = height - top - bottom;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">"
                        + "<text x=\"%d\" y=\"18\" style=\"font-size:13px;font-weight:600;fill:#1f2937\">%s</text>",
                width, height, width, height, escape(title), left, escape(title)));
        for (int i = 0; i <= 4; i++) {
            double value = min + (max - min) * i / 4;
            double y = top + plotHeight - plotHeight * i / 4;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", left, width - right, y, y, left - 6,
                    y + 4, trim(value)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">epoch (1 to %d)</text>",
                left + plotWidth / 2, height - 8, epochs));
        String[][] series = {{trainField, TRAIN_COLOUR, "training"}, {validationField, VALIDATION_COLOUR, "validation"}};
        int legendX = width - right - 200;
        for (String[] s : series) {
            StringBuilder points = new StringBuilder();
            int index = 0;
            for (JsonNode epoch : history) {
                if (epoch.path(s[0]).isNumber()) {
                    double x = left + (epochs == 1 ? plotWidth / 2 : plotWidth * index / (epochs - 1));
                    double y = top + plotHeight - plotHeight * (epoch.path(s[0]).asDouble() - min) / (max - min);
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                }
                index++;
            }
            if (points.length() > 0) {
                svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(s[1]).append("\" points=\"")
                        .append(points.toString().trim()).append("\"/>");
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"10\" width=\"14\" height=\"3\" fill=\"%s\"/>"
                        + "<text x=\"%d\" y=\"15\">%s</text>", legendX, s[1], legendX + 18, s[2]));
                legendX += 95;
            }
        }
        return svg.append("</svg>\n").toString();
    }

    private static String trim(double value) {
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
