package org.losslandscape.pipeline.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.losslandscape.pipeline.io.AtomicFiles;
import org.losslandscape.pipeline.io.JsonMappers;
import org.losslandscape.pipeline.io.Printable;
import org.losslandscape.pipeline.io.ResultsException;
import org.losslandscape.pipeline.measures.MeasureSections;

/**
 * JSON result files: records written with snake_case names, pretty-printed and atomically; read
 * back as trees or records.
 *
 * <p>Null record fields are left out (they mark what a file of that kind does not have). A number
 * that is not finite cannot be written as JSON: it is written as {@code null}, and a field {@code
 * <name>_reason} next to it says which value it was ({@code not_a_number}, {@code
 * positive_infinity}, {@code negative_infinity}). Arrays of numbers write such elements as {@code
 * null} and add one {@code <name>_reason} naming the kinds found.
 */
public final class Json {

  /** Reason for NaN. */
  public static final String NOT_A_NUMBER = "not_a_number";

  /** Reason for +infinity. */
  public static final String POSITIVE_INFINITY = "positive_infinity";

  /** Reason for -infinity. */
  public static final String NEGATIVE_INFINITY = "negative_infinity";

  private static final ObjectMapper MAPPER =
      JsonMappers.files()
          .setDefaultPropertyInclusion(
              JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .registerModule(new SimpleModule().setSerializerModifier(new NonFiniteNumbers()))
          .registerModule(MeasureSections.module());

  /**
   * JSON files here describe models and runs (kilobytes); a bigger one is not one of ours, and
   * reading it whole could exhaust the heap.
   */
  static final long MAX_READ_BYTES = 16L << 20;

  private Json() {}

  /** {@code value} as JSON text (records, lists, maps, numbers), ending with a newline. */
  public static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }

  /** Writes {@code value} as JSON to {@code target}, atomically. */
  public static void write(Path target, Object value) {
    AtomicFiles.write(target, text(value).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads {@code file} as a JSON tree; a missing, oversized or malformed file is a one-line {@link
   * ResultsException}.
   */
  public static JsonNode read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ResultsException("missing file " + file);
    }
    try {
      long size = Files.size(file);
      if (size > MAX_READ_BYTES) {
        throw new ResultsException(
            "cannot parse "
                + file
                + ": it is "
                + size
                + " bytes, more than the "
                + (MAX_READ_BYTES >> 20)
                + " MiB a description file of this tool can be");
      }
      return MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new ResultsException(
          notValidJson(file, e) + "; the file is damaged or cut short: write it again", e);
    } catch (IOException e) {
      throw new ResultsException(cannotRead(file, e), e);
    }
  }

  /**
   * {@code "cannot parse <file>: not valid JSON at line L, column C (<what Jackson found>)"}, one
   * line. Jackson's own message quotes the offending text over several lines; a user needs where
   * the file stops being JSON.
   */
  public static String notValidJson(Path file, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    String detail = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    return Printable.oneLine(
        "cannot parse "
            + file
            + ": not valid JSON"
            + where
            + " ("
            + detail.lines().findFirst().orElse("")
            + ")");
  }

  /** {@code "cannot read <file>: <first line of the reason>"}, one line. */
  public static String cannotRead(Path file, IOException e) {
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return Printable.oneLine("cannot read " + file + ": " + detail.lines().findFirst().orElse(""));
  }

  /**
   * Reads {@code file} as a {@code type}; a missing or malformed file is a one-line error. The
   * inverse of {@link #write}: a {@code null} with a {@code <name>_reason} next to it is read back
   * as the non-finite value the reason names (never as 0), see {@link #restoreNonFinite}.
   */
  public static <T> T read(Path file, Class<T> type) {
    JsonNode tree = restoreNonFinite(read(file));
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (IOException | IllegalArgumentException e) {
      throw new ResultsException(
          Printable.oneLine(
              "cannot read "
                  + file
                  + " as "
                  + type.getSimpleName()
                  + ": "
                  + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
    }
  }

  /**
   * Puts back, in place, the non-finite numbers that {@link #write} replaced by {@code null} plus a
   * {@code <name>_reason}: a null field becomes the value its reason names, and the null elements
   * of an array get the value of the reason when it names one kind (NaN when it lists several,
   * since the file does not say which element was which); a map's null values get theirs from the
   * sibling map {@code <name>_reasons}. Returns {@code tree}.
   */
  static JsonNode restoreNonFinite(JsonNode tree) {
    if (tree instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode reason = object.get(name + "_reason");
        JsonNode value = object.get(name);
        if (reason != null && namesNonFiniteKinds(reason.asText())) {
          double restored = fromReason(reason.asText());
          if (value.isNull()) {
            object.put(name, restored);
          } else if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
              if (array.get(i).isNull()) {
                array.set(i, DoubleNode.valueOf(restored));
              }
            }
          }
        }
        restoreMapValues(object, name);
        restoreNonFinite(object.get(name));
      }
    } else if (tree instanceof ArrayNode array) {
      array.forEach(Json::restoreNonFinite);
    }
    return tree;
  }

  /**
   * A map of numbers is written with its non-finite values as null and a sibling map {@code
   * <name>_reasons} giving each one's reason (e.g. {@code slice} and {@code slice_reasons} in
   * summary.json); puts those values back.
   */
  private static void restoreMapValues(ObjectNode object, String name) {
    JsonNode values = object.get(name);
    JsonNode reasons = object.get(name + "_reasons");
    if (values instanceof ObjectNode map && reasons instanceof ObjectNode reasonMap) {
      reasonMap
          .fields()
          .forEachRemaining(
              e -> {
                JsonNode v = map.get(e.getKey());
                if (v != null && v.isNull() && namesNonFiniteKinds(e.getValue().asText())) {
                  map.put(e.getKey(), fromReason(e.getValue().asText()));
                }
              });
    }
  }

  /**
   * True for a reason this class writes: one kind, or several joined by commas. Other {@code
   * _reason} fields (e.g. {@code device_reason}) are prose about a field that is not a number.
   */
  private static boolean namesNonFiniteKinds(String reason) {
    Set<String> kinds = Set.of(NOT_A_NUMBER, POSITIVE_INFINITY, NEGATIVE_INFINITY);
    return !reason.isEmpty() && Arrays.stream(reason.split(",")).allMatch(kinds::contains);
  }

  /** The value a reason names; NaN for a list of several kinds. */
  private static double fromReason(String reason) {
    return switch (reason) {
      case POSITIVE_INFINITY -> Double.POSITIVE_INFINITY;
      case NEGATIVE_INFINITY -> Double.NEGATIVE_INFINITY;
      default -> Double.NaN;
    };
  }

  /** The reason written next to a non-finite {@code value}. */
  public static String reason(double value) {
    if (Double.isNaN(value)) {
      return NOT_A_NUMBER;
    }
    return value > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY;
  }

  /** Wraps every number-valued property so that non-finite values become null plus a reason. */
  private static final class NonFiniteNumbers extends BeanSerializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public List<BeanPropertyWriter> changeProperties(
        SerializationConfig config, BeanDescription description, List<BeanPropertyWriter> props) {
      List<BeanPropertyWriter> out = new ArrayList<>(props.size());
      for (BeanPropertyWriter p : props) {
        Class<?> type = p.getType().getRawClass();
        boolean number =
            type == double.class
                || type == Double.class
                || type == float.class
                || type == Float.class;
        boolean array = type == double[].class || type == float[].class;
        out.add(number || array ? new NonFiniteAware(p, array) : p);
      }
      return out;
    }
  }

  /** A property writer that writes non-finite numbers as null and adds the reason. */
  private static final class NonFiniteAware extends BeanPropertyWriter {
    private static final long serialVersionUID = 1L;
    private final boolean array;

    NonFiniteAware(BeanPropertyWriter base, boolean array) {
      super(base);
      this.array = array;
    }

    @Override
    public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider provider)
        throws Exception {
      Object value = get(bean);
      if (value instanceof Number n && !Double.isFinite(n.doubleValue())) {
        gen.writeNullField(getName());
        gen.writeStringField(getName() + "_reason", reason(n.doubleValue()));
      } else if (array && value != null && hasNonFinite(value)) {
        gen.writeArrayFieldStart(getName());
        Set<String> reasons = new LinkedHashSet<>();
        for (double v : doubles(value)) {
          if (Double.isFinite(v)) {
            gen.writeNumber(v);
          } else {
            gen.writeNull();
            reasons.add(reason(v));
          }
        }
        gen.writeEndArray();
        gen.writeStringField(getName() + "_reason", String.join(",", reasons));
      } else {
        super.serializeAsField(bean, gen, provider);
      }
    }

    private static boolean hasNonFinite(Object array) {
      for (double v : doubles(array)) {
        if (!Double.isFinite(v)) {
          return true;
        }
      }
      return false;
    }

    private static double[] doubles(Object array) {
      if (array instanceof double[] d) {
        return d;
      }
      float[] f = (float[]) array;
      double[] d = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        d[i] = f[i];
      }
      return d;
    }
  }
}
