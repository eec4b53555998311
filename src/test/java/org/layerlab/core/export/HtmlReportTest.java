package org.layerlab.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static ObjectNode report() throws Exception {
        return (ObjectNode) new ObjectMapper().readTree("""
                {"task":"classification","layerlab_version":"dev","created":"2026-11-27T10:00:00Z","data":"/x/iris.csv",
                 "label":"species","backend":"CPU (test)","outcome":"completed","epochs":3,
                 "train_samples_per_second":1234.5,"samples":{"train":102,"validation":24,"test":24},
                 "network":{"layers":"4 → 64 → 3","parameters":515},"notes":["Column 'x' is left out."],
                 "test":{"accuracy":0.9,"macro_precision":0.91,"macro_recall":0.9,"macro_f1":0.9,
                   "classes":["<b>a</b>","b"],"confusion":[[9,1],[1,9]],
                   "per_class":[{"class":"<b>a</b>","precision":0.9,"recall":0.9,"f1":0.9,"support":10},
                                {"class":"b","precision":0.9,"recall":0.9,"f1":0.9,"support":10}]},
                 "history":[{"epoch":1,"train_loss":1.0,"val_loss":1.1,"train_accuracy":0.5,"val_accuracy":0.4},
                            {"epoch":2,"train_loss":0.5,"val_loss":0.6,"train_accuracy":0.8,"val_accuracy":0.7},
                            {"epoch":3,"train_loss":0.2,"val_loss":null,"train_accuracy":0.95,"val_accuracy":null}]}
                """);
    }

    @Test
    void holdsSettingsCurvesMetricsAndTheConfusionMatrix() throws Exception {
        String html = HtmlReport.of(report(), "Iris run");

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>Iris run</title>")
                .contains("4 → 64 → 3").contains("515").contains("102 for training")
                .contains("Column 'x' is left out.").contains("0.900").contains("Confusion matrix")
                .contains("<svg").contains("Loss per epoch").contains("Accuracy per epoch").contains("<polyline")
                .endsWith("</html>\n");
        // Three epochs of training loss, two of validation loss (the third is missing): two polylines per chart.
        assertThat(html.split("<polyline", -1)).hasSize(5);
    }

    @Test
    void escapesEverythingTakenFromTheData() throws Exception {
        String html = HtmlReport.of(report(), "<script>alert(1)</script>");

        assertThat(html).doesNotContain("<b>a</b>").contains("&lt;b&gt;a&lt;/b&gt;")
                .doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void aRegressionReportShowsErrorMetricsAndPredictedAgainstActualInsteadOfAConfusionMatrix() throws Exception {
        ObjectNode report = (ObjectNode) new ObjectMapper().readTree("""
                {"task":"regression","layerlab_version":"dev","created":"2026-11-27T10:00:00Z",
                 "data":"/x/diabetes.csv","label":"progression","backend":"CPU (test)","outcome":"completed",
                 "epochs":2,"train_samples_per_second":900,"samples":{"train":300,"validation":66,"test":76},
                 "network":{"layers":"10 → 32 → 1","parameters":385},
                 "test":{"mae":43.21,"rmse":55.5,"r2":0.456,"count":3,
                         "points":[[151.0,140.5],[75.0,98.25],[206.0,190.0]]},
                 "history":[{"epoch":1,"train_loss":900,"val_loss":950,"train_mae":60.5,"val_mae":62.5},
                            {"epoch":2,"train_loss":700,"val_loss":720,"train_mae":45.5,"val_mae":47.5}]}
                """);

        String html = HtmlReport.of(report, "Diabetes run");

        assertThat(html).contains("Mean absolute error per epoch").doesNotContain("Accuracy per epoch")
                .contains("<div class=\"big\">43.210</div>Mean absolute error")
                .contains("<div class=\"big\">55.500</div>Root mean squared error")
                .contains("<div class=\"big\">0.456</div>R²")
                .contains("Predicted against actual progression").doesNotContain("Confusion matrix")
                .endsWith("</html>\n");
        assertThat(html.split("<circle", -1)).hasSize(4);
    }
}
