package org.losslandscape.pipeline.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small subset of Python literals that a {@code .npy} header is written in, parsed the way
 * Python's {@code ast.literal_eval} (which numpy uses) reads them: dicts, tuples, lists, strings,
 * integers, {@code True}, {@code False} and {@code None}.
 *
 * <p>numpy itself only writes {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }},
 * but headers written by hand or by other tools vary in spacing, quoting and key order, and a
 * structured dtype's {@code descr} is a list of tuples. Parsing the literal properly (instead of
 * matching regular expressions) lets the reader name exactly what it found.
 *
 * <p>The header comes from a user's file, so nesting is capped ({@link #MAX_DEPTH}) to keep a
 * hostile header from exhausting the stack; every syntax error is an {@link
 * IllegalArgumentException} with a one-line message.
 */
final class PythonLiteral {

  /** Deeper nesting than any real header needs; {@code ast.literal_eval} allows about 100. */
  static final int MAX_DEPTH = 32;

  /**
   * Longer numbers cannot be array dimensions, and parsing a huge digit string takes quadratic
   * time; Python itself refuses integer literals beyond 4300 digits.
   */
  static final int MAX_DIGITS = 40;

  /** A parsed Python value. */
  sealed interface Value permits Str, Int, Bool, None, Tuple, PyList, Dict {

    /** The Python type name, for messages ("a dict", "a str"). */
    String typeName();
  }

  /** A {@code str} literal, escapes resolved. */
  record Str(String value) implements Value {
    @Override
    public String typeName() {
      return "str";
    }
  }

  /** An {@code int} literal of any size. */
  record Int(BigInteger value) implements Value {
    @Override
    public String typeName() {
      return "int";
    }
  }

  /** {@code True} or {@code False}. */
  record Bool(boolean value) implements Value {
    @Override
    public String typeName() {
      return "bool";
    }
  }

  /** {@code None}. */
  record None() implements Value {
    @Override
    public String typeName() {
      return "NoneType";
    }
  }

  /** A tuple, {@code ()}, {@code (5,)} or {@code (2, 3)}. */
  record Tuple(List<Value> items) implements Value {
    Tuple {
      items = List.copyOf(items);
    }

    @Override
    public String typeName() {
      return "tuple";
    }
  }

  /** A list, {@code [...]}. */
  record PyList(List<Value> items) implements Value {
    PyList {
      items = List.copyOf(items);
    }

    @Override
    public String typeName() {
      return "list";
    }
  }

  /** A dict with string keys, in the order written. */
  record Dict(Map<String, Value> entries) implements Value {
    Dict {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String typeName() {
      return "dict";
    }
  }

  private final String text;
  private int position;

  private PythonLiteral(String text) {
    this.text = text;
  }

  /**
   * Parses {@code text} as exactly one literal, surrounded by optional whitespace.
   *
   * @throws IllegalArgumentException with a one-line message if it is not such a literal
   */
  static Value parse(String text) {
    PythonLiteral parser = new PythonLiteral(text);
    Value value = parser.value(0);
    parser.skipWhitespace();
    if (parser.position != text.length()) {
      throw parser.error("unexpected text after the literal");
    }
    return value;
  }

  private Value value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH + " levels");
    }
    skipWhitespace();
    if (position >= text.length()) {
      throw error("the text ends where a value should start");
    }
    char c = text.charAt(position);
    return switch (c) {
      case '{' -> dict(depth);
      case '(' -> parenthesized(depth);
      case '[' -> new PyList(sequence(']', depth));
      case '\'', '"' -> string();
      default -> {
        if (c == '-' || c == '+' || isDigit(c)) {
          yield integer();
        }
        if (Character.isLetter(c) || c == '_') {
          yield keyword();
        }
        throw error("unexpected character " + printable(c));
      }
    };
  }

  private Dict dict(int depth) {
    position++; // '{'
    Map<String, Value> entries = new LinkedHashMap<>();
    while (true) {
      skipWhitespace();
      if (consume('}')) {
        return new Dict(entries);
      }
      int keyStart = position;
      Value key = value(depth + 1);
      if (!(key instanceof Str name)) {
        position = keyStart;
        throw error("dict keys must be strings, found " + key.typeName());
      }
      if (entries.containsKey(name.value())) {
        position = keyStart;
        throw error("key '" + shorten(name.value()) + "' appears twice");
      }
      skipWhitespace();
      if (!consume(':')) {
        throw error("expected ':' after key '" + shorten(name.value()) + "'");
      }
      entries.put(name.value(), value(depth + 1));
      skipWhitespace();
      if (consume('}')) {
        return new Dict(entries);
      }
      if (!consume(',')) {
        throw error("expected ',' or '}' in a dict");
      }
    }
  }

  /** {@code (x)} is just x in Python; only a comma (or nothing) makes a tuple. */
  private Value parenthesized(int depth) {
    position++; // '('
    skipWhitespace();
    if (consume(')')) {
      return new Tuple(List.of());
    }
    Value first = value(depth + 1);
    skipWhitespace();
    if (consume(')')) {
      return first;
    }
    if (!consume(',')) {
      throw error("expected ',' or ')'");
    }
    // Continue the same pass (never re-parse: that would be exponential in the nesting depth).
    List<Value> items = new ArrayList<>();
    items.add(first);
    return new Tuple(rest(items, ')', depth));
  }

  /** Comma-separated values up to {@code close}, a trailing comma allowed; at the opening char. */
  private List<Value> sequence(char close, int depth) {
    position++; // opening bracket
    return rest(new ArrayList<>(), close, depth);
  }

  /** The remaining items of a sequence, after an opening bracket or a comma. */
  private List<Value> rest(List<Value> items, char close, int depth) {
    while (true) {
      skipWhitespace();
      if (consume(close)) {
        return items;
      }
      items.add(value(depth + 1));
      skipWhitespace();
      if (consume(close)) {
        return items;
      }
      if (!consume(',')) {
        throw error("expected ',' or '" + close + "'");
      }
    }
  }

  private Str string() {
    char quote = text.charAt(position++);
    StringBuilder out = new StringBuilder();
    while (position < text.length()) {
      char c = text.charAt(position++);
      if (c == quote) {
        return new Str(out.toString());
      }
      if (c == '\n') {
        break;
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (position >= text.length()) {
        break;
      }
      char escaped = text.charAt(position++);
      switch (escaped) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case '0' -> out.append('\0');
        case 'x' -> out.append((char) hexDigits(2));
        case 'u' -> out.append((char) hexDigits(4));
        case '\\', '\'', '"' -> out.append(escaped);
        // Python keeps unknown escapes as written, backslash included.
        default -> out.append('\\').append(escaped);
      }
    }
    throw error("a string is not closed on its line");
  }

  private int hexDigits(int count) {
    if (position + count > text.length()) {
      throw error("a \\x or \\u escape is cut short");
    }
    int value = 0;
    for (int i = 0; i < count; i++) {
      int digit = Character.digit(text.charAt(position++), 16);
      if (digit < 0) {
        throw error("a \\x or \\u escape has a non-hex digit");
      }
      value = value * 16 + digit;
    }
    return value;
  }

  private Int integer() {
    int start = position;
    if (text.charAt(position) == '-' || text.charAt(position) == '+') {
      position++;
      skipWhitespace(); // Python's unary minus may be followed by spaces: - 5
    }
    int digitsStart = position;
    while (position < text.length()
        && (isDigit(text.charAt(position)) || text.charAt(position) == '_')) {
      position++;
    }
    String digits = text.substring(digitsStart, position).replace("_", "");
    if (digits.isEmpty() || !isDigit(text.charAt(digitsStart))) {
      position = start;
      throw error("a number has no digits");
    }
    if (position < text.length()
        && (text.charAt(position) == '.' || Character.isLetter(text.charAt(position)))) {
      position = start;
      throw error("only whole numbers are allowed here");
    }
    if (digits.length() > MAX_DIGITS) {
      position = start;
      throw error("a number has more than " + MAX_DIGITS + " digits");
    }
    BigInteger magnitude = new BigInteger(digits);
    return new Int(text.charAt(start) == '-' ? magnitude.negate() : magnitude);
  }

  private Value keyword() {
    int start = position;
    while (position < text.length()
        && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
      position++;
    }
    String word = text.substring(start, position);
    return switch (word) {
      case "True" -> new Bool(true);
      case "False" -> new Bool(false);
      case "None" -> new None();
      default -> {
        position = start;
        throw error("'" + shorten(word) + "' is not a literal (expected True, False or None)");
      }
    };
  }

  private boolean consume(char expected) {
    if (position < text.length() && text.charAt(position) == expected) {
      position++;
      return true;
    }
    return false;
  }

  private void skipWhitespace() {
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
        return;
      }
      position++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at character " + position);
  }

  private static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }

  private static String shorten(String word) {
    return Printable.quote(word, 20);
  }
}
