package org.losslandscape.pipeline.imports;

import com.fasterxml.jackson.databind.JsonNode;
import org.losslandscape.pipeline.io.Printable;
import org.losslandscape.pipeline.io.ResultsException;

/**
 * The one-line refusals of the Keras reader: each starts with the model file and, for a layer,
 * names it and its Keras class. Text from the file is made printable on one line.
 *
 * @param source the model file as the user named it
 */
record KerasErrors(String source) {

  ResultsException fail(String message) {
    return new ResultsException(source + ": " + Printable.oneLine(message));
  }

  ResultsException failAt(KerasLayer layer, String message) {
    return fail(
        "layer '"
            + Printable.quote(layer.name(), 80)
            + "' ("
            + Printable.quote(layer.className(), 80)
            + ") "
            + message);
  }

  static String brief(JsonNode node) {
    String text = node.isMissingNode() ? "(missing)" : node.toString();
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }

  /** An exception's message as one printable line (a library's may span several). */
  static String oneLine(String message) {
    if (message == null) {
      return "no details";
    }
    return Printable.quote(message.replaceAll("\\s+", " ").trim(), 300);
  }
}
