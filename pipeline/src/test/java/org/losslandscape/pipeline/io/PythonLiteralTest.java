package org.losslandscape.pipeline.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The header literal parser, on what numpy and hand-written headers contain. */
class PythonLiteralTest {

  private static final PythonLiteral.Str F4 = new PythonLiteral.Str("<f4");

  @Test
  void parsesTheHeaderNumpyWrites() {
    PythonLiteral.Value value =
        PythonLiteral.parse(
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }          \n");

    assertThat(value)
        .isEqualTo(
            new PythonLiteral.Dict(
                Map.of(
                    "descr", F4,
                    "fortran_order", new PythonLiteral.Bool(false),
                    "shape", new PythonLiteral.Tuple(List.of(integer(2), integer(3))))));
    assertThat(((PythonLiteral.Dict) value).entries().keySet())
        .containsExactly("descr", "fortran_order", "shape");
  }

  @Test
  void tuplesFollowPythonParenthesesRules() {
    assertThat(PythonLiteral.parse("()")).isEqualTo(new PythonLiteral.Tuple(List.of()));
    assertThat(PythonLiteral.parse("(5,)")).isEqualTo(new PythonLiteral.Tuple(List.of(integer(5))));
    assertThat(PythonLiteral.parse("(5)")).as("no comma: just 5").isEqualTo(integer(5));
    assertThat(PythonLiteral.parse("( 1 ,2,\n 3 , )"))
        .isEqualTo(new PythonLiteral.Tuple(List.of(integer(1), integer(2), integer(3))));
  }

  @Test
  void structuredDescrIsAListOfTuples() {
    assertThat(PythonLiteral.parse("[('a', '<f4'), ('b', '<i4', (2,))]"))
        .isEqualTo(
            new PythonLiteral.PyList(
                List.of(
                    new PythonLiteral.Tuple(List.of(new PythonLiteral.Str("a"), F4)),
                    new PythonLiteral.Tuple(
                        List.of(
                            new PythonLiteral.Str("b"),
                            new PythonLiteral.Str("<i4"),
                            new PythonLiteral.Tuple(List.of(integer(2))))))));
  }

  @Test
  void stringsTakeEitherQuoteAndResolveEscapes() {
    assertThat(PythonLiteral.parse("\"<f4\"")).isEqualTo(F4);
    assertThat(PythonLiteral.parse("'it\\'s \\x41\\u00e9\\\\ \\q'"))
        .isEqualTo(new PythonLiteral.Str("it's A\u00e9\\ \\q"));
  }

  @Test
  void integersMayBeSignedHugeOrUseUnderscores() {
    assertThat(PythonLiteral.parse("-  12")).isEqualTo(integer(-12));
    assertThat(PythonLiteral.parse("+1_000")).isEqualTo(integer(1000));
    assertThat(PythonLiteral.parse("123456789012345678901234567890"))
        .isEqualTo(new PythonLiteral.Int(new BigInteger("123456789012345678901234567890")));
    assertThat(PythonLiteral.parse("None")).isEqualTo(new PythonLiteral.None());
  }

  @Test
  void malformedLiteralsFailWithOneLinePositionedMessages() {
    assertThat(error("{'a': 1")).isEqualTo("expected ',' or '}' in a dict at character 7");
    assertThat(error("{1: 2}")).isEqualTo("dict keys must be strings, found int at character 1");
    assertThat(error("{'a': 1, 'a': 2}")).isEqualTo("key 'a' appears twice at character 9");
    assertThat(error("'open\n'")).isEqualTo("a string is not closed on its line at character 6");
    assertThat(error("1.5")).isEqualTo("only whole numbers are allowed here at character 0");
    assertThat(error("true")).startsWith("'true' is not a literal");
    assertThat(error("(1, 2) x")).isEqualTo("unexpected text after the literal at character 7");
    assertThat(error("")).isEqualTo("the text ends where a value should start at character 0");
    assertThat(error("\u0000")).isEqualTo("unexpected character U+0000 at character 0");
    assertThat(error("1".repeat(41))).isEqualTo("a number has more than 40 digits at character 0");
  }

  @Test
  void nestingIsCappedSoThatAHostileHeaderCannotExhaustTheStack() {
    String deep = "(".repeat(10_000) + ")".repeat(10_000);

    assertThat(error(deep)).startsWith("nested deeper than 32 levels");
    assertThat(PythonLiteral.parse("[".repeat(32) + "]".repeat(32)))
        .isInstanceOf(PythonLiteral.PyList.class);
  }

  /**
   * A parser that re-reads a parenthesized value after finding the comma behind it takes 2^depth
   * steps on this input; the timeout (on a separate thread, so that it can fire while the parser
   * spins) turns such a regression into a failure instead of a hang.
   */
  @Test
  @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void nestedOneElementTuplesParseInOnePass() {
    String text = "(".repeat(31) + "1" + ",)".repeat(31);

    PythonLiteral.Value value = PythonLiteral.parse(text);

    for (int level = 0; level < 31; level++) {
      assertThat(value).isInstanceOf(PythonLiteral.Tuple.class);
      value = ((PythonLiteral.Tuple) value).items().get(0);
    }
    assertThat(value).isEqualTo(integer(1));
  }

  private static PythonLiteral.Int integer(long value) {
    return new PythonLiteral.Int(BigInteger.valueOf(value));
  }

  private static String error(String text) {
    try {
      PythonLiteral.parse(text);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).doesNotContain("\n");
      return e.getMessage();
    }
    throw new AssertionError("parsed: " + text);
  }
}
