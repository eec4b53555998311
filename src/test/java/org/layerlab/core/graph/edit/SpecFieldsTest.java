package org.layerlab.core.graph.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.layerlab.core.graph.Activation;
import org.layerlab.core.graph.ConvolutionSpec;
import org.layerlab.core.graph.DenseSpec;
import org.layerlab.core.graph.DropoutSpec;
import org.layerlab.core.graph.InputSpec;
import org.layerlab.core.graph.LayerKind;
import org.layerlab.core.graph.LayerSpec;
import org.layerlab.core.graph.Padding;
import org.layerlab.core.graph.PoolType;
import org.layerlab.core.graph.PoolingSpec;
import org.layerlab.core.graph.TensorShape;

class SpecFieldsTest {

    @ParameterizedTest
    @EnumSource(LayerKind.class)
    void everySettingOfEveryKindHasALabelAnExplanationAndItsCurrentValue(LayerKind kind) {
        LayerSpec spec = kind.defaultSpec();
        for (SpecField field : SpecFields.of(spec)) {
            assertThat(field.label()).isNotBlank();
            assertThat(field.help()).as(kind + "." + field.component()).isNotBlank();
            Object value = SpecFields.value(spec, field);
            if (field.type() != SpecField.Type.SHAPE) {
                assertThat(SpecFields.with(spec, field, value)).isEqualTo(spec);
            }
        }
    }

    @Test
    void denseHasUnitsActivationWeightInitAndPenalties() {
        assertThat(SpecFields.of(new DenseSpec(8, Activation.RELU))).extracting(SpecField::component)
                .containsExactly("units", "activation", "weightInit", "l1", "l2");
        assertThat(SpecFields.of(new DenseSpec(8, Activation.RELU)).get(1).choices())
                .isEqualTo(Arrays.asList(Activation.values()));
    }

    @Test
    void changingOneSettingKeepsTheOthers() {
        ConvolutionSpec conv = new ConvolutionSpec(16, 3, Padding.SAME, Activation.RELU);
        SpecField stride = field(conv, "strideWidth");
        assertThat(SpecFields.with(conv, stride, 2)).isEqualTo(
                new ConvolutionSpec(16, 3, 3, 1, 2, Padding.SAME, Activation.RELU, conv.weightInit(), 0, 0));
    }

    @Test
    void changingThePoolTypeChangesTheKind() {
        PoolingSpec pool = new PoolingSpec(PoolType.MAX, 2);
        assertThat(SpecFields.with(pool, field(pool, "type"), PoolType.AVERAGE).kind())
                .isEqualTo(LayerKind.AVERAGE_POOLING);
    }

    @Test
    void aValueTheSpecRefusesComesBackWithTheSpecsMessage() {
        DropoutSpec dropout = new DropoutSpec(0.5);
        assertThatThrownBy(() -> SpecFields.with(dropout, field(dropout, "rate"), 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share of values dropped");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"1×8×8; 1×8×8", "1x28X28; 1×28×28", "64; 64", "10 x 8; 10×8", " ; "})
    void readsShapesAsUsersWriteThem(String text, String formatted) {
        TensorShape shape = SpecFields.parseShape(text);
        assertThat(SpecFields.formatShape(shape)).isEqualTo(formatted == null ? "" : formatted);
    }

    @Test
    void theInputReshapeIsEditedAsText() {
        InputSpec input = InputSpec.asData();
        assertThat(SpecFields.with(input, field(input, "reshape"), "1×8×8"))
                .isEqualTo(new InputSpec(new TensorShape.Image(1, 8, 8)));
        assertThatThrownBy(() -> SpecFields.with(input, field(input, "reshape"), "eight"))
                .hasMessageContaining("numbers separated by ×");
    }

    private static SpecField field(LayerSpec spec, String name) {
        return SpecFields.of(spec).stream().filter(f -> f.component().equals(name)).findFirst().orElseThrow();
    }
}
