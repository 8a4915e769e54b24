package org.losslandscape.pipeline.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.losslandscape.pipeline.io.ResultsException;

/**
 * A recipe's training curve, as {@code training.csv} holds it: the full training set's loss and
 * accuracy after every epoch.
 *
 * @param epoch passes over the data at each row
 * @param step minibatch updates at each row
 * @param loss mean cross-entropy on the training set
 * @param accuracy accuracy on the training set
 */
public record TrainingCurve(double[] epoch, long[] step, double[] loss, double[] accuracy) {

  /** The header the study writes. */
  static final String HEADER = "epoch,step,loss,accuracy";

  /** The curve in {@code file}, or empty when there is no such file. */
  public static Optional<TrainingCurve> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ResultsException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return Optional.of(parse(lines, file.toString()));
  }

  /** Parses the lines of a {@code training.csv}; {@code source} names it in error messages. */
  static TrainingCurve parse(List<String> lines, String source) {
    if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
      throw new ResultsException(source + ": expected the header '" + HEADER + "' on line 1");
    }
    List<String> rows = lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
    int n = rows.size();
    TrainingCurve curve =
        new TrainingCurve(new double[n], new long[n], new double[n], new double[n]);
    for (int r = 0; r < n; r++) {
      String[] cells = rows.get(r).split(",", -1);
      if (cells.length != 4) {
        throw new ResultsException(
            source + ": row " + (r + 1) + " has " + cells.length + " columns, expected 4");
      }
      try {
        curve.epoch[r] = Double.parseDouble(cells[0]);
        curve.step[r] = Long.parseLong(cells[1].strip());
        curve.loss[r] = Double.parseDouble(cells[2]);
        curve.accuracy[r] = Double.parseDouble(cells[3]);
      } catch (NumberFormatException e) {
        throw new ResultsException(
            source + ": row " + (r + 1) + " is not numbers (" + rows.get(r) + ")");
      }
    }
    return curve;
  }

  /** Rows (epochs evaluated). */
  public int rows() {
    return epoch.length;
  }
}
