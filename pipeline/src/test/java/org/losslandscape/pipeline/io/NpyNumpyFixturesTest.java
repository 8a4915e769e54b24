package org.losslandscape.pipeline.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads every file that real numpy wrote in {@code resources/.../io/numpy/} and compares with what
 * numpy itself computed: {@code astype(np.float32)} in C order, bit for bit, and the int32 values
 * where they fit. The files and {@code expected.json} come from {@code
 * src/test/python/make_fixtures.py} (numpy 2.4); numpy is the independent reference for byte order,
 * Fortran order, float16, float64 rounding and 64-bit integer rounding.
 */
class NpyNumpyFixturesTest {

  private static final Path FOLDER = resource("numpy");

  static Stream<JsonNode> readable() throws IOException {
    return entries().stream().filter(entry -> !entry.has("refused"));
  }

  static Stream<JsonNode> refused() throws IOException {
    return entries().stream().filter(entry -> entry.has("refused"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readable")
  void readFloat32GivesNumpysFloat32ConversionInCOrder(JsonNode entry) {
    Path file = FOLDER.resolve(entry.get("file").asText());

    NpyArray.Float32 array = Npy.readFloat32(file);

    assertThat(array.shape()).containsExactly(ints(entry.get("shape")));
    assertThat(bits(array.data())).containsExactly(ints(entry.get("float32_bits")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readable")
  void readKeepsFloatsAsFloat32AndIntegersAsInt32WhereTheyFit(JsonNode entry) {
    Path file = FOLDER.resolve(entry.get("file").asText());

    if (!entry.has("int32")) {
      assertThat(bits(Npy.read(file).asFloat32().data()))
          .containsExactly(ints(entry.get("float32_bits")));
    } else if (entry.get("int32").isNull()) {
      assertThatThrownBy(() -> Npy.read(file))
          .isInstanceOf(ResultsException.class)
          .hasMessageStartingWith("Cannot read " + file + " as a .npy array: its ")
          .hasMessageContaining("does not fit in int32")
          .hasMessageNotContaining("\n");
    } else {
      NpyArray.Int32 array = Npy.read(file).asInt32();
      assertThat(array.shape()).containsExactly(ints(entry.get("shape")));
      assertThat(array.data()).containsExactly(ints(entry.get("int32")));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void dtypesThatCannotBeWeightsAreRefusedInOneLineNamingFileAndType(JsonNode entry) {
    Path file = FOLDER.resolve(entry.get("file").asText());

    for (Runnable reader : List.<Runnable>of(() -> Npy.read(file), () -> Npy.readFloat32(file))) {
      assertThatThrownBy(reader::run)
          .isInstanceOf(ResultsException.class)
          .hasMessageStartingWith("Cannot read " + file + " as a .npy array: its ")
          .hasMessageContaining(entry.get("refused").asText())
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void theFixturesCoverEveryDtypeLayoutAndVersion() throws IOException {
    List<String> names = entries().stream().map(entry -> entry.get("file").asText()).toList();

    for (String dtype : List.of("f2", "f4", "f8", "i1", "i2", "i4", "i8", "u1", "u2", "u4")) {
      assertThat(names).anyMatch(name -> name.contains(dtype + "-3d-fortran"));
      assertThat(names).anyMatch(name -> name.contains(dtype + "-0d-c"));
    }
    assertThat(names).contains("be-u8-2d-fortran.npy", "v20-be-f8-3d.npy", "v30-le-f4-2d.npy");
    assertThat(refused().count()).isEqualTo(11);
  }

  /** The headline case: a transposed matrix saved by np.save, as PyTorch weights are. */
  @Test
  void fortranAndCFilesOfTheSameMatrixDifferInBytesButReadAsTheSameArray() throws IOException {
    Path fortranFile = FOLDER.resolve("le-f4-2d-fortran.npy");
    Path cFile = FOLDER.resolve("le-f4-2d-c.npy");

    // Both files were written from one array; only the order of the data bytes differs.
    assertThat(Files.readAllBytes(fortranFile)).isNotEqualTo(Files.readAllBytes(cFile));
    assertThat(Npy.readFloat32(fortranFile)).isEqualTo(Npy.readFloat32(cFile));
    assertThat(Npy.readFloat32(fortranFile).shape()).containsExactly(3, 4);
  }

  @Test
  void float64RoundsToTheNearestFloat32TiesToEvenAndOverflowsToInfinity() {
    float[] values = Npy.readFloat32(FOLDER.resolve("rounding-f8.npy")).data();

    assertThat(values[0]).isEqualTo(0.1f);
    assertThat(values[1]).isEqualTo(1f / 3);
    assertThat(values[2]).as("1 + 2^-24 is a tie: to even").isEqualTo(1f);
    assertThat(values[3]).as("1 + 3 * 2^-24 is a tie: to even").isEqualTo(1f + 0x1p-22f);
    assertThat(values[4]).as("just above a tie: up").isEqualTo(1f + 0x1p-23f);
    assertThat(values[5]).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(values[6]).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(values[7]).isEqualTo(Float.MAX_VALUE);
    assertThat(values[9]).isEqualTo(Float.MIN_VALUE);
    assertThat(values[11]).isZero();
  }

  private static List<JsonNode> entries() {
    try {
      List<JsonNode> out = new ArrayList<>();
      new ObjectMapper().readTree(FOLDER.resolve("expected.json").toFile()).forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path resource(String name) {
    try {
      return Path.of(NpyNumpyFixturesTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      // Bits above 2^31 are written as unsigned numbers; the int keeps the same 32 bits.
      out[i] = (int) array.get(i).asLong();
    }
    return out;
  }

  private static int[] bits(float[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Float.floatToRawIntBits(values[i]);
    }
    return out;
  }
}
