package org.losslandscape.pipeline.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.losslandscape.pipeline.summary.SharpnessSummary;

/**
 * Reading a record is the inverse of writing it: a number written as {@code null} plus {@code
 * <name>_reason} comes back as the same non-finite value, never as 0 (Jackson's default for a null
 * primitive), and prose fields that happen to end in {@code _reason} are left alone.
 */
class JsonNonFiniteRoundTripTest {

  /** A nested record, to check that restoring walks the whole tree. */
  record Inner(double value, double[] values) {}

  /** Every kind of number field {@link Json} handles. */
  record Probe(double plain, Double boxed, double[] array, Inner inner) {}

  /** A text field with a prose {@code _reason} sibling, like summary.json's device. */
  record Prose(String device, String deviceReason, Double missing) {}

  @Provide
  Arbitrary<Double> anyDouble() {
    return Arbitraries.oneOf(
        Arbitraries.doubles(),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0));
  }

  @Provide
  Arbitrary<double[]> oneKindArrays() {
    // One non-finite kind per array: a file that lists one reason says exactly what each null was.
    return Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)
        .flatMap(
            kind ->
                Arbitraries.oneOf(Arbitraries.doubles().between(-1e6, 1e6), Arbitraries.just(kind))
                    .array(double[].class)
                    .ofMaxSize(6));
  }

  @Property(tries = 200)
  void everyNumberComesBackAsWritten(
      @ForAll("anyDouble") double plain,
      @ForAll("anyDouble") double boxed,
      @ForAll("oneKindArrays") double[] array,
      @ForAll("anyDouble") double inner,
      @ForAll("oneKindArrays") double[] innerArray)
      throws IOException {
    Probe written = new Probe(plain, boxed, array, new Inner(inner, innerArray));
    Probe read = roundTrip(written, Probe.class);
    // Boxed and array comparisons use Double.equals, under which NaN equals NaN.
    assertThat(Double.valueOf(read.plain())).isEqualTo(Double.valueOf(plain));
    assertThat(read.boxed()).isEqualTo(Double.valueOf(boxed));
    assertThat(Arrays.equals(read.array(), array)).as(Arrays.toString(read.array())).isTrue();
    assertThat(Double.valueOf(read.inner().value())).isEqualTo(Double.valueOf(inner));
    assertThat(Arrays.equals(read.inner().values(), innerArray)).isTrue();
  }

  @Example
  void anArrayWithSeveralKindsReadsItsNullsAsNotANumber() throws IOException {
    double[] mixed = {1.5, Double.POSITIVE_INFINITY, Double.NaN};
    Probe read = roundTrip(new Probe(0, 0.0, mixed, new Inner(0, new double[0])), Probe.class);
    // The file says "positive_infinity,not_a_number" without saying which element was which.
    assertThat(read.array()[0]).isEqualTo(1.5);
    assertThat(read.array()[1]).isNaN();
    assertThat(read.array()[2]).isNaN();
  }

  @Example
  void aMapOfNumbersGetsItsValuesBackFromTheSiblingReasonsMap() throws IOException {
    Map<String, Double> slice = new LinkedHashMap<>();
    slice.put("0.5", 0.25);
    slice.put("1.0", null);
    SharpnessSummary written =
        new SharpnessSummary(slice, Map.of("1.0", Json.POSITIVE_INFINITY), Map.of());
    SharpnessSummary read = roundTrip(written, SharpnessSummary.class);
    assertThat(read.slice()).containsEntry("0.5", 0.25);
    assertThat(read.slice().get("1.0")).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Example
  void proseReasonsAndPlainNullsAreLeftAlone() throws IOException {
    Path file = Files.createTempFile("prose", ".json");
    try {
      Files.writeString(
          file,
          "{\"device\": \"cpu\", \"device_reason\": \"no GPU natives\","
              + " \"missing\": null, \"missing_reason\": \"not measured\"}");
      Prose read = Json.read(file, Prose.class);
      assertThat(read).isEqualTo(new Prose("cpu", "no GPU natives", null));
    } finally {
      Files.delete(file);
    }
  }

  @Example
  void theTreeReaderStillShowsWhatTheFileHolds() throws IOException {
    Path file = Files.createTempFile("tree", ".json");
    try {
      Json.write(file, new Probe(Double.NaN, 1.0, new double[0], new Inner(0, new double[0])));
      JsonNode tree = Json.read(file);
      assertThat(tree.get("plain").isNull()).isTrue();
      assertThat(tree.get("plain_reason").asText()).isEqualTo(Json.NOT_A_NUMBER);
    } finally {
      Files.delete(file);
    }
  }

  private static <T> T roundTrip(T value, Class<T> type) throws IOException {
    Path file = Files.createTempFile("round-trip", ".json");
    try {
      Json.write(file, value);
      return Json.read(file, type);
    } finally {
      Files.delete(file);
    }
  }
}
